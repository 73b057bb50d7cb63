"""From an export file to checked rows in the warehouse.

Readers (CSV, XLSX, Parquet; encodings and delimiters), column mappings (``mapping``) and
the rule for numbers (``parsing``), the quality suites per dataset (``quality``: Great
Expectations), the checks run as SQL (``checks``), pseudonyms, the ingest run itself
(``loader``), natural keys and re-exports (``reexports``), uploads from the dashboard, and
the datasets' document (``contracts``).

May import ``pipelines.core`` only.
"""

import warnings

# openpyxl warns in English on stderr of what it leaves out of a workbook it reads ("Workbook
# contains no default style, apply openpyxl's default", "Data Validation extension is not
# supported"): nothing our reading depends on, and no user's to act on (helper-192).
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")
