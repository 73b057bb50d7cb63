"""Integriteitsradar's pipelines: from a corporation's exports to the published marts.

One package per capability; imports point down this list, never up (pyproject.toml,
[tool.importlinter]; ``make lint`` and tests/test_architecture.py check it):

- ``cli``: the ``radar`` command line, one module per command group.
- ``ops`` and ``demo``: backup, restore and the health check; the demo organisation.
- ``reports``: the RvC snapshots, their PDF and the Parquet export of the marts.
- ``build``: the SQL models (staging, intermediate, marts), their runner and statistics.
- ``meldingen``: the register of integrity reports, their legal deadlines and route rules,
  with its own audit log (never the reporter, never free text in the log).
- ``register`` and ``access``: the risk register with its audit log and Excel round trip;
  users, roles and log-in.
- ``ingest``: reading exports, mappings, quality suites, pseudonyms and uploads.
- ``core``: what every layer shares: the catalogue, the warehouse file, key files,
  formatting, colours, headline sentences and the locale files with every text.

The dashboard (``dashboard/``) imports from here; nothing here imports the dashboard.
"""
