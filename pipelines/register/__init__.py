"""The risk register: its store, its rules and its audit log, and its Excel round trip.

- ``store``: risks and control measures kept as versions in SQLite (schema, transactions,
  seeding from the catalogue, reading and writing rows); every write passes ``rules`` first.
- ``rules``: what a risk or measure field may hold, and the refusals (RegisterError,
  VersionConflict, BatchRefused) with their texts.
- ``audit_log``: the append-only log with its keyed MAC chain, written and read;
  ``audit_verify`` checks it (chain, triggers, heads, replay against the tables);
  ``audit_migrate`` converts an old log once.
- ``excel_export`` writes the register as a workbook, ``excel_import`` reads an edited one
  back; ``excel_layout`` holds what both share (sheets, columns, choice labels).

May import ``pipelines.ingest`` (reading an uploaded workbook) and ``pipelines.core``.
"""
