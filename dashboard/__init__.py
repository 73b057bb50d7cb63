"""The Streamlit dashboard: UI only; it reads the published marts and computes no scores."""
