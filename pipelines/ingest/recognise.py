"""Which dataset a file is and which of its columns is which: from its column mapping
(the mapping's names, every one of which must be in the file) or from its header (the
canonical names, the dataset whose required columns it has and with which it shares the
most). A file that fits none, lacks a required column or maps two columns onto one is
UnusableFile, naming what is missing and how the file was recognised."""

from __future__ import annotations

import re
import unicodedata

import duckdb

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.codes import code_key
from pipelines.ingest.dash_cells import dash_notes
from pipelines.ingest.header_says import check_header
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.natural_keys import NATURAL_KEYS
from pipelines.ingest.parsing import plain_marks, without_invisible
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.quality.base import DatasetSpec, SuiteContext
from pipelines.ingest.readers import RawTable, unusable
from pipelines.ingest.said_numbers import masked
from pipelines.ingest.source_table import SourceTable, sql_text
from pipelines.ingest.struck_rows import struck_rows


def header_name(cell: str) -> str:
    """A column name as it is matched: without surrounding spaces and case, its accents
    composed (NFC), so a header an editor wrote decomposed (e + combining accent) is the
    mapping's 'Privé-kilometers'; any run of spaces, line breaks and tabs inside it one
    space (a header cell wrapped with Alt+Enter, 'Datum<line break>ontvangst', is the
    mapping's 'Datum ontvangst'; 'Waarde  (€)' its 'Waarde (€)'; helper-101); without
    invisible characters (a soft hyphen Excel keeps unseen, helper-103); typographic quotes
    and dashes as plain ones (dilemma’s is the mapping's dilemma's, helper-104)."""
    text = plain_marks(without_invisible(cell))
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()


def canonical(cell: str, known: set[str]) -> str:
    """A header cell as a canonical column name, in a file without a mapping:
    header_name's form, and where spaces or hyphens between its words make it one of
    ``known`` (every dataset's columns), that one (helper-104: 'Employee Key' is
    employee_key, 'received-on' received_on)."""
    name = header_name(cell)
    joined = re.sub(r"[\s-]+", "_", name)
    return joined if joined in known else name


def note(key: str, **values: object) -> Message:
    """A note about a file (locales/ingest.yaml, note.*): Dutch as str() (the warehouse's
    ingest_log keeps that), the CLI's language by text(lang)."""
    return Message(f"note.{key}", locale_file="ingest", **values)


def recognise(
    table: RawTable | SourceTable, mapping: Mapping | None
) -> tuple[DatasetSpec, dict[str, str], list[str]]:
    """The dataset, the map from header cell to canonical column, and notes for the log."""
    path = table.path
    header = table.header
    # a name twice in the header: refused where a mapping or a contract reads it (which of
    # the two?), ignored with a note where nothing does (Exact and AFAS repeat
    # 'Omschrijving' beside each code column; helper-101: such a file was unusable)
    dupes = sorted({h for h in header if header.count(h) > 1 and h})
    mapped = {header_name(k) for k in mapping.columns} if mapping is not None else set()
    known = {c for s in DATASETS.values() for c in s.column_names}
    read_twice = [h for h in dupes if header_name(h) in mapped or header_name(h) in known]
    if read_twice:
        raise unusable("duplicate_header", path, columns=", ".join(read_twice))
    filled = mapping.from_export_date if mapping else None  # the radar's, not the file's
    own = header[:-1] if filled and header and header[-1] == filled else header
    shown = " | ".join([repr(h) for h in own[:40]] + ["..."] * (len(own) > 40))
    if mapping is not None:
        spec = DATASETS[mapping.dataset]
        lower: dict[str, str] = {}
        for source, target in mapping.columns.items():  # two names of one header cell
            name = header_name(source)
            if lower.setdefault(name, target) != target:  # (helper-193: the last one won)
                first = next(k for k in mapping.columns if header_name(k) == name)
                raise unusable(
                    "mapping_columns_same_name", mapping.path, first=first, one=lower[name],
                    second=source, other=target,
                )  # fmt: skip
        # the mapping says which columns it reads: another one, 'Record ID' beside a mapped
        # Volgnummer, stays unread (helper-107: read as record_id, two onto one, refused)
        rename = {h: lower.get(header_name(h), header_name(h)) for h in header}
        # A column the mapping names that the file lacks is a mapping that does not fit
        # this export (renamed in the source, a typo): refused, never read as an empty
        # column that would replace what an earlier export loaded.
        cells = {header_name(h) for h in header}
        lacking = [
            f"'{source}' ({target})"
            for source, target in mapping.columns.items()
            if header_name(source) not in cells and target not in cells
        ]
        if lacking:
            raise unusable(
                "mapped_missing",
                path,
                columns=", ".join(lacking),
                mapping=mapping.path,
                header=shown,
            )
    else:
        rename = {h: canonical(h, known) for h in header}
        names = set(rename.values())
        candidates = [
            (len(names & set(s.column_names)), s)
            for s in DATASETS.values()
            if set(s.required) <= names
        ]
        if not candidates:
            best = max(
                DATASETS.values(),
                key=lambda s: (len(names & set(s.column_names)), s.name in path.stem.lower()),
            )
            overlap = sorted(names & set(best.column_names))
            missing = [c for c in best.required if c not in names]
            if len(overlap) >= 2 or best.name in path.stem.lower():
                # recognised by its columns, or (none in common) by its file name
                known_by = (
                    Message(
                        "unusable.known_by_columns",
                        locale_file="ingest",
                        columns=", ".join(overlap),
                    )
                    if overlap
                    else Message("unusable.known_by_name", locale_file="ingest")
                )
                raise unusable(
                    "required_missing_known_by",
                    path,
                    dataset=best.name,
                    columns=", ".join(missing),
                    known_by=known_by,
                    header=shown,
                )
            # a file without its header shows its first row: a personnel number there is
            # shown masked (helper-269 F9: 'de kolommen (100016, 2025, 0,5)')
            raise unusable("unknown_dataset", path, columns=masked(", ".join(header)))
        candidates.sort(key=lambda c: (c[0], c[1].name in path.stem.lower()), reverse=True)
        spec = candidates[0][1]
    targets: dict[str, list[str]] = {}
    for header_cell, target in rename.items():
        if target in spec.column_names:
            targets.setdefault(target, []).append(header_cell)
    twice = {t: cells for t, cells in targets.items() if len(cells) > 1}
    if twice:
        target, cells = next(iter(sorted(twice.items())))

        def joined(lang: str) -> str:
            word = Message("unusable.and", locale_file="ingest").text(lang)
            return f" {word} ".join(repr(c) for c in cells)

        raise unusable("two_onto_one", path, cells=InLanguage(joined), target=target)
    names = set(rename.values())
    missing = [c for c in spec.required if c not in names]
    if missing:
        raise unusable(
            "required_missing", path, dataset=spec.name, columns=", ".join(missing), header=shown
        )
    notes = []
    # a column without a name is said by nameless_columns when it holds anything
    # a column drop_rows reads is read (helper-197: Status was said to be ignored)
    dropping = {header_name(k) for k in mapping.drop_rows} if mapping is not None else set()
    extra = [
        h
        for h in dict.fromkeys(header)
        if rename[h] not in spec.column_names and h.strip() and header_name(h) not in dropping
    ]
    if dupes:
        notes.append(note("duplicate_ignored", columns=", ".join(dupes)))
    if extra:  # under a mapping's columns: not mapped either (helper-171: 'Aanwezig', left
        # out of the mapping, was said to be outside the contract, attended_n loaded empty)
        said = (
            "extra_columns_mapped" if mapping is not None and mapping.columns else "extra_columns"
        )
        notes.append(note(said, columns=", ".join(extra)))
        notes += per_month_notes(spec, extra)
    # record_id is optional by nature (a register without numbers): not worth a note;
    # an overlap without it is said when it happens (overlap_notes).
    absent = [c for c in spec.column_names if c not in names and c != "record_id"]
    if absent:
        notes.append(note("absent_columns", columns=", ".join(absent)))
    read_as = {h: rename[h] for h in header if rename[h] in spec.column_names}
    check_header(path, spec, read_as, mapping)  # what a column's name says of its cells
    for header_cell, name in read_as.items():
        if mapping is not None and name in mapping.convert:
            notes.append(note("converted", column=name, header=header_cell,
                              factor=mapping.convert[name].said()))  # fmt: skip
    return spec, read_as, notes


# A column's name that says a month or a period: its first word one (Maand, Periode, Mnd,
# Kwartaal, Boekperiode, Declaratiemaand, Maand/jaar), or each of its words a month's or
# a year's (Jaar-maand); not a rate or a term (Leasebedrag per maand, Looptijd (mnd),
# Leaseperiode, Proefperiode: helper-256), nor Maandag
MONTH_FIRST = re.compile(
    r"(boek|declaratie)?(maand|periode)(nr|nummer)?|period|month|mnd|kwartaal|quarter"
)
MONTH_WORDS = frozenset(("jaar", "maand", "year", "month", "periode", "period", "nr", "nummer"))


def per_month_notes(spec: DatasetSpec, extra: list[str]) -> list[Message]:
    """A column left unread whose name says a month, in a file of a dataset counted per
    year (vehicle_use: employee_key, year): monthly files each replace the one before per
    key, the newest export counting, so only the last month is left (helper-253 F5: three
    months' lease kilometres, 2,505 km, kept 555 without a word but the key count)."""
    key = NATURAL_KEYS.get(spec.name, ())
    if "year" not in key or any(c.type == "month" for c in spec.columns):
        return []
    words = {h: re.findall("[a-z]+", code_key(h)) for h in extra}
    months = [
        h for h, w in words.items() if w and (MONTH_FIRST.fullmatch(w[0]) or set(w) <= MONTH_WORDS)
    ]
    return [
        note("per_month", column=h, dataset=spec.name, natural=", ".join(key)) for h in months[:1]
    ]


def numbers_in_text_columns(
    con: duckdb.DuckDBPyConnection, source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> list[Message]:
    """A text column of the contract (a key, a code) with cells that are numbers in the
    spreadsheet: whatever leading zeros the value had (000101) were gone before the file
    was written, so it may no longer match the same number in other exports (a person's
    rows then count nowhere: report_unlinked_rows; a re-export's rows count twice). Not
    guessed back: said per column, with how many cells. Only where zeros may have been:
    a person's key, which HR numbers (000101), or a column whose text cells in this
    file begin with a zero (helper-266, helper-268: a register's Volgnr 1 to 15 and a
    survey tool's respondent numbers were said so on every file; a re-export's ids are
    compared by their zeros anyway, counted_on.zeros_notes)."""
    types = {c.name: c.type for c in spec.columns}
    found = []
    for header, name in rename.items():
        flag = source.number_flag(header) if types.get(name) == "text" else None
        if flag:
            person = name.endswith("_key") and name != "respondent_key"
            zeros = f"not {flag} and regexp_matches(trim({source.column(header)}), '^0[0-9]')"
            # lines, not cells of the unpivoted table (a wide export's id once per item)
            (cells, zeroed) = con.execute(
                f"select count(distinct _line) filter (where {flag}), count(*) filter "
                f"(where {zeros}) from {source.name}"
            ).fetchone()
            if cells and (person or zeroed):
                found.append(f"{header} ({cells})")
    return [note("numbers_in_text", columns=", ".join(found))] if found else []


def column_notes(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    spec: DatasetSpec,
    rename: dict[str, str],
    mapping: Mapping | None = None,
    ctx: SuiteContext | None = None,
) -> list[Message]:
    """What the ingest log says of the contract's columns as the file wrote them (``ctx``:
    the rules' context, for what they refuse)."""
    return [
        *numbers_in_text_columns(con, source, spec, rename),
        *dates_in_text_columns(source, spec, rename),
        *float_keys(con, source, spec, rename),
        *date_shown_keys(con, source, spec, rename),
        *dash_notes(con, source, spec, rename, mapping, ctx),  # '-' among numbers
        *not_available_cells(con, source, rename, mapping),  # a lookup without outcome
        *struck_rows(con, source),  # rows crossed out in a workbook
    ]


# Excel's "not available" (#N/A; #N/B in Dutch Excel): a NULL_MARKER, so an empty cell,
# but most often a lookup formula (VERT.ZOEKEN) that found nothing, where the source
# meant a value: said per column (helper-202: twelve gifts' amounts empty, unsaid).
NOT_AVAILABLE = ("#N/A", "#N/B")


def not_available_cells(
    con: duckdb.DuckDBPyConnection, source: SourceTable, rename: dict[str, str],
    mapping: Mapping | None = None,
) -> list[Message]:  # fmt: skip
    """The read columns with #N/A or #N/B cells, read as empty: how many lines, the first."""
    labelled = {
        name for name, labels in (mapping.values if mapping is not None else {}).items()
        if any(str(k).strip().upper() in NOT_AVAILABLE for k in labels)
    }  # fmt: skip
    headers = [h for h, name in rename.items() if name not in labelled]
    if headers:  # first the columns with a # at all: a scan for a byte, not a count
        hashed = con.execute(
            "select "
            + ", ".join(
                f"coalesce(bool_or(contains({source.column(h)}, '#')), false)" for h in headers
            )
            + f" from {source.name}"
        ).fetchone()
        headers = [h for h, found in zip(headers, hashed, strict=True) if found]
    if not headers:
        return []
    marks = ", ".join(f"'{m}'" for m in NOT_AVAILABLE)
    found = con.execute(
        "select "
        + ", ".join(
            f"count(distinct _line) filter (where upper(trim({source.column(h)})) in ({marks})), "
            f"min(_line) filter (where upper(trim({source.column(h)})) in ({marks}))"
            for h in headers
        )
        + f" from {source.name}"
    ).fetchone()
    said = []
    for header, lines, first in zip(headers, found[0::2], found[1::2], strict=True):
        if lines and source.unpivoted and header == source.header[-1]:
            # a wide export's answers: the columns they stood in (helper-203: 'answer')
            said += [
                f"{column} ({n}, {at})"
                for column, n, at in con.execute(
                    f"select _source, count(distinct _line), min(_line) from {source.name} "
                    f"where upper(trim({source.column(header)})) in ({marks}) "
                    "group by _source order by 3, 1"
                ).fetchall()
            ]
        elif lines:
            said.append(f"{header} ({lines}, {first})")
    return [note("not_available_cells", columns=", ".join(said))] if said else []


def dates_in_text_columns(
    source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> list[Message]:
    """A text column of the contract (a key, a code) with cells the workbook holds as
    dates: Excel makes a date of a code typed as 3-12 or 1/2, so such a cell arrives as
    2026-12-03 (helper-97). Not guessed back: said per column, with how many cells."""
    types = {c.name: c.type for c in spec.columns}
    found = [
        f"{header} ({count})"
        for header, name in rename.items()
        if types.get(name) == "text"
        and (count := source.facts.date_cells.get(source.header.index(header), 0))
    ]
    return [note("dates_in_text", columns=", ".join(found))] if found else []


# How Excel shows a code it took for a date, saved so in a CSV (2026-01 as jan-26, 1-2 as
# 1-feb, 12-3 as 12-mrt): a day and a month's short name, or the name and two digits
EXCEL_SHOWN_DATE = (
    r"(?i)([0-9]{1,2}-(jan|feb|mrt|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)"
    r"|(jan|feb|mrt|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)-[0-9]{2})"
)


def date_shown_keys(
    con: duckdb.DuckDBPyConnection, source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> list[Message]:
    """Key and _id columns of a CSV with cells as Excel shows a code it took for a date
    (jan-26 for 2026-01): not the code another export writes, so such a row counts as
    another (helper-156: a register numbered 2026-01 ... saved again by Excel counted 12
    gifts twice). Not guessed back (jan-26 may be 2026-01 or 01-2026): said per column,
    with its lines and an example (an id's; never a person's key, which is pseudonymised:
    helper-247). A workbook says so of its date cells (dates_in_text_columns)."""
    if source.format != "csv":
        return []
    found = []
    keyed = [(h, n) for h, n in rename.items() if n in spec.key_columns or n.endswith("_id")]
    if not keyed:
        return []
    # every column in one pass: the lines and the first cell of each so written
    pattern = sql_text(EXCEL_SHOWN_DATE)  # a constant: compiled once, not per cell
    cells = [source.column(h) for h, _ in keyed]
    shown = ", ".join(
        f"{c}, regexp_full_match(trim({c}), {pattern}) as _m{i}" for i, c in enumerate(cells)
    )
    asked = ", ".join(
        f"count(distinct _line) filter (where _m{i}), min({c}) filter (where _m{i})"
        for i, c in enumerate(cells)
    )
    anywhere = " or ".join(f"_m{i}" for i in range(len(cells)))
    said = con.execute(
        f"select {asked} from (select _line, {shown} from {source.name}) where {anywhere}"
    ).fetchone()
    for i, (header, name) in enumerate(keyed):
        lines, example = said[2 * i], said[2 * i + 1]
        if lines and name in spec.key_columns:  # a person's key is never quoted
            found.append(f"{header} ({lines})")
        elif lines:
            found.append(f"{header} ({lines}; '{example.strip()}')")
    return [note("dates_shown_in_keys", columns=", ".join(found))] if found else []


def float_keys(
    con: duckdb.DuckDBPyConnection, source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> list[Message]:
    """Key and _id columns with numbers written as decimals (101.0: a tool that stored
    the key as a number) or with thousands grouped (100.101): read as the whole number
    (key_numbers.KEY_NUMBERS), as a workbook's number cell is, so the person or the record is
    the same as in files that write 101; said per column."""
    from pipelines.ingest.key_numbers import (
        FIXED_SCALE_KEY,
        FLOAT_WHOLE,
        GROUPED_KEY,
        SPACES_SQL,
        marked_columns,
    )

    kinds = {"float_keys": f"{FLOAT_WHOLE}|{FIXED_SCALE_KEY}", "grouped_keys": GROUPED_KEY}
    # in RE2, whose \s is ASCII's: as key_numbers_sql reads them (helper-247: a key with a
    # no-break space before it was read as its number and not counted here)
    kinds = {kind: pattern.replace(r"\s", SPACES_SQL) for kind, pattern in kinds.items()}
    found: dict[str, list[str]] = {kind: [] for kind in kinds}
    keyed = [h for h, n in rename.items() if n in spec.key_columns or n.endswith("_id")]
    # only a column with a dot, a comma or a grouping space in a cell can hold one
    marked = marked_columns(con, source.name, [source.column(h) for h in keyed])
    for header in (h for h, m in zip(keyed, marked, strict=True) if m):
        column = source.column(header)
        # each distinct cell matched once, then the lines of those that match (a regex on
        # every row took 0.2-0.3 s of the large demo's survey export, this 0.07 s)
        counts = con.execute(
            f"""with marked as (
                select cell, regexp_full_match(cell, ?) as a, regexp_full_match(cell, ?) as b
                from (select distinct {column} as cell from {source.name}) where cell is not null
            )
            select count(distinct s._line) filter (where m.a),
                count(distinct s._line) filter (where m.b)
            from {source.name} as s
            join (select * from marked where a or b) as m on s.{column} = m.cell""",
            list(kinds.values()),
        ).fetchone()
        for kind, cells in zip(kinds, counts, strict=True):
            if cells:
                found[kind].append(f"{header} ({cells})")
    return [note(kind, columns=", ".join(cols)) for kind, cols in found.items() if cols]


def nameless_columns(con: duckdb.DuckDBPyConnection, source: SourceTable) -> list[Message]:
    """Columns without a name in the header that hold values. After the last named column
    of a CSV such a column is unusable: it is often a decimal comma in a comma-separated
    file (1200,50 read as 1200 and a nameless 50), which would leave the number wrong
    without a word; the file is refused, naming the column's place and the first line with
    a value there (not the value: it may be anything). Elsewhere (the index column pandas
    and R write first, an unnamed notes column in a workbook) it is ignored and said. A
    nameless column empty everywhere (a delimiter at the end of each line) is no data."""
    last_named = max((i for i, c in enumerate(source.header) if c.strip()), default=-1)
    ignored = []
    for i, cell in enumerate(source.header):
        if cell.strip():
            continue
        (line,) = con.execute(
            f"select min(_line) from {source.name} where trim(c{i}) <> ''"
        ).fetchone()
        if line is None:
            continue
        if source.format == "csv" and i > last_named:
            # a decimal comma splits a number only where the comma is the delimiter
            raise unusable(
                "nameless_column" if source.delimiter == "," else "nameless_column_text",
                source.path,
                position=i + 1,
                line=line,
                delimiter={"\t": "tab"}.get(source.delimiter or "-", source.delimiter or "-"),
            )
        ignored.append(str(i + 1))
    return [note("nameless_ignored", positions=", ".join(ignored))] if ignored else []
