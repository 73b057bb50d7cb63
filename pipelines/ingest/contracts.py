"""The canonical datasets as a document: docs/contracts.md is written from the quality
suites' specs (pipelines/ingest/quality: columns, types, required columns, codes) and the natural
keys of pipelines/ingest, so the document and the code cannot disagree
(tests/test_docs.py compares them). Regenerate after changing a dataset:

    python -m pipelines.ingest.contracts > docs/contracts.md
"""

from __future__ import annotations

from pipelines.ingest.quality import DATASETS
from pipelines.ingest.quality.base import Column, DatasetSpec
from pipelines.ingest.reexports import NATURAL_KEYS, PERIOD_COLUMNS

INTRO = """# Canonical input datasets

Generated from `pipelines/ingest/quality/` and `pipelines/ingest/reexports.py` by
`python -m pipelines.ingest.contracts > docs/contracts.md`; `tests/test_docs.py` fails when this
file and the code differ. The rules of each dataset (ranges, dates not in the future,
known org units, the org tree) are in its module, `pipelines/ingest/quality/<dataset>.py`, each
with the Dutch reason a quarantined row carries.

Sources with other column names reach these names through a column mapping (one small YAML
per source, see README "Data in: exports as they come"). Files may be CSV, XLSX or
Parquet, in Dutch conventions. `*_key` columns hold employee or manager numbers as the
source has them; ingest replaces them with keyed hashes before anything is stored. Every
row that breaks a rule is quarantined with dataset, file, line and reason: rows in = rows
loaded + rows quarantined.
"""

KEYS_INTRO = """## Keys and re-exports

Exports overlap: HR and registers are usually exported "year to date" every month, and a
corrected export repeats rows. Per natural key the row from the newest export wins (the
staging models keep it).

| dataset | natural key |
|---|---|
"""


def _codes(column: Column) -> str:
    also = []
    if isinstance(column.spellings, str):
        also.append("also by their labels in the catalogue, without dots")
    elif column.spellings:
        also.append(
            f"without dots, and {len(column.spellings)} other spellings (the dataset's module)"
        )
    if column.months:
        also.append("a month without a day (2026-03) is its first day")
    if column.percent:
        also.append("80% is 0.8")
    if column.hours:
        also.append("7:30 is 7.5")
    if column.codes_from is not None:
        codes = f"one of the file's own {column.codes_from} (case, accents aside)"
    elif column.codes is None:
        codes = ""
    elif isinstance(column.codes, str):
        codes = f"known codes ({column.codes})"
    else:
        codes = ", ".join(column.codes)
    return "; ".join(x for x in (codes, *also) if x)


def _dataset(spec: DatasetSpec) -> str:
    rows = "\n".join(
        f"| {c.name} | {c.type} | {'yes' if c.required else ''} | {_codes(c)} |"
        for c in spec.columns
    )
    return (
        f"## {spec.name}: {spec.description}\n\n"
        f"Natural key: {', '.join(NATURAL_KEYS[spec.name])}.\n\n"
        "| column | type | required | codes |\n|---|---|---|---|\n"
        f"{rows}\n"
    )


def _keys() -> str:
    rows = "\n".join(f"| {name} | {', '.join(NATURAL_KEYS[name])} |" for name in DATASETS)
    names = " and ".join(f"`{name}`" for name in PERIOD_COLUMNS)
    dates = " and ".join(f"`{column}`" for column in PERIOD_COLUMNS.values())
    return (
        KEYS_INTRO + rows + "\n\n"
        f"{names} have their key only when the source carries the register's own "
        "`record_id`. A source without one declares in its mapping which period each export "
        f"covers (`covers`: month, year or all; a row's period is its {dates}); a newer "
        "export of a period replaces that period's rows, since two identical gifts can be "
        "two real gifts. A survey whose tool renews its anonymous respondent numbers in "
        "every export declares `covers: wave`: the newest export of a wave replaces it, in "
        "the org units it holds it in.\n\n" + KEYS_WITHIN_A_FILE
    )


KEYS_WITHIN_A_FILE = """\
Within one file a natural key appears once: a row repeated inside one export (two
exports pasted into one file, a report that lists a row twice) would count twice, since
only a newer export replaces a row, so every row of a repeated key goes to quarantine
(`duplicate_key`, "... komt meer dan eens voor in dit bestand (ook op regel 5)", naming
up to five other lines that hold the key), also where one of them is quarantined for an
unreadable cell of its own (its twin would load as the key's only row). Rows alike in every
column read say so and the way out: if it is the same row twice in the export, of which
neither counts, remove the repeated line and read the file again. A row with its key empty
(a register without `record_id`) is not checked. `trainings` is the exception: two
sessions of one kind on one day in one unit can both be real, and a re-export still
replaces them by that key.
"""


class ContractError(ValueError):
    """A dataset the document cannot describe (its natural key is missing)."""


def markdown() -> str:
    """docs/contracts.md, in the quality suites' load order."""
    unkeyed = [name for name in DATASETS if name not in NATURAL_KEYS]
    if unkeyed:
        raise ContractError(
            f"dataset {', '.join(unkeyed)} has no natural key: add it to NATURAL_KEYS in "
            "pipelines/ingest/reexports.py (docs/architecture.md, add a dataset, step 2)"
        )
    parts = [INTRO, *(_dataset(spec) for spec in DATASETS.values()), _keys()]
    return "\n".join(parts)


if __name__ == "__main__":
    try:
        text = markdown()
    except ContractError as err:
        raise SystemExit(f"contracts: {err}") from None
    print(text, end="")
