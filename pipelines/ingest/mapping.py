"""Column mappings: a source's own column names, values and conventions mapped to a
canonical dataset, one ``*.mapping.yaml`` per source (examples in docs/mappings/).

``Mapping`` and its ``Unpivot`` (a wide export), ``load_mapping`` (refuses a broken file
with the file's line, the field and the reason) and ``number_format``, the declared
number convention of a column. The built-in answer label sets are answer_labels.py's.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import fnmatch
import hashlib
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pipelines.core.clock import today_here
from pipelines.core.texts import InLanguage, Message, MessageError
from pipelines.core.yaml_errors import located, yaml_problem
from pipelines.ingest.answer_labels import ANSWER_LABELS
from pipelines.ingest.counted_on import SURVEY_COVERS
from pipelines.ingest.date_order import DATE_ORDERS
from pipelines.ingest.export_date_fill import fill_refused
from pipelines.ingest.export_date_forms import (
    EXPORT_DATE_FORMS,
    date_or_none,
    day_named,
    forms_said,
    month_named,
    name_search,
)
from pipelines.ingest.mapping_yaml import DuplicateKey, MappingLoader
from pipelines.ingest.parsing import NUMBER_FORMATS
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.readers import (
    DECLARABLE,
    RawTable,
    UnusableFile,
    decode,
    never_a_key,
    unusable,
)
from pipelines.ingest.reexports import COVERS, PERIOD_COLUMNS
from pipelines.ingest.source_table import SourceTable
from pipelines.ingest.unit_cells import unit_refused

# A mapping's file name ends so (any case): the folder walk and Datakwaliteit's upload.
MAPPING_SUFFIXES = (".mapping.yaml", ".mapping.yml")


NUMERIC = ("integer", "decimal")

PLAIN_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


class Unpivot(BaseModel):
    """A wide export: the columns that identify a row, the ones to leave out; every other
    column is an item."""

    model_config = ConfigDict(extra="forbid")

    id_columns: list[str]
    item_column: str = "item_code"
    value_column: str = "answer"
    # Columns that are neither an id nor an item (age, a comment): left out, named in a
    # note; their cells never become answers or quarantine rows.
    skip_columns: list[str] = []


# --- column mappings ----------------------------------------------------------------


class MappingRule(MessageError, ValueError):
    """A column mapping's own check that failed (pydantic reports it as a value_error):
    the text ``mapping.<key>`` of locales/ingest.yaml, Dutch as str(), text(lang)."""


def rule(key: str, **values: object) -> MappingRule:
    return MappingRule(Message(f"mapping.{key}", locale_file="ingest", **values))


def not_a_column(key: str, target: str, dataset: str, **values: object) -> MappingRule:
    """A target that is no column of the dataset: the message lists the dataset's columns
    and the nearest (helper-171: 'bar_n' is geen kolom van trainings named none)."""
    names = DATASETS[dataset].column_names
    known, guess = ", ".join(names), nearest(target, names)
    return rule(key, target=target, dataset=dataset, known=known, guess=guess, **values)


def nearest(written: str, known: list[str]) -> InLanguage:
    """' (bedoelt u columns?)' for the known name nearest to what was written, or ''."""
    near = difflib.get_close_matches(written, known, n=1)
    words = {"nl": "bedoelt u", "en": "did you mean"}
    return InLanguage(lambda lang: f" ({words.get(lang, words['nl'])} {near[0]}?)" if near else "")


TIME_UNITS = {"uren": "uren", "uur": "uren", "hours": "uren", "hour": "uren"} | {
    "minuten": "minuten", "minuut": "minuten", "minutes": "minuten", "min": "minuten"
}  # fmt: skip


class Convert(BaseModel):
    """A column in another unit or scale than its dataset's: each number times or
    divided by a factor (hours a week to fte: divide_by: 36; thousands of euros:
    multiply_by: 1000). header_says refuses a name that speaks of another unit or scale
    unless the column is converted here."""

    model_config = ConfigDict(extra="forbid")

    multiply_by: str | None = None
    divide_by: str | None = None
    unit: str | None = None  # the file's time unit (uren, minuten), its name's or not

    @model_validator(mode="before")
    @classmethod
    def _split_at_comma(cls, given: object) -> object:
        """{divide_by: 36,0} is YAML's two fields, divide_by: 36 and 0 (helper-179: 'veld
        convert.x.0: onbekend veld'): said as the number it was."""
        if isinstance(given, dict):
            pairs = list(given.items())
            for (key, value), (after, empty) in zip(pairs, pairs[1:], strict=False):
                if empty is None and re.fullmatch(r"[0-9]+", str(after)):
                    raise rule("convert_comma", field=key, value=f"{value},{after}")
        return given

    @field_validator("multiply_by", "divide_by")
    @classmethod
    def _factor(cls, value: str | None) -> str | None:
        """A plain number above 0, 36 or 0,5 or 1.5; never 1.000 (a thousand, or one?)."""
        if value is None:
            return value
        text = str(value).strip()
        plain = re.fullmatch(r"0*([0-9]{1,7}(?:[.,](?![0-9]{3}$)[0-9]{1,6})?)", text)
        # a bound on either side: 10^60 made DuckDB's conversion fail, the run with it
        if not plain or not 1e-6 <= float(plain[1].replace(",", ".")) <= 1e6:
            raise rule("convert_factor", value=text)
        return plain[1].replace(",", ".")

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str | None) -> str | None:
        """uren or minuten (hours, minutes), as header_says.units_named names them."""
        if value is None:
            return value
        unit = TIME_UNITS.get(str(value).strip().lower())
        if unit is None:
            raise rule("convert_unit", value=value, units=", ".join(sorted(set(TIME_UNITS))))
        return unit

    @model_validator(mode="after")
    def _one(self) -> Convert:
        if (self.multiply_by is None) == (self.divide_by is None):
            raise rule("convert_one")
        return self

    def sql(self) -> str:
        """What the column's value is multiplied or divided by, as SQL after it; nothing
        for a factor of 1 (the column is in its dataset's unit: unit_cells reads its cells
        so, helper-208)."""
        if float(self.multiply_by or self.divide_by or 0) == 1:
            return ""
        return f" * {self.multiply_by}" if self.multiply_by else f" / {self.divide_by}"

    def decimals(self, converted: int | None) -> int | None:
        """The decimals a cell may have for at most ``converted`` after the conversion:
        a k€ amount of 12,345 is 12.345 euros (helper-176: refused as three decimals)."""
        if converted is None or not self.multiply_by:
            return converted
        return converted + max(0, math.ceil(math.log10(float(self.multiply_by))))

    def said(self) -> InLanguage:
        """The conversion in words (' gedeeld door 7,2'), for the file's note."""
        factor = self.multiply_by or self.divide_by or ""
        words = {
            "nl": (" maal " if self.multiply_by else " gedeeld door ") + factor.replace(".", ","),
            "en": (" times " if self.multiply_by else " divided by ") + factor,
        }
        return InLanguage(lambda lang: words.get(lang, words["nl"]))


class Mapping(BaseModel):
    """A source's own column names mapped to a canonical dataset (one YAML per source)."""

    model_config = ConfigDict(extra="forbid")

    dataset: str
    files: list[str] = []
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str | int | None]] = {}
    # The 1-based line of the header (CSV, XLSX): the lines before it are skipped; every
    # line number (quarantine, messages) stays the file's own.
    header_row: int = 1
    # How many rows the header spans: 2 for SurveyMonkey (the question in the first row,
    # a matrix's statements in the second): a column is named "question / statement".
    header_rows: int = 1
    # Header rows below the header (Qualtrics: 2), skipped once shown not data (header_rows)
    extra_header_rows: int | None = None
    # The worksheet of an XLSX to read, by name; without it a workbook must hold data on
    # one sheet only (else it is refused, naming the sheets: none is dropped unsaid).
    sheet: str | None = None
    # A wide export (one row per respondent, one column per item) read as one row per
    # answer; an empty cell is no answer (no row).
    unpivot: Unpivot | None = None
    # survey_responses: answer labels ("Helemaal mee eens") read as 1-5 by a built-in set;
    # a label outside it is quarantined (unknown_label).
    answer_labels: str | None = None
    # How the numbers are written: "nl" (decimal comma, the default for CSV) or "en"
    # (decimal point), for the whole file, or per canonical column ({private_km: en}).
    number_format: str | dict[str, str] | None = None
    # Which comes first in a date with slashes, dashes or dots: "dmy" (the day, as Dutch
    # exports write it; the default) or "mdy" (the month, as American ones do: 06/25/2025).
    date_order: str = "dmy"
    # Canonical columns of a share whose numbers are percentages without their sign (AFAS'
    # Parttimepercentage: 88,89 is fte 0,8889): each number is its hundredth.
    percent: list[str] = []
    # survey_responses: 5 confirms a five-point scale in a file without a single 5
    # (top_answer.refuse_without_top); no other value.
    answer_scale: int | None = None
    # The export's columns whose values leave a row out (Status: [Geannuleerd]; dropped_rows)
    drop_rows: dict[str, list[str]] = {}
    # Columns in another unit or scale (hours a week for fte): times or divided by a factor.
    convert: dict[str, Convert] = {}
    # The export's own date, which decides which export is the newest when exports
    # overlap: a fixed date, or {from_name: REGEX} whose first group (or group "date")
    # is read from the file name (yyyy-mm-dd, yyyymmdd or dd-mm-yyyy).
    export_date: dt.date | dict[str, str] | None = None
    # The snapshot column the export lacks, filled from export_date (export_date_fill.py)
    from_export_date: str | None = None
    # side_jobs and gifts without a record_id: the period each export covers (month,
    # year or all); a newer export replaces the rows of the periods it covers. A survey:
    # wave, each wave the export holds (its respondent numbers may be new every export).
    covers: str | None = None
    # A CSV's encoding where the file cannot say it (a DOS code page: cp850; ISO 8859-15):
    # read strictly in it. Without it UTF-8, UTF-16 (with its mark) or Windows-1252 is
    # recognised; code pages that read the same bytes differently cannot be told apart.
    encoding: str | None = None
    path: Path | None = None

    @field_validator("export_date", mode="before")
    @classmethod
    def _a_date(cls, value: object) -> object:
        """A date as YAML writes it (2026-07-01), quoted or not; anything else but the
        from_name form is refused naming what was written (helper-171: '31-13-2025' gave
        "export_date.date: verwacht een datum", neither the value nor the form)."""
        if value is None or isinstance(value, dict):
            return value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        # the text YAML gives (MappingLoader): a day, or a day at midnight; not 20250701
        # (pydantic read that as seconds since 1970: 23-08-1970)
        day = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?", str(value).strip())
        try:
            if day:
                return dt.date.fromisoformat(day.group(1))
        except ValueError:  # 2025-02-30
            pass
        raise rule("export_date_value", value=str(value))

    @field_validator("dataset")
    @classmethod
    def _known_dataset(cls, value: str) -> str:
        if value not in DATASETS:
            raise rule("unknown_dataset", value=value, expected=", ".join(sorted(DATASETS)))
        return value

    @field_validator(
        "header_row", "header_rows", "extra_header_rows", "answer_scale", mode="before"
    )
    @classmethod
    def _no_yes(cls, value: object) -> object:
        """true or false is no number (helper-193: header_row: true was read as 1, unsaid)."""
        if isinstance(value, bool):
            raise PydanticCustomError("int_type", "expected a whole number")
        return value

    def _file_name(self, where: str, written: str, meant: Iterable[str]) -> None:
        """A column named as the file names it where its contract name is asked for
        (number_format, values, convert; helper-179, helper-202: values.Waarde for
        value_eur was 'geen kolom van gifts'): the contract name columns gives it, said."""
        named = {k.strip().lower(): v for k, v in self.columns.items()}
        said = named.get(written.strip().lower())
        if said in meant:
            raise rule("number_format_header", where=where, column=said)

    @model_validator(mode="after")
    def _known_columns(self) -> Mapping:
        names = DATASETS[self.dataset].column_names
        for source, target in self.columns.items():
            if target not in names:
                raise not_a_column("not_a_column", target, self.dataset, where=f"columns.{source}")
        for target in self.values:
            if target not in names:
                self._file_name(f"values.{target}", target, names)
                raise not_a_column("values_not_a_column", target, self.dataset)
        if not 1 <= self.header_row <= 1_048_576:  # Excel's last row (helper-195: 10**23)
            raise rule("header_row", value=self.header_row)
        if self.header_rows not in (1, 2):
            raise rule("header_rows", value=self.header_rows)
        if self.extra_header_rows is not None and self.extra_header_rows < 1:
            raise rule("extra_header_rows", value=self.extra_header_rows)
        if self.unpivot is not None:
            for where in ("item_column", "value_column"):
                target = getattr(self.unpivot, where)
                if target not in names:
                    where = f"unpivot.{where}"
                    raise not_a_column("not_a_column", target, self.dataset, where=where)
            if not self.unpivot.id_columns:
                raise rule("id_columns")
        if self.answer_labels is not None:
            if self.dataset != "survey_responses":
                raise rule("answer_labels_dataset")
            if self.answer_labels not in ANSWER_LABELS:
                expected = ", ".join(sorted(ANSWER_LABELS))
                raise rule("answer_labels_unknown", value=self.answer_labels, expected=expected)
        formats = self.number_format
        if isinstance(formats, str):
            formats = {"": formats}
        numeric = {c.name for c in DATASETS[self.dataset].columns if c.type in NUMERIC}
        for column, fmt in (formats or {}).items():
            where = f"number_format.{column}" if column else "number_format"
            if fmt not in NUMBER_FORMATS:
                raise rule("number_format_unknown", where=where, value=fmt)
            if column and column not in numeric:
                # the file's name for a numeric column (helper-179: 'Positie' for
                # candidate_rank was 'geen numerieke kolom'): its contract name is meant
                self._file_name(where, column, numeric)
                numbers = ", ".join(sorted(numeric)) or "-"
                raise rule(
                    "number_format_column", where=where, dataset=self.dataset, numeric=numbers
                )
        shares = [c.name for c in DATASETS[self.dataset].columns if c.percent]
        for column in self.percent:
            if column not in shares:
                if not shares:  # helper-171: 'verwacht een van []'
                    raise rule("percent_none", value=column, dataset=self.dataset)
                raise rule(
                    "percent_column", value=column, dataset=self.dataset, shares=", ".join(shares)
                )
        if self.answer_scale is not None and (
            self.answer_scale != 5 or self.dataset != "survey_responses"
        ):
            raise rule("answer_scale", value=self.answer_scale)
        for column in self.convert:
            if column not in names:
                self._file_name(f"convert.{column}", column, names)
                raise not_a_column("not_a_column", column, self.dataset, where=f"convert.{column}")
            if column in self.percent:
                raise rule("convert_percent", value=column)
            decimal = [c.name for c in DATASETS[self.dataset].columns if c.type == "decimal"]
            if column not in decimal:
                raise rule("convert_column", value=column, columns=", ".join(decimal) or "-")
            if refused := unit_refused(self.dataset, column, self.convert[column]):
                raise rule(refused[0], **refused[1])  # a unit the column or factor belies
        if self.date_order not in DATE_ORDERS:
            raise rule("date_order", value=self.date_order, expected=", ".join(DATE_ORDERS))
        if isinstance(self.export_date, dict):
            if set(self.export_date) - {"from_name", "date_order"} or "from_name" not in (
                self.export_date
            ):
                raise rule("export_date_form")
            if (order := self.export_date.get("date_order", "dmy")) not in DATE_ORDERS:
                raise rule("date_order", value=order, expected=", ".join(DATE_ORDERS))
            try:
                pattern = re.compile(self.export_date["from_name"])
            except re.error as exc:  # where, not Python's English (helper-193)
                at = (exc.pos or 0) + 1
                raise rule(
                    "export_date_regex", pattern=self.export_date["from_name"], at=at
                ) from None
            if pattern.groups < 1:
                raise rule("export_date_group")
        if refused := fill_refused(self):
            raise rule(refused[0], **refused[1])
        if self.encoding is not None:
            try:
                name = codecs.lookup(self.encoding).name
            except LookupError:
                raise rule("encoding_unknown", value=self.encoding) from None
            if name not in DECLARABLE:
                raise rule("encoding_unknown", value=self.encoding)
            self.encoding = name  # cp850, not CP850: one mapping, not two that read again
        if self.covers is not None and self.dataset == "survey_responses":
            # a survey tool that renews its anonymous respondent numbers in every export
            # (helper-110): the newer export replaces each wave it holds, whole
            if self.covers != SURVEY_COVERS:
                raise rule("covers_survey", value=self.covers)
        elif self.covers is not None:
            if self.dataset not in PERIOD_COLUMNS:
                raise rule("covers_dataset", dataset=self.dataset)
            if self.covers not in COVERS:
                raise rule("covers_unknown", value=self.covers)
        return self

    def export_date_of(self, path: Path) -> dt.date | None:
        """The export's own date for ``path``; UnusableFile when the name does not say it,
        or says a date after today (a typo such as 2062 would win over every later
        export for good; a month end of this month: helper-232 M3, helper-239)."""
        found, today = self._export_date_of(path), today_here()
        if found is not None and found > today:
            day = found.strftime("%d-%m-%Y")
            if not isinstance(self.export_date, dict):  # written in the mapping, not the name
                raise unusable("export_date_future_mapped", path, date=day, mapping=self.path)
            end = (found + dt.timedelta(days=1)).day == 1 and found.year == today.year
            key = "export_date_future_month_end" if end and found.month == today.month else ""
            raise unusable(key or "export_date_future", path, date=day)
        return found

    def _export_date_of(self, path: Path) -> dt.date | None:
        if not isinstance(self.export_date, dict):
            return self.export_date
        pattern = self.export_date["from_name"]
        text = name_search(pattern, path)
        if text is None:
            raise unusable("export_date_missing", path, pattern=pattern, mapping=self.path)
        # days first; then a monthly export named by its month (export_2026-10.csv),
        # dated the month's first day. Each form by its own shape: strptime alone reads
        # 202511 as %Y%m%d (2025-01-01), as it takes one digit for a month and a day.
        declared = self.export_date.get("date_order")
        for shape, fmt in EXPORT_DATE_FORMS:
            if not re.fullmatch(shape, text or ""):
                continue
            if not fmt.startswith("%d"):
                if (day := date_or_none(text, fmt)) is not None:
                    return day
                continue
            month_first = fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
            day_first, other = date_or_none(text, fmt), date_or_none(text, month_first)
            if declared is not None or self.date_order == "dmy":
                day = other if declared == "mdy" else day_first
            elif day_first is not None and other is not None and day_first != other:
                raise unusable(
                    "export_date_ambiguous",
                    path,
                    text=text,
                    day_first=day_first.strftime("%d-%m-%Y"),
                    month_first=other.strftime("%d-%m-%Y"),
                )
            else:
                day = day_first or other
            if day is not None:
                return day
        if (month := month_named(text or "")) is not None:  # maart 2026 (helper-262)
            return month
        if (day := day_named(text or "")) is not None:  # 31 maart 2026 (helper-263)
            return day
        raise unusable(
            "export_date_invalid", path, text=text, days=forms_said(False), months=forms_said(True)
        )

    def export_date_is_month(self, path: Path) -> bool:
        """Whether ``path``'s export date is a month its name says (export_2026-06.csv,
        dated the 1st): its rows of that month are no rows ahead of it (helper-207: every
        June row of a June export was said to lie after its date)."""
        if not isinstance(self.export_date, dict):
            return False
        text = name_search(self.export_date["from_name"], path) or ""
        # a month's shape is none of a day's (jjjj-mm, jjjjmm: no jjjj-mm-dd, jjjjmmdd)
        forms = (s for s, fmt in EXPORT_DATE_FORMS if "%d" not in fmt)
        return any(re.fullmatch(s, text) for s in forms) or month_named(text) is not None

    def number_format_of(self, column: str) -> str | None:
        if isinstance(self.number_format, dict):
            return self.number_format.get(column)
        return self.number_format

    def identity(self) -> str:
        """What decides how a file is read (everything but which files it names and where
        it is kept): the same file under a mapping with another identity is read again."""
        # a key added later and not used leaves a mapping's identity (and its loads) as it was
        unused = {"from_export_date"} if self.from_export_date is None else set()
        dump = self.model_dump(mode="json", exclude={"files", "path", *unused})
        text = json.dumps(dump, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def applies_to(self, path: Path) -> bool:
        """Whether a pattern of ``files`` names this file, regardless of case (Windows) and
        of how an accent is composed (macOS writes é as e and an accent; helper-189); a
        pattern with a folder (``q_juni/*.csv``) names the file's last folders too."""
        return names_file(self.files, path)


def names_file(patterns: list[str], path: Path) -> bool:
    """Whether one of ``patterns`` (a mapping's files:) names ``path``: Mapping.applies_to."""
    # its whole path: a folder in a pattern names a file given from inside it too
    parts = [unicodedata.normalize("NFC", p).lower() for p in Path(os.path.abspath(path)).parts]
    wanted = [
        unicodedata.normalize("NFC", str(f)).lower().replace("\\", "/").strip("/") for f in patterns
    ]
    return any(fnmatch.fnmatchcase("/".join(parts[-(w.count("/") + 1) :]), w) for w in wanted)


def load_mapping(path: Path) -> Mapping:
    """A column mapping read from its file: UTF-8 (with or without BOM), UTF-16 with its
    BOM or, as Windows editors save it, Windows-1252 (``Privé-kilometers``); UnusableFile
    says what is wrong."""
    never_a_key(path)  # (helper-271 F1-1: a link to a key printed the key as line 1)
    try:
        data = path.read_bytes()
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16
            text = data.decode("utf-16")
        else:
            text, _ = decode(data, path)
        data = yaml.load(text, Loader=MappingLoader)  # noqa: S506 (safe)
    except yaml.MarkedYAMLError as exc:  # where, in Dutch, and the usual cause
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        found = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
        raise unusable(
            "mapping_syntax",
            path,
            line=line,
            column=column,
            text=found,
            error=yaml_problem(exc.problem),
        ) from None
    except DuplicateKey as exc:
        raise unusable(
            "mapping_duplicate", path, name=exc.key, line=exc.line, first=exc.first
        ) from None
    except FileNotFoundError:
        raise unusable("mapping_missing", path) from None
    except RecursionError:  # lists in lists some 300 deep (helper-269 F7: a traceback)
        raise unusable("mapping_too_deep", path) from None
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise unusable("mapping_unreadable", path, error=str(exc)) from None
    except UnusableFile as exc:
        # decode's words are a data file's (CSV, XLSX or Parquet expected)
        raise unusable("mapping_encoding", path) from exc
    if data is not None and not isinstance(data, dict):  # 'dataset trainings', '- dataset: ...'
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        number = next((n for n, line in enumerate(text.splitlines(), 1) if line.strip()), 1)
        raise unusable("mapping_not_fields", path, line=number, text=first)
    try:
        return Mapping.model_validate({**(data or {}), "path": path})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        cause = (err.get("ctx") or {}).get("error")
        if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:  # columnz: the fields
            known = sorted(set(Mapping.model_fields) - {"path"})  # (helper-171: none named)
            raise unusable(
                "mapping_unknown_field",
                path,
                field=where,
                known=", ".join(known),
                guess=nearest(where, known),
            ) from None
        # a rule of the mapping's own says itself; pydantic's checks by their type
        at, message = located(
            path, text, data, err, cause if isinstance(cause, MappingRule) else None
        )
        if where:
            raise unusable("mapping_invalid_field", at, field=where, problem=message) from None
        raise unusable("mapping_invalid", at, problem=message) from None


def number_format(table: RawTable | SourceTable, mapping: Mapping | None, column: str) -> str:
    """The declared convention of a column: the mapping's, else Dutch. It applies to text
    cells; a cell of an XLSX or Parquet that holds a number is read as it is (checks)."""
    declared = mapping.number_format_of(column) if mapping is not None else None
    return declared or "nl"
