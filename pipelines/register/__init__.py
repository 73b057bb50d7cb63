"""The risk register: risks and control measures kept as versions in SQLite (``store``),
its append-only audit log with a keyed MAC chain (``audit_log``, ``audit_migrate``) and
its Excel round trip (``excel``).

May import ``pipelines.ingest`` (reading an uploaded workbook) and ``pipelines.core``.
"""
