"""Who may see what: roles from risks/roles.yaml (``roles``), the users file with argon2id
hashes (``users``), log-in with lock-out and throttles (``login``) over its state file and key
(``auth_state``), OpenID Connect roles (``oidc``), and the list of dashboard pages per role
(``page_list``, plain data the dashboard reads).

May import ``pipelines.core`` only.
"""
