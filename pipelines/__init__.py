"""Ingest, the catalogue and the scoring pipelines behind the radar."""
