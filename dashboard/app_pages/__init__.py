"""One module per dashboard page, run by st.navigation from streamlit_app.py."""
