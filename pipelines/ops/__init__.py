"""Running the radar: backup and restore (``backup``) and the health check (``doctor``).

May import every package below it (reports, build, meldingen, register, access, ingest,
core), not ``pipelines.demo`` (its own layer) or ``pipelines.cli``.
"""
