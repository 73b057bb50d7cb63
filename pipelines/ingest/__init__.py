"""From an export file to checked rows in the warehouse.

Readers (CSV, XLSX, Parquet; encodings and delimiters), column mappings (``mapping``) and
the rule for numbers (``parsing``), the quality suites per dataset (``quality``: Great
Expectations), the checks run as SQL (``checks``), pseudonyms, the ingest run itself
(``loader``), natural keys and re-exports (``reexports``), uploads from the dashboard, and
the datasets' document (``contracts``).

May import ``pipelines.core`` only.
"""
