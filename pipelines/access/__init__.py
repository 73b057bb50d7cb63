"""Who may see what: users (bcrypt), roles from risks/roles.yaml, log-in state and lock-out,
and the list of dashboard pages per role (``page_list``, plain data the dashboard reads).

May import ``pipelines.core`` only.
"""
