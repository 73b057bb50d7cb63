"""Reading an export file as it comes: CSV (any of , ; tab; UTF-8, UTF-8 with BOM or
Windows-1252), XLSX or Parquet, into rows of text cells with their source line numbers.

Nothing is interpreted here except the file's own structure; a row with too few or too
many fields is kept apart with its line, never padded or dropped.

An XLSX is checked before it is opened and read streaming (pipelines/ingest/uploads.py,
``check_xlsx`` and ``capped_rows``, with the limits of risks/settings.yaml ``uploads``): a
zip bomb or a sheet past the cell limit is refused as unusable, and nothing of it is
loaded.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.core.keys import is_key_file, key_dir
from pipelines.core.texts import Message, MessageError
from pipelines.ingest.code_pages import OTHERS, WORD_AFTER, WORD_BEFORE, lookalike
from pipelines.ingest.delimiters import choose_delimiter, header_lines
from pipelines.ingest.header_run_on import header_runs_on
from pipelines.ingest.misquoted import as_written, misquoted
from pipelines.ingest.ruled_lines import ruled, ruled_note
from pipelines.ingest.utf16 import UTF16_BOMS, utf16_without_bom, utf32

ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 met BOM",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (zonder BOM)",
    "utf-16-be": "UTF-16 (zonder BOM)",
    "utf-32": "UTF-32",
    "utf-32-le": "UTF-32 (zonder BOM)",
    "utf-32-be": "UTF-32 (zonder BOM)",
}
# What a column mapping may declare (encoding:), by the codec's own name: UTF-8 and the
# single-byte code pages a Dutch export is written in. Not every codec Python has: some
# decode what is no text (escapes, IDNA, stateful ones), and in UTF-16/32 the line ends
# and delimiters are not single bytes.
CODE_PAGES = {
    "cp850": "DOS-codetabel 850",
    "cp858": "DOS-codetabel 858",
    "cp437": "DOS-codetabel 437",
    "iso8859-1": "ISO 8859-1",
    "iso8859-15": "ISO 8859-15",
    "cp1250": "Windows-1250",
    "mac-roman": "Mac OS Roman",
}
ENCODING_NAMES |= CODE_PAGES
DECLARABLE = ("utf-8", "utf-8-sig", "cp1252", *CODE_PAGES)
# The declared code pages whose reading is held against Windows-1252's, Mac's and DOS's
HELD_AGAINST_OTHERS = ("cp850", "cp858", "cp437", "mac-roman", "iso8859-1", "iso8859-15")


class UnusableFile(MessageError, ValueError):
    """A file that cannot be used at all; the message says why (str(): Dutch, text(lang);
    ``unusable`` makes one from locales/ingest.yaml)."""


def unusable(key: str, path: object, **values: object) -> UnusableFile:
    """UnusableFile with the text ``unusable.<key>`` of locales/ingest.yaml about ``path``."""
    return UnusableFile(Message(f"unusable.{key}", locale_file="ingest", path=path, **values))


@dataclass
class CellFacts:
    """What a workbook's cells said beside their text (xlsx_reader.read_xlsx)."""

    # days a number cell's Excel serial is after 1900's count: 1462 in a workbook of the
    # 1904 date system (old Excel for Mac), whose serial 44622 is 3-3-2026, not 2-3-2022
    serial_days: int = 0
    # per column (index): its date cells, which Excel may have made of a code (3-12)
    date_cells: dict[int, int] = field(default_factory=dict)
    # per column: the lines of its date cells shown as a year alone (year_cells.py)
    year_lines: dict[int, list[int]] = field(default_factory=dict)
    month_lines: dict[int, list[int]] = field(default_factory=dict)  # as a month and year
    # per column and line: a number cell's text as its format shows it ("TW-"000000:
    # TW-000101), for a text column to read (shown_text.py)
    shown_cells: dict[int, dict[int, str]] = field(default_factory=dict)
    # columns whose cells carried their zone (Parquet's timestamp[UTC]): already Dutch time
    zoned: set[int] = field(default_factory=set)
    # per column: a range of merged cells down its data rows (E2:E9) and its first line;
    # refused where the column is read (header_rows.refuse_merged)
    merged: dict[int, tuple[str, int]] = field(default_factory=dict)
    # per column and line: the contract's unit a number cell's format shows after it
    # (0.0" fte": fte), for the checks of a converted column (unit_cells.unit_failures)
    units: dict[int, dict[int, str]] = field(default_factory=dict)
    # per column: each time the time zones' step made ISO (2026-03-31T22:51:03+00:00) and
    # the cells it was as written, by which the date rules judge the column's date order
    written: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    # the data rows whose every filled cell is struck through (struck_rows.py)
    struck_lines: list[int] = field(default_factory=list)

    def kept(self, columns: list[int]) -> CellFacts:
        """The facts of ``columns`` alone, numbered as they come (a wide export's ids;
        helper-147: ids shown as R000101 were 101 when only date cells were kept)."""
        facts = (self.date_cells, self.year_lines, self.month_lines, self.shown_cells)
        more = (self.units, self.written)
        of = [{n: f[i] for n, i in enumerate(columns) if i in f} for f in (*facts, *more)]
        zoned = {n for n, i in enumerate(columns) if i in self.zoned}
        return CellFacts(
            self.serial_days, *of[:4], zoned=zoned, units=of[4], written=of[5],
            struck_lines=self.struck_lines,
        )  # fmt: skip


@dataclass
class RawTable:
    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    header: list[str]
    rows: list[list[str | None]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    # Rows whose number of fields differs from the header: (line, fields, header fields)
    malformed: list[tuple[int, int, int]] = field(default_factory=list)
    bad_fields: dict[int, list[str]] = field(default_factory=dict)  # such a row's fields
    notes: list[Message] = field(default_factory=list)  # said in the ingest log
    facts: CellFacts = field(default_factory=CellFacts)

    @property
    def rows_in(self) -> int:
        return len(self.rows) + len(self.malformed)


# What UTF-8 makes of the letters and signs of Dutch text: an accented letter (é is C3 A9,
# ö C3 B6), the euro sign, curly quotes and dashes. As Windows-1252 these read Ã©, Ã¶,
# â‚¬: no Dutch text holds them, while É” (C9 94) or ®-after-É can be real Windows-1252.
UTF8_CHARACTER = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x82\xac|\xe2\x80[\x93\x94\x98-\x9e\xa6]")


# DOS's end-of-file mark, which old exporters still write after the last line.
END_OF_FILE = "\x1a"
END_OF_FILE_AT_END = re.compile(r"\x1a[\r\n]*\Z")  # and any line end after it


def decode(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in (without DOS's end-of-file mark
    at its end). UTF-16 with its byte order mark is what Excel writes as "Unicode-tekst"
    (tab-separated). ``declared``: the encoding a column mapping names (``encoding:
    cp850``), which no file says of itself: read strictly in it."""
    if declared is None:
        text, encoding = _decode(data, path)
    else:
        text, encoding = _declared(data, path, declared), codecs.lookup(declared).name
    start = text[:200].lstrip("\ufeff \t\r\n").lower()
    if start.startswith(MARKUP):  # a table saved as a web page (helper-101: its HTML
        # was the header, 'unknown dataset'), or Excel 2003's XML spreadsheet
        kind = "XML" if start.startswith("<?xml") else "HTML"
        raise unusable("markup_kind", path, kind=kind)
    return END_OF_FILE_AT_END.sub("", text), encoding


MARKUP = ("<!doctype html", "<html", "<table", "<?xml", "<head", "<body")


BOMS = {  # UTF-32's first: its little-endian mark begins as UTF-16's
    b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32",
    b"\xef\xbb\xbf": "UTF-8", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16",
}  # fmt: skip
# C1 control characters: ISO 8859's reading of the bytes 0x80-0x9F, which Windows-1252
# uses for € “ ” …; no text holds them.
C1_CONTROL = re.compile("[\x80-\x9f]")


def line_of(data: bytes, position: int) -> int:
    """The 1-based line of byte ``position``, with \\n, \\r\\n or \\r as line ends."""
    return len(re.findall(rb"\r\n|\r|\n", data[:position])) + 1


def _declared(data: bytes, path: Path, declared: str) -> str:
    """``data`` in the encoding a mapping declares, strictly: a line that is not in it is
    refused with its number and byte (never read with a guess), and so is what is no
    text in any code page (a NUL, a C1 control character), a byte order mark of another
    encoding, and UTF-8's letters under a single-byte code page (an exporter switched to
    UTF-8 while the mapping still says cp850: every é would read as two letters)."""
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            raise unusable("binary_kind", path, kind=kind)
    name = codecs.lookup(declared).name
    for bom, says in BOMS.items():
        if data.startswith(bom):
            if name not in ("utf-8", "utf-8-sig") or says != "UTF-8":
                raise unusable("declared_encoding_bom", path, encoding=declared, bom=says)
            data = data[len(bom) :]
    if b"\x00" in data:
        raise unusable("binary", path, line=line_of(data, data.index(b"\x00")))
    if name not in ("utf-8", "utf-8-sig") and (utf8 := UTF8_CHARACTER.search(data)):
        line = line_of(data, utf8.start())
        raise unusable("declared_encoding_utf8", path, encoding=declared, line=line)
    try:
        text = data.decode(name)
    except UnicodeError as exc:
        start = getattr(exc, "start", 0)
        byte = f"{data[start]:#x}" if start < len(data) else "?"
        line = line_of(data, start)
        raise unusable("declared_encoding", path, encoding=declared, line=line, byte=byte) from None
    if control := C1_CONTROL.search(text):
        byte = f"{ord(control.group()):#x}"
        line = len(re.findall("\r\n|\r|\n", text[: control.start()])) + 1
        raise unusable("declared_encoding", path, encoding=declared, line=line, byte=byte)
    # a code page's letters in another's (a DOS export re-saved by Excel for Mac while the
    # mapping still says cp850: Enquêtes would load as EnquÉtes); 'encoding: cp1252' is the
    # way out of that refusal for an undeclared file, so it is taken at its word
    if name in HELD_AGAINST_OTHERS and (other := lookalike(data, name)) is not None:
        raise unusable(
            "declared_lookalike", path, line=line_of(data, other.at), encoding=declared,
            read=other.read, other=other.other, other_name=ENCODING_NAMES[other.codec],
            other_codec=other.codec,
        )  # fmt: skip
    return text


DELIMITER_LINE = re.compile(r'(?i)("?)sep=([^"])\1\2*')


def delimiter_line(text: str) -> str | None:
    """The delimiter a first line ``sep=;`` names (Excel writes and reads that line; some
    exporters put it in quotes), or None. The header is on the line after it."""
    first = re.split(r"\r\n|\r|\n", text[:4096], maxsplit=1)[0]  # (not a copy of the rest)
    # one ASCII character (the readers split a line on one byte), and after it that one
    # alone again as a spreadsheet pads the line to the header's width (sep=;;;;;;, when
    # LibreOffice or Google Sheets save such a file again: helper-259 F4)
    found = DELIMITER_LINE.fullmatch(first)
    return found[2] if found and first.isascii() else None


def header_start(text: str, header_row: int) -> tuple[int, str | None]:
    """The header's line and the delimiter a ``sep=`` first line names (or None): after
    such a line the header is on line 2 at the earliest."""
    named = delimiter_line(text)
    return (header_row if named is None else max(header_row, 2)), named


# Files people save under a .csv name that are no text at all, by their first bytes: a PDF
# holds no NUL in its first part and decoded as Windows-1252 it read as a header of
# garbage ("verplichte kolom ontbreekt"), which says nothing of what is wrong.
SIGNATURES = {
    b"%PDF-": "PDF",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "XLS/DOC (Office 97-2003)",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"\x1f\x8b": "gzip",
}


def _unknown(data: bytes, path: Path, start: int, codec: str) -> Exception:
    """A byte UTF-16 or UTF-32 cannot read, refused by its line and word (helper-131:
    "positie 1103"); no code page is the way out there. One Windows-1252 lacks: _no_windows."""
    before = data[:start].decode(codec, errors="replace")
    name = "UTF-32" if codec.startswith("utf-32") else "UTF-16"
    if codec in ("utf-16", "utf-32"):  # the rest has no BOM: the file's byte order
        big = data.startswith((b"\xfe\xff", b"\x00\x00\xfe\xff"))
        codec = f"{codec}-be" if big else f"{codec}-le"
    after = data[start:].decode(codec, errors="replace")
    word = re.search(r'[^\s;,\t|"]{0,40}$', before).group()
    word += re.match(r'[^\s;,\t|"]{0,40}', after).group()
    line = len(re.findall("\r\n|\r|\n", before)) + 1
    byte = f"{data[start]:#x}"
    return unusable("encoding_utf16", path, line=line, byte=byte, word=word, encoding=name)


def _no_windows(data: bytes, path: Path, start: int) -> Exception:
    """A byte Windows-1252 has no sign for (0x81, 0x8D, 0x8F, 0x90, 0x9D): the file is in
    another code page. Its word as Mac OS Roman and as DOS's 850 read it, and both ways
    out: the user, who sees which reads right, says which (helper-179: the message named
    cp850 alone, and Mac's 'Enquêtes' loaded as 'EnquÉtes'; helper-181, -182, -183: each
    way of guessing it from the letters' case was misled by old systems' upper and lower
    case, which leave accents as they were, and its advice loaded wrong letters)."""
    raw = WORD_BEFORE.search(data[max(0, start - 40) : start]).group()
    raw += WORD_AFTER.match(data, start, start + 40).group()
    mac, dos = (raw.decode(codec) for codec in OTHERS)
    line = len(re.findall(rb"\r\n|\r|\n", data[:start])) + 1
    word = raw.decode("cp1252", errors="replace")
    return unusable(
        "encoding_either", path, line=line, byte=f"{data[start]:#x}", word=word, mac=mac, dos=dos
    )


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            raise unusable("binary_kind", path, kind=kind)
    if (wide := utf32(data)) is not None:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError as exc:
            raise _unknown(data, path, exc.start, wide) from None
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _unknown(data, path, exc.start, "utf-16") from None
    if b"\x00" in data[:4096]:
        if (utf16 := utf16_without_bom(data)) is None:
            raise unusable("binary", path, line=line_of(data, data.index(b"\x00")))
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as exc:
            raise _unknown(data, path, exc.start, utf16) from None
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data[3:].decode("utf-8") if bom else data.decode("utf-8"), (
            "utf-8-sig" if bom else "utf-8"
        )
    except UnicodeDecodeError as exc:
        bad = exc.start + (3 if bom else 0)
    line, byte = data.count(b"\n", 0, bad) + 1, f"{data[bad]:#x}"
    if bom:
        # the file says it is UTF-8 (Excel's "CSV UTF-8" begins so), yet a line is not
        raise unusable("mixed_encoding_bom", path, line=line, byte=byte)
    # Not UTF-8 as a whole, yet with UTF-8's multi-byte characters in it: two encodings in
    # one file (an export appended to in another program). Read as Windows-1252 every
    # ö would become Ã¶ without a word; read as UTF-8 the other lines would fail.
    if (utf8 := UTF8_CHARACTER.search(data)) is not None:
        raise unusable(
            "mixed_encoding", path, line=line, byte=byte,
            utf8_line=data.count(b"\n", 0, utf8.start()) + 1,
        )  # fmt: skip
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _no_windows(data, path, exc.start) from None
    if (other := lookalike(data)) is not None:  # (Windows-1252 decoded it, cp1252)
        key = "mac_roman" if other.codec == "mac-roman" else "dos_code_page"
        raise unusable(
            key, path, line=line_of(data, other.at), cp1252=other.read, other=other.other
        )
    return text, "cp1252"


def _no_header(path: Path, header_row: int) -> UnusableFile:
    return unusable("no_header", path, header_row=header_row)


def spaced_quote(text: str, delimiter: str) -> bool:
    """Whether a quote follows spaces after a delimiter or at the start of a line."""
    if ' "' not in text:  # a plain substring search first: the pattern is slow on 50 MB
        return False
    pattern = "(?:^|" + re.escape(delimiter) + ') +"'
    return re.search(pattern, text, re.MULTILINE) is not None


def header_cells(row: list[str], path: Path, line: int, delimiter: str) -> list[str]:
    """The header's names. A name over lines (a cell wrapped with Alt+Enter, quoted by
    Excel: ``"Datum\nontvangst"``, helper-131) is one name, matched as one space; a
    quoted name over lines that holds the delimiter is a quote never closed, the rows
    below swallowed, and refuses the file."""
    for cell in row:
        if ("\n" in cell or "\r" in cell) and delimiter in cell:
            raise unusable("header_spans_lines", path, line=line)
    return [c.strip() for c in row]


def csv_rows(reader: Iterator[list[str]], path: Path) -> Iterator[list[str]]:
    """The rows of a csv.reader; what it cannot read (a field over its size limit, a NUL
    byte) makes the file unusable, with the line, instead of ending the whole run."""
    try:
        yield from reader
    except csv.Error as exc:
        line = getattr(reader, "line_num", 0)
        raise unusable("csv_error", path, line=line, error=str(exc)) from None


def read_csv(path: Path, data: bytes, header_row: int = 1, encoding: str | None = None) -> RawTable:
    """``header_row``: the 1-based line of the header; the lines before it (a title, a
    blank line) are skipped, and every line number stays the file's own. ``encoding``:
    the one a column mapping declares (decode)."""
    text, encoding = decode(data, path, encoding)
    if not text.strip():
        raise unusable("empty", path)
    header_row, named = header_start(text, header_row)
    candidates = header_lines(text, header_row)
    if not candidates:
        raise _no_header(path, header_row)
    delimiter = named or choose_delimiter(candidates) or ";"
    # A quote after a delimiter and spaces (``WH, "Woonstichting, Heuvelland"``, as people
    # write CSV by hand) opens a quoted value, as DuckDB reads it too.
    dialect = {"delimiter": delimiter, "skipinitialspace": spaced_quote(text, delimiter)}
    # a value may be as long as the file: csv's limit (128 KiB) refused a quote left open
    # far from the end as 'field larger than field limit' at some later line, in English,
    # where the open quote's own line is said (helper-201)
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), **dialect)
    table: RawTable | None = None
    extra: list[tuple[int, int, int]] = []  # (row, line, fields) with empty extra fields
    start = 1
    total_lines: int | None = None
    misquotes = misquoted(text, delimiter)
    lines = list(io.StringIO(text, newline="")) if misquotes else []  # as csv counts them
    rules: list[int] = []
    for row in csv_rows(reader, path):
        line = start
        start = reader.line_num + 1
        if line < header_row or not row or all(not c.strip() for c in row):
            continue
        if ruled(row):
            rules.append(line)
            continue
        if table is None:
            header = header_cells(row, path, line, delimiter)
            table = RawTable(path, "csv", encoding, delimiter, header)
            header_at = line
            named_width = len(header)  # less trailing nameless ones (a delimiter at its end)
            while named_width > 1 and not header[named_width - 1]:
                named_width -= 1
            continue
        if misquotes and reader.line_num == line and misquotes.search(lines[line - 1]):
            row = as_written(lines[line - 1], delimiter, row)  # as csv read it, untrimmed
        if any("\n" in c or "\r" in c for c in row):
            if total_lines is None:  # counted once, and only for a file that needs it
                total_lines = sum(1 for _ in io.StringIO(text, newline=""))
            last = reader.line_num >= total_lines
            _refuse_a_misplaced_quote(path, text, row, line, table.header, dialect, last)
        if named_width <= len(row) < len(table.header):
            # a header that ends in a delimiter (a nameless last column) over rows that do
            # not: their missing last fields are empty (recognise says if one is filled)
            row = row + [""] * (len(table.header) - len(row))
        if len(row) > len(table.header) and not any(row[len(table.header) :]):
            # empty fields after the last column: the end of the row when every row of
            # the file ends so (a delimiter at the end of each line, as some exports
            # write); below, when only some do, a field too many
            extra.append((len(table.rows), line, len(row)))
            row = row[: len(table.header)]
        if len(row) != len(table.header):
            table.malformed.append((line, len(row), len(table.header)))
            table.bad_fields[line] = [c or "" for c in row]  # a footnote? (trailer.py)
            continue
        table.rows.append(row)
        table.lines.append(line)
    if table is None:
        raise _no_header(path, header_row)
    if rules:
        table.notes.append(ruled_note(rules))
    widths = [n for _, n, _ in table.malformed]  # a quote left open at the header's end
    run_on = not table.rows and header_runs_on(text, table.header, header_at, widths, delimiter)
    if run_on:
        raise unusable("header_runs_on", path, line=header_at, **run_on)
    if extra and len(extra) < len(table.rows):
        # ``;100777;2024;`` under three columns among rows that end without a delimiter:
        # which field is too many cannot be told (a cell may have shifted right), so the
        # line is malformed, never cut (source_table reads the same)
        for at, line, n in reversed(extra):
            table.bad_fields[line] = [*table.rows[at], *[""] * (n - len(table.header))]
            del table.rows[at], table.lines[at]
        width = len(table.header)
        table.malformed = sorted(table.malformed + [(ln, n, width) for _, ln, n in extra])
    return table


def _refuse_a_misplaced_quote(
    path: Path,
    text: str,
    row: list[str],
    line: int,
    header: list[str],
    dialect: dict,
    last: bool,
) -> None:
    """A quote that is never closed, or closed only by the next quoted value further
    down, makes the csv reader take the rows in between as one value, silently. A value
    over line ends is refused when its lines read as rows themselves (as many delimiters
    as the header's) or, in ``row`` the last record of the file, when it ends inside a
    quote. A quoted value over line ends (a comment) still loads."""
    delimiter = dialect["delimiter"]
    for i, cell in enumerate(row):
        inner = cell.splitlines()[1:]
        rows = sum(1 for ln in inner if ln.count(delimiter) >= len(header) - 1)
        if rows and len(header) > 1:
            column = header[i] if i < len(header) else str(i + 1)
            raise unusable(
                "quote_swallows_rows",
                path,
                line=line,
                column=column,
                lines=len(inner) + 1,
                rows=rows,
            )
    if not last:
        return
    lines = list(io.StringIO(text, newline=""))  # as the csv reader counts them
    rest = io.StringIO("".join(lines[line - 1 :]), newline="")
    try:
        list(csv.reader(rest, strict=True, **dialect))
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return  # closed, then something after it (a space): read leniently, as before
        i = max(i for i, cell in enumerate(row) if "\n" in cell or "\r" in cell)
        column = header[i] if i < len(header) else str(i + 1)
        count = len(lines) - line + 1
        raise unusable("unclosed_quote", path, line=line, column=column, lines=count) from None


def never_a_key(path: Path) -> None:
    """UnusableFile when ``path`` is a key file of the radar (keys.is_key_file): an export
    or a column mapping is never read from one."""
    if is_key_file(path):
        raise unusable("key_file", path, folder=key_dir())


def file_bytes(path: Path) -> bytes:
    """A file's bytes; UnusableFile when it cannot be read or is empty, or is no file (a
    device, a pipe: /dev/zero read forever, a pipe waited for a writer; helper-269 F11)."""
    if path.exists() and not path.is_file():
        raise unusable("not_a_file", path)
    never_a_key(path)  # never opened: its text would be quoted as columns or cells
    try:
        data = path.read_bytes()
    except OSError as exc:
        if path.is_symlink() and not path.exists():  # said in Dutch, with where it points
            raise unusable("dangling_link", path, target=os.readlink(path)) from None
        raise unusable("unreadable", path, error=exc.strerror) from None
    if not data:
        raise unusable("empty", path)
    return data


def read_table(
    path: Path, header_row: int = 1, sheet: str | None = None, header_rows: int = 1
) -> tuple[RawTable, bytes]:
    """Read any supported export; raise UnusableFile naming the file and the problem.
    ``header_row`` (a mapping's, 1-based) is the line of the header in a CSV or XLSX;
    ``sheet`` (a mapping's) the worksheet of an XLSX; ``header_rows`` (a mapping's) 2
    when the header goes on in the row below it (xlsx_reader.read_xlsx)."""
    from pipelines.ingest.xlsx_reader import read_xlsx

    data = file_bytes(path)
    suffix = path.suffix.lower()
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, header_row=header_row, sheet=sheet, header_rows=header_rows), data
    if sheet is not None:
        raise unusable("sheet_not_xlsx", path)
    if data.startswith(b"PAR1") or suffix == ".parquet":
        from pipelines.ingest.parquet_reader import read_parquet

        if delta := next((p for p in path.parents if (p / "_delta_log").is_dir()), None):
            # a Delta table's files (Fabric, Databricks): its log says which are live; a
            # removed version's file read as an export can win (helper-172)
            raise unusable("parquet_delta", path, table=delta)
        if header_row != 1:
            raise unusable("parquet_header_row", path)
        return read_parquet(path), data
    if suffix in (".csv", ".txt", ".tsv", ""):
        return read_csv(path, data, header_row), data
    raise unusable("unknown_format", path, suffix=suffix)
