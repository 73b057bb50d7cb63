"""What leaves the radar for the board and for other systems: the RvC quarterly snapshot
(``snapshot``, frozen and checksummed), its PDF (``pdf``) and the Parquet export of the
published marts (``parquet``).

May import ``pipelines.build``, ``pipelines.register``, ``pipelines.ingest`` and
``pipelines.core``.
"""
