"""From an export file to checked rows in the warehouse.

Readers (CSV, XLSX, Parquet; encodings and delimiters), mappings and the rule for numbers
(``parsing``), the quality suites per dataset (``quality``: Great Expectations), the
checks run as SQL (``checks``), pseudonyms, natural keys and re-exports (``loader``),
uploads from the dashboard, and the datasets' document (``contracts``).

May import ``pipelines.core`` only.
"""
