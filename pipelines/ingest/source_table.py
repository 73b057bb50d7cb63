"""An export file as a DuckDB table of text cells, each row with the line it came from.

A CSV is read by DuckDB itself (``read_csv``, every column as text) once its encoding,
delimiter and header are known from its first lines (readers.decode,
delimiters.choose_delimiter). Windows-1252 is converted to UTF-8 first, in Python (DuckDB's
own ``latin-1`` is not Windows-1252: ``€`` is 0x80), into a temporary file. DuckDB gives no
line numbers for the rows it reads, so they come from the file's own line ends: every
line after the header that is neither empty nor a row DuckDB rejected (wrong number of
fields, in its rejects table with their line) is one row, in order. When that cannot
hold (a quoted value spanning lines, a mix of line ends, anything DuckDB refuses) or the
counts disagree, the file is read by readers.read_csv instead, which gives the same table
row for row (tests/test_source_table.py holds the two readers to that). XLSX and Parquet
are read by readers.py and handed over as a table.

The table has ``_rid`` (the row's id), ``_line`` (its line in the file), ``_source`` (in a
wide export, the column a value came from) and one text column per header cell,
``c0``, ``c1``, ...; a row whose cells are all empty is no row.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pipelines.core.texts import Message
from pipelines.core.warehouse import process_alive, radar_home
from pipelines.ingest.cell_texts import NumberCell
from pipelines.ingest.delimiters import choose_delimiter, header_lines
from pipelines.ingest.readers import (
    END_OF_FILE,
    CellFacts,
    RawTable,
    _no_header,
    csv_rows,
    decode,
    header_cells,
    header_start,
    read_csv,
    read_table,
    spaced_quote,
    unusable,
)
from pipelines.ingest.ruled_lines import may_hold_rules
from pipelines.ingest.utf16 import first_lines

# What counts as space around a cell: what Python's str.strip takes away (tab, no-break
# space, U+3000, ...), written out: finding them among all 1.1 million code points took
# 0.1 s of every command's start (tests/test_source_table.py holds the two equal).
SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The rejects DuckDB reports for a row with too few or too many fields.
FIELD_COUNT_ERRORS = {"MISSING COLUMNS", "TOO MANY COLUMNS"}
_names = itertools.count()


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def trimmed(expr: str) -> str:
    """A cell without surrounding space; empty is NULL. A cell that starts and ends with
    a visible ASCII character (nearly all) is taken as it is: a trim over a set of
    characters costs about five times as much."""
    visible = f"ascii({expr}) between 33 and 126 and ascii(right({expr}, 1)) between 33 and 126"
    return f"(case when {visible} then {expr} else nullif(trim({expr}, {sql_text(SPACE)}), '') end)"


@dataclass
class SourceTable:
    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    header: list[str]
    name: str  # the DuckDB temporary view (or table) of the rows
    rows: int = 0  # counted when the rows are typed (checks.check_source)
    malformed: list[tuple[int, int, int]] = field(default_factory=list)  # readers.RawTable
    bad_fields: dict[int, list[str]] = field(default_factory=dict)  # readers.RawTable
    unpivoted: bool = False
    reader: str = "duckdb"
    notes: list[Message | str] = field(default_factory=list)  # how it was read, for the log
    cells: str = ""  # the table a column's distinct cells are read from
    owned: list[tuple[str, str]] = field(default_factory=list)  # what drop() removes
    order_proof: tuple[str, ...] | None = None  # date_order.file_order_proof: column, cell
    month_first_text: str | None = None  # under mdy, a text date only month first (any column)
    # Columns (by index) with cells that hold numbers (XLSX, Parquet): beside ``c<i>``
    # the table has ``n<i>``, true for such a cell (cell_texts.NumberCell).
    numeric: set[int] = field(default_factory=set)
    facts: CellFacts = field(default_factory=CellFacts)  # readers.RawTable.facts
    dropped: str = ""  # the rows a mapping's drop_rows left out (dropped_rows.py)

    # the rows a malformed line counts for: a wide export's, the answers it holds (unpivot;
    # helper-268 F2: a line of 8 answers counted as one, and 22% of the respondents
    # quarantined were 3.6% of the rows, under the share that refuses a file)
    line_rows: dict[int, int] = field(default_factory=dict)  # by line; else one
    header_lines: frozenset[int] = frozenset()  # a wide export's extra header rows: one each
    wide_header: list[str] | None = None  # a wide export's, its malformed lines' (unpivot)

    @property
    def malformed_rows(self) -> int:
        """The rows the malformed lines count for."""
        lines = (n for n, _, _ in self.malformed)
        return sum(1 if n in self.header_lines else self.line_rows.get(n, 1) for n in lines)

    @property
    def rows_in(self) -> int:
        return self.rows + self.malformed_rows

    def column(self, header_cell: str) -> str:
        return f"c{self.header.index(header_cell)}"

    def number_flag(self, header_cell: str) -> str | None:
        """The column telling which cells of this column hold numbers, if any do."""
        return f"n{i}" if (i := self.header.index(header_cell)) in self.numeric else None

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        for kind, name in reversed(self.owned):
            con.execute(f"drop {kind} if exists {name}")
        self.owned = []


def _new_name(prefix: str) -> str:
    return f"_{prefix}_{os.getpid()}_{next(_names)}"


def _filled(width: int) -> str:
    """SQL: the row (``r``) has a cell with more than space in it. DuckDB evaluates an
    ``or`` only on the rows still undecided, so this mostly looks at the first cell."""
    cells = (f"r.c{i}" for i in range(width))
    return (
        " or ".join(f"ascii({c}) between 33 and 126 or {trimmed(c)} is not null" for c in cells)
        or "false"
    )


def _empty_rows(con: duckdb.DuckDBPyConnection, raw: str, width: int) -> int:
    """The rows of ``raw`` with nothing but space in them (no rows: skipped)."""
    filled = _filled(width)
    sql = f"select count(*) from {raw} as r where not coalesce({filled}, false)"
    return con.execute(sql).fetchall()[0][0]


def _finish(con: duckdb.DuckDBPyConnection, source: SourceTable, raw: str, lines: np.ndarray):
    """The source table: ``raw`` (dropped) beside ``lines``, no all-empty row. Not a view:
    the checks read it four times (the large demo's survey: 3.3 s with a view, 2.4 s)."""
    numbers = _new_name("lines")
    frame = pd.DataFrame({"_line": np.asarray(lines, dtype="int64")})
    con.register(numbers + "_df", frame)
    try:
        con.execute(f"create temp table {numbers} as select _line from {numbers}_df")
    finally:
        con.unregister(numbers + "_df")
    source.cells = source.name
    source.owned.append(("table", source.name))
    con.execute(
        f"""create temp table {source.name} as
        select l._line as _rid, l._line, cast(null as varchar) as _source, r.*
        from {raw} as r positional join {numbers} as l
        where {_filled(len(source.header))}"""
    )
    con.execute(f"drop table {raw}; drop table {numbers}")


def from_raw_table(con: duckdb.DuckDBPyConnection, table: RawTable) -> SourceTable:
    """A table readers.py read (XLSX, Parquet, or a CSV the fast path could not take)."""
    source = SourceTable(
        table.path,
        table.format,
        table.encoding,
        table.delimiter,
        table.header,
        _new_name("src"),
        malformed=list(table.malformed),
        bad_fields=dict(table.bad_fields),
        reader="python",
        notes=list(table.notes),
        facts=table.facts,
    )
    width = len(table.header)
    frame = pd.DataFrame(
        table.rows if table.rows else np.empty((0, width), dtype=object),
        columns=[f"c{i}" for i in range(width)],
        dtype=object,
    )
    for i in range(width):
        flags = frame[f"c{i}"].map(lambda v: isinstance(v, NumberCell))
        if flags.any():
            source.numeric.add(i)
            frame[f"n{i}"] = flags.astype(bool)
    raw = _new_name("raw")
    con.register(raw + "_df", frame)
    try:
        casts = ", ".join(
            [f"cast(c{i} as varchar) as c{i}" for i in range(width)]
            + [f"n{i}" for i in sorted(source.numeric)]
        )
        con.execute(f"create temp table {raw} as select {casts} from {raw}_df")
    finally:
        con.unregister(raw + "_df")
    _finish(con, source, raw, np.asarray(table.lines, dtype="int64"))
    return source


def _header(text: str, header_row: int, path: Path) -> tuple[list[str], str, int]:
    """The header cells, the delimiter and the last line of the header (after Excel's
    ``sep=;`` line when the file begins with one: its delimiter is the file's)."""
    header_row, named = header_start(text, header_row)
    lines = header_lines(text, header_row)
    if not lines:
        raise _no_header(path, header_row)
    delimiter = named or choose_delimiter(lines) or ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for row in csv_rows(reader, path):
        line, start = start, reader.line_num + 1
        if line < header_row or not row or all(not c.strip() for c in row):
            continue
        return header_cells(row, path, line, delimiter), delimiter, reader.line_num
    raise _no_header(path, header_row)


def _line_spans(data: bytes, after: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The non-empty lines after line ``after``: their numbers (1-based), and where each
    starts and stops in ``data`` (the stop before its line end)."""
    buf = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], ends + 1))
    stops = np.concatenate((ends, [len(buf)]))
    if starts[-1] == len(buf):  # the file ends with a line end
        starts, stops = starts[:-1], stops[:-1]
    length = stops - starts
    carriage = np.zeros(len(length), dtype=bool)
    has = length > 0
    carriage[has] = buf[stops[has] - 1] == 13
    numbers = np.arange(1, len(length) + 1)
    keep = (numbers > after) & ((length - carriage) > 0)
    return numbers[keep], starts[keep], (stops - carriage)[keep]


def _fields_at_most(
    buf: np.ndarray,
    starts: np.ndarray,
    stops: np.ndarray,
    delimiter: str,
    width: int,
    lines: np.ndarray,
) -> np.ndarray:
    """Of the ``lines`` (a mask over the spans), the ones that may hold more than
    ``width`` fields: a quote in them, or more than width - 1 delimiters (counted over
    the bytes between start and stop, by sorted positions)."""
    delimiters = np.flatnonzero(buf == ord(delimiter))
    quotes = np.flatnonzero(buf == ord('"'))
    s, e = starts[lines], stops[lines]
    fields = np.searchsorted(delimiters, e) - np.searchsorted(delimiters, s) + 1
    quoted = np.searchsorted(quotes, e) - np.searchsorted(quotes, s) > 0
    out = np.zeros(len(starts), dtype=bool)
    out[np.flatnonzero(lines)] = quoted | (fields > width)
    return out


def _extra_empty_fields(
    data: bytes, spans: tuple[np.ndarray, np.ndarray, np.ndarray], delimiter: str, width: int
) -> list[tuple[int, list[str]]]:
    """The lines (of ``spans``) with something in them and empty fields after the last
    column: (line, its fields). DuckDB drops such fields without a word, a bare one
    (``2024;``) and a quoted one (``2024;""``) alike, so a line ending in either is
    parsed here to count its fields."""
    numbers, starts, stops = spans
    if not len(numbers):
        return []
    buf = np.frombuffer(data, dtype=np.uint8)
    last = buf[stops - 1]
    before = buf[np.maximum(stops - 2, starts)]
    quoted_empty = (last == ord('"')) & (before == ord('"')) & (stops - starts >= 2)
    ends_with = (last == ord(delimiter)) | quoted_empty
    # A line without a quote has exactly one field more than it has delimiters: only one
    # with more fields than columns, or with a quote, needs the csv module (an export
    # whose last column is mostly empty ends nearly every line with the delimiter).
    ends_with &= _fields_at_most(buf, starts, stops, delimiter, width, ends_with)
    extra = []
    at = (numbers[ends_with], starts[ends_with], stops[ends_with])
    for number, start, stop in zip(*at, strict=True):
        fields = next(csv.reader([data[start:stop].decode("utf-8")], delimiter=delimiter))
        if any(c.strip() for c in fields) and len(fields) > width and not any(fields[width:]):
            extra.append((int(number), fields))
    return extra


def _remove_stale_copies(home: Path) -> None:
    """Private copies left by a reader that was killed (its process is gone)."""
    for leftover in home.glob(".radar-read-*.csv"):
        pid = leftover.name.removeprefix(".radar-read-").split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _quote_spans_lines(data: bytes) -> bool:
    """A line with an odd number of quotes: a quoted value goes on on the next line (or
    the quoting is broken); then the line numbers cannot come from the line ends."""
    buf = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(buf == 34)
    if not len(quotes):
        return False
    line = np.searchsorted(np.flatnonzero(buf == 10), quotes)
    return bool((np.bincount(line) % 2).any())


def _read_with_duckdb(
    con: duckdb.DuckDBPyConnection, path: Path, data: bytes, header_row: int, enc: str | None
) -> SourceTable | None:
    """The fast path; None when the file needs the Python reader. ``enc``: as declared."""
    text, encoding = decode(data, path, enc)
    if not text.strip():
        raise unusable("empty", path)
    header, delimiter, header_end = _header(_head(text), header_row, path)
    plain = encoding in ("utf-8", "utf-8-sig") and END_OF_FILE.encode() not in data[-4:]
    utf8 = data if plain else text.encode("utf-8")  # (a rule in UTF-16 is no b"---")
    if "\r" in text and "\r\n" not in text or not header[-1] or may_hold_rules(utf8):
        return None  # old Mac line ends, a nameless last column, a rule (---): read in Python
    if _quote_spans_lines(utf8) or spaced_quote(text, delimiter):
        return None  # the Python reader reads these (see readers.read_csv)
    width = len(header)
    source = SourceTable(path, "csv", encoding, delimiter, header, _new_name("src"))
    raw, rejects, scans = (_new_name(p) for p in ("raw", "rej", "scan"))
    temp = None
    kept = False
    try:
        # DuckDB reads a private copy of exactly the bytes that were hashed: never the
        # path itself, which it would take as a pattern (``export[1].csv`` matches
        # ``export1.csv``), and which may change between the hash and the read.
        # (in RADAR_HOME, mode 0600, removed when read: raw personal data stays where
        # the exports are, not in a shared /tmp)
        home = radar_home()
        home.mkdir(parents=True, exist_ok=True)
        _remove_stale_copies(home)
        fd, temp = tempfile.mkstemp(suffix=".csv", prefix=f".radar-read-{os.getpid()}-", dir=home)
        with os.fdopen(fd, "wb") as out:
            out.write(utf8)
        target = Path(temp)
        columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
        try:
            con.execute(
                f"""create temp table {raw} as select * from read_csv(?, delim = ?,
                quote = '"', escape = '"', header = false, skip = {header_end},
                columns = {{{columns}}}, auto_detect = false, strict_mode = true,
                null_padding = false, store_rejects = true, rejects_table = '{rejects}',
                rejects_scan = '{scans}', encoding = 'utf-8')""",
                [str(target), delimiter],
            )
        except duckdb.Error:
            return None
        rejected = con.execute(
            f"select line, error_type, any_value(csv_line) from {rejects} group by all"
        ).fetchall()
        if any(kind not in FIELD_COUNT_ERRORS for _, kind, _ in rejected):
            return None
        spans = _line_spans(utf8, header_end)
        lines = spans[0]
        bad = {int(line): row_text.strip("\r\n") for line, _, row_text in rejected}
        for line, row_text in sorted(bad.items()):
            if not row_text.strip():
                continue  # a line of spaces is an empty line
            fields = next(csv.reader([row_text], delimiter=delimiter), [])
            if all(not c.strip() for c in fields):
                continue
            source.malformed.append((line, len(fields), width))
            source.bad_fields[line] = fields  # a footnote? (trailer.py)
        lines = lines[~np.isin(lines, list(bad))]
        count = con.execute(f"select count(*) from {raw}").fetchall()[0][0]
        if count != len(lines):
            return None
        extra = [e for e in _extra_empty_fields(utf8, spans, delimiter, width) if e[0] not in bad]
        if extra and len(extra) < count - _empty_rows(con, raw, width):
            # not every row ends so: these have a field too many (readers.read_csv)
            at = np.searchsorted(lines, [n for n, _ in extra])
            con.execute(f"delete from {raw} where rowid in ({', '.join(map(str, at))})")
            lines = np.delete(lines, at)
            source.malformed = sorted(source.malformed + [(n, len(f), width) for n, f in extra])
            source.bad_fields |= dict(extra)
        _finish(con, source, raw, lines)
        kept = True
        return source
    finally:
        for name in (rejects, scans) if kept else (raw, rejects, scans):
            con.execute(f"drop table if exists {name}")
        if temp is not None:
            os.unlink(temp)


def is_csv(path: Path, data: bytes) -> bool:
    """Text to read as CSV (not an XLSX or Parquet by its first bytes or its name)."""
    suffix = path.suffix.lower()
    if data.startswith((b"PK\x03\x04", b"PAR1")) or suffix in (".xlsx", ".xlsm", ".parquet"):
        return False
    if suffix in (".csv", ".txt", ".tsv", ""):
        return True
    raise unusable("unknown_format", path, suffix=suffix)


def _head(text: str, size: int = 1 << 20) -> str:
    """The first whole lines of a text, about ``size`` characters (for the header)."""
    if len(text) <= size:
        return text
    cut = text.rfind("\n", 0, size)
    return text[: cut + 1] if cut > 0 else text


def peek_header(path: Path, data: bytes, header_row: int = 1, enc: str | None = None) -> list[str]:
    """The header cells of a CSV (UnusableFile when it has none), from its first part;
    ``enc``: the encoding a column mapping declares."""
    text, _ = decode(first_lines(data, 1 << 20), path, enc)
    if not text.strip():
        raise unusable("empty", path)
    return _header(text, header_row, path)[0]


def load_source(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    data: bytes,
    header_row: int = 1,
    sheet: str | None = None,
    encoding: str | None = None,
) -> SourceTable:
    """Any supported export as a source table in ``con``; UnusableFile says why not.
    ``sheet``: the worksheet of an XLSX (read_table); ``encoding``: a CSV's, as a column
    mapping declares it (else recognised: UTF-8, UTF-16 or Windows-1252)."""
    if is_csv(path, data):
        fast = _read_with_duckdb(con, path, data, header_row, encoding)
        if fast is not None:
            return fast
        return from_raw_table(con, read_csv(path, data, header_row, encoding))
    table, _ = read_table(path, header_row, sheet)
    return from_raw_table(con, table)
