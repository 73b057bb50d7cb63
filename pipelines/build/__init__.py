"""The SQL build: the models under ``sql/`` (staging, intermediate, marts; one file per
model), their runner in dependency order (``models``), the exact tail probabilities they
call (``stats``) and the whole build from raw files to published marts (``builder``).

May import ``pipelines.meldingen`` (the reports' aggregatable columns, the follow-up
state), ``pipelines.register``, ``pipelines.access``, ``pipelines.ingest`` and
``pipelines.core``.
"""
