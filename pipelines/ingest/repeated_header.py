"""Two tables stacked in one sheet or CSV, as a hand-kept register grows a year at a time:
2025's rows, a blank line, a title (``Register 2026``), the header again, then 2026's
rows. The repeated header and the title right above it are no data: they are left out,
named in a note on the file; anything else stays a row like any other.

- A repeated header: a row whose cells are the header's, each compared as a header cell
  is matched (recognise.header_name: case, surrounding and inner spaces, accents composed,
  invisible characters), column for column, empty where the header is empty. The raw
  header cells are compared, so a file read through a mapping's renames is no different.
  A row that merely holds one header word (a gift described ``Omschrijving``) is data.
- A title: the row right above a repeated header (blank lines between are no rows) with
  one filled cell that is text: a letter in it, and a space or no digit (``Register
  2026``, ``Nevenfuncties``; a lone key such as ``E7`` stays data); or a line right
  above it of one field where the header has more (``Register 2026`` typed with no
  delimiters: malformed, RawTable/SourceTable keep only its field count), taken out of
  the malformed lines so it is not quarantined. A title above anything else stays what
  it was (a row, quarantined when it breaks a rule; a one-field line too).
- The header again with its columns in another order (each cell one of the header's,
  every one of them, elsewhere) refuses the file where a column that is read moved: the
  rows below it would be read by the first header, each cell under another column's
  name (helper-197); two remarks nothing reads swapped leave it a row (helper-199).
- The note names the title's line and column, never its text (helper-107: a name and an
  illness typed above the header went into the ingest log every role reads). The
  header's cells are shown: the file's column names, no data.

helper-104: a side-jobs register of ten rows in two years had its title and repeated
header quarantined (2 of 12 rows, 17%), and was refused whole.
"""

from __future__ import annotations

import duckdb

from pipelines.ingest.every_cell import NARROW, every
from pipelines.ingest.readers import unusable
from pipelines.ingest.recognise import header_name, note
from pipelines.ingest.source_table import SourceTable, _new_name, sql_text

SPACES = r"[\s\p{Z}\p{Cf}]"  # removed on both sides to find candidates; compared exactly after
SHOWN = 80  # characters of the header shown in the note


def _loose(cell: str) -> str:
    """A cell as the SQL pre-filter compares it: no spaces or invisible marks at all."""
    return "".join(header_name(cell).split())


def _title(cell: str) -> bool:
    """Text, not a value: a letter in it, and a space or no digit (a lone key, E7, is data)."""
    letter = any(ch.isalpha() for ch in cell)
    return letter and (any(ch.isspace() for ch in cell) or not any(ch.isdigit() for ch in cell))


def _quoted_row(source: SourceTable, line: int) -> bool:
    """Whether a one-field line of a CSV holds the delimiter (in quotes: a whole row quoted
    as one field); the file is read again for it, which only such a line above a
    repeated header asks."""
    if source.format != "csv" or not source.delimiter:
        return False
    text = source.path.read_bytes().decode(source.encoding or "utf-8", errors="replace")
    lines = text.splitlines()
    return 0 < line <= len(lines) and source.delimiter in lines[line - 1]


def _refuse_reordered(
    source: SourceTable, found: list[tuple], wanted: list[str], read: set[int] | None
) -> None:
    """UnusableFile for a row that is the header with its columns in another order (a
    second table's own header, Start before Gemeld op): the rows below it would be read
    by the first header, each cell under another column's name (helper-197: a side job's
    start and registration dates swapped, unsaid); not where only columns nothing reads
    (``read``: by index, None for every one) moved (helper-199: two remarks swapped)."""
    for line, *row in found:
        names = [header_name(c or "") for c in row]
        if names != wanted and sorted(filter(None, names)) == sorted(filter(None, wanted)):
            at = [i for i, (n, w) in enumerate(zip(names, wanted, strict=True)) if n != w]
            if read is not None and not set(at) & read:
                continue
            moved = [source.header[i] for i in at]
            raise unusable(
                "repeated_header_reordered", source.path, line=int(line), columns=", ".join(moved)
            )


def drop_repeated_headers(
    con: duckdb.DuckDBPyConnection, source: SourceTable, read: set[int] | None = None
) -> None:
    """Leave the rows of ``source`` (a CSV or XLSX read into its table) that repeat its
    header out of it, each with the title right above it, with a note naming their lines
    (and a title's column, never its text)."""
    if source.format == "parquet" or not any(h.strip() for h in source.header):
        return
    width = len(source.header)
    # candidates in SQL (a large file's rows stay in DuckDB), then compared exactly
    # each cell one of the header's, in any column: the header again in another order too
    # In a wide export the names once, as a list each column looks in (an IN list per
    # column made the statement grow with the square of the columns: helper-201, an HR
    # export of 980 columns took 9 s and gigabytes here whatever its rows); in a narrow
    # one an IN list, the quicker (0.08 s on the large demo). None: only empty rows.
    names = ", ".join(sql_text(n) for n in sorted({_loose(h) for h in source.header} - {""}))

    def one(cell: str) -> str:
        name = f"lower(regexp_replace(nfc_normalize({cell}), {sql_text(SPACES)}, '', 'g'))"
        listed = f"list_contains(header.names, {name})" if width > NARROW else None
        listed = listed or f"{name} in ({names or 'null'})"
        return f"({cell} is null or trim({cell}) = '' or {listed})"

    alike = every([f"c{i}" for i in range(width)], one)  # a wide export's in a list
    cells = ", ".join(f"c{i}" for i in range(width))
    found = con.execute(
        f"select _line, {cells} from {source.name} "
        f"cross join (select [{names}]::varchar[] as names) as header where {alike} order by _line"
    ).fetchall()
    wanted = [header_name(h) for h in source.header]
    repeats = [r[0] for r in found if [header_name(c or "") for c in r[1:]] == wanted]
    _refuse_reordered(source, found, wanted, read)
    if not repeats:
        return
    listed = ", ".join(str(int(n)) for n in repeats)
    # the row right above each repeat (blank lines are no rows; a malformed line is one)
    rows = con.execute(
        f"""select r.line, s._line, {", ".join(f"s.c{i}" for i in range(width))}
        from (select unnest([{listed}]) as line) as r
        asof left join {source.name} as s on s._line < r.line"""
    ).fetchall()
    above: dict[int, tuple[int, int]] = {}  # repeat: title line, column
    titles: set[int] = set()  # malformed lines of one field that are titles
    for line, row_line, *row in rows:
        bad = max((m for m in source.malformed if m[0] < line), default=None)
        if bad is not None and (row_line is None or bad[0] > row_line):
            # a title typed without delimiters; not a whole row quoted as one field
            # ("NW-09;e9;05-03-2026;zorg", review h111: dropped as a title)
            if bad[1] == 1 and width > 1 and not _quoted_row(source, bad[0]):
                above[line] = (bad[0], 0)
                titles.add(bad[0])
            continue
        if row_line is None or row_line in repeats:
            continue
        cells = [(i, c.strip()) for i, c in enumerate(row) if c is not None and c.strip()]
        if len(cells) == 1 and _title(cells[0][1]):
            above[line] = (row_line, cells[0][0])
    source.malformed = [m for m in source.malformed if m[0] not in titles]
    gone = [*repeats, *(t[0] for t in above.values() if t[0] not in titles)]
    leave_out(con, source, gone)
    shown = " | ".join(source.header)
    shown = shown if len(shown) <= SHOWN else shown[: SHOWN - 3] + "..."
    for line in repeats:
        if line in above:
            title_line, col = above[line]
            source.notes.append(
                note(
                    "repeated_header_title",
                    line=line,
                    header=shown,
                    title_line=title_line,
                    column=source.header[col] or f"{col + 1}",
                )
            )
        else:
            source.notes.append(note("repeated_header", line=line, header=shown))


def leave_out(con: duckdb.DuckDBPyConnection, source: SourceTable, lines: list[int]) -> None:
    """``source``'s rows but those of ``lines``: a view over them, by the name of the
    source from now on (its table, and what its cells are read from, stay whole)."""
    view = _new_name("data")
    con.execute(
        f"create temp view {view} as select * from {source.name} "
        f"where _line not in ({', '.join(str(int(n)) for n in lines)})"
    )
    source.owned.append(("view", view))
    source.name = view
