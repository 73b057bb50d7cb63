"""What leaves the radar for the board and for other systems: the RvC quarterly snapshot
(``snapshot``, frozen and checksummed), its PDF (``pdf``) and the Parquet export of the
published marts (``parquet``); ``meldingen_summary`` makes the snapshot's section on the
integrity reports from the published marts.

May import ``pipelines.build``, ``pipelines.meldingen``, ``pipelines.register``,
``pipelines.ingest`` and ``pipelines.core``.
"""
