"""make bench: the large demo through the full build, against DuckDB's raw read of the same
files, with the build's phases (ingest, models) apart; one new month's files ingested into
a warehouse that already holds the months before it, against the raw read of those files;
the scoring step against a straightforward pandas implementation; peak memory; and how long
each dashboard page takes to render on the demo data (small and large).

Longer than 600 lines because it is one script that prints one report: every measurement
stands beside the baseline it is compared with.

`python bench/run.py --pages` measures only the page renders (on the small demo), and
`python bench/run.py --browser` only the pages in Chromium (bench/browser.py; small demo).

A benchmark, not a test: it prints numbers (and the machine they came from); it asserts
only that the pandas and SQL implementations agree, so the comparison is a fair one, and
that splitting the demo by month loses no row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import yaml

REPO = Path(__file__).resolve().parent.parent
SURVEY_AND_HR = ("KRI-SV-", "KRI-HR-OVERTIME", "KRI-HR-SICK")
# The aims of issue 13 (item 5).
BUILD_AIM, BUILD_GOAL, INGEST_AIM, MEMORY_AIM_MIB = 3, 2, 3, 2048


@dataclass(frozen=True)
class Child:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of this child alone
    stdout: str


def run(cmd: list[str], env: dict[str, str]) -> Child:
    """Run a child process; its wall time, its CPU time and its stdout.

    Not its peak memory: Linux carries a parent's peak resident memory over into its
    child's ru_maxrss (fork, exec), so a child of this process, grown by the pandas
    scoring, would report this process's peak. `radar build --timings` and `radar ingest
    --timings` report their own (VmHWM) instead, read by timings_of.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stdout[-2000:]}{stderr[-3000:]}")
    return Child(elapsed, usage.ru_utime + usage.ru_stime, stdout)


# `radar build --timings` / `radar ingest --timings`: "tijden: kopie warehouse 0,4 s
# (212 MiB); inlezen 3,1 s; modellen 4,2 s; wegschrijven 0,6 s; overig 0,1 s; totaal 8,4 s"
TIMING_LABELS = {
    "wachten op andere build": "wait",
    "kopie warehouse": "copy",
    "inlezen": "ingest",
    "modellen": "models",
    "wegschrijven": "publish",
    "overig": "other",
    "totaal": "total",
}


def timings_of(child: Child) -> dict[str, float]:
    """The phases a --timings run printed, in seconds (and copy_mib when it copied)."""
    line = next((x for x in child.stdout.splitlines() if x.startswith("tijden: ")), None)
    if line is None:
        sys.exit(f"no 'tijden:' line in the output:\n{child.stdout[-2000:]}")
    found: dict[str, float] = {"wait": 0.0, "copy_mib": 0.0}
    for part in line.removeprefix("tijden: ").split("; "):
        match = re.fullmatch(r"(.+?) (\d+(?:,\d+)?) s(?: \(([\d.]+) MiB\))?", part)
        if match is None or match.group(1) not in TIMING_LABELS:
            sys.exit(f"cannot read the timings line: {line}")
        found[TIMING_LABELS[match.group(1)]] = float(match.group(2).replace(",", "."))
        if match.group(3):
            found["copy_mib"] = float(match.group(3).replace(".", ""))
    memory = next((x for x in child.stdout.splitlines() if x.startswith("geheugen (piek): ")), "")
    for label, key in (
        ("na inlezen", "peak_ingest"),
        ("na modellen", "peak_models"),
        ("aan het eind", "peak"),
    ):
        match = re.search(rf"{label} ([\d.]+) MiB", memory)
        found[key] = float(match.group(1).replace(".", "")) if match else 0.0
    return found


def peaks(t: dict[str, float]) -> str:
    """Where the peak memory was reached (the process's peak so far after each phase)."""
    return (
        f"{t['peak_ingest']:,.0f} MiB by the end of the ingest, "
        f"{t['peak_models']:,.0f} MiB by the end of the models"
    )


def read_csv_sql(path: Path, entry: dict) -> tuple[str, list[str]]:
    """DuckDB's read of a CSV as its manifest entry describes it, every cell as text: the
    SQL and its parameters."""
    encoding = "latin-1" if entry["encoding"] == "cp1252" else "utf-8"
    sql = f"read_csv(?, delim = ?, header = true, all_varchar = true, encoding = '{encoding}')"
    return sql, [str(path), entry["delimiter"]]


def raw_read_once(files: list[tuple[Path, dict]]) -> float:
    start = time.perf_counter()
    con = duckdb.connect()
    for path, entry in files:
        if entry["format"] == "xlsx":
            pd.read_excel(path, engine="openpyxl")
            continue
        sql, parameters = read_csv_sql(path, entry)
        con.execute(f"select count(*) from {sql}", parameters).fetchone()
    con.close()
    return time.perf_counter() - start


def raw_read_seconds(files: list[tuple[Path, dict]], repeats: int = 3) -> float:
    """DuckDB alone reading the files (CSV natively, an XLSX via openpyxl as DuckDB needs a
    downloaded extension for Excel), each file as its manifest entry describes it; the
    median of ``repeats`` reads (files already in the page cache, as for the build)."""
    return statistics.median(raw_read_once(files) for _ in range(repeats))


def store_as_text(files: list[tuple[Path, dict]], warehouse: Path) -> None:
    """The files stored as they are in a new DuckDB file, a table each (t0, t1, ...): every
    cell as text beside its row's number (``line``, 1 for the first row under the header),
    checkpointed. The least an ingest that keeps each row and its line does before it
    casts or checks anything (each file read as raw_read_once reads it)."""
    con = duckdb.connect(str(warehouse))
    for i, (path, entry) in enumerate(files):
        if entry["format"] == "xlsx":
            frame = pd.read_excel(path, engine="openpyxl", dtype=str)
            con.register("sheet", frame)
            con.execute(f"create table t{i} as select row_number() over () as line, * from sheet")
            con.unregister("sheet")
            continue
        sql, parameters = read_csv_sql(path, entry)
        con.execute(
            f"create table t{i} as select row_number() over () as line, * from {sql}", parameters
        )
    con.execute("checkpoint")
    con.close()


def raw_store_once(files: list[tuple[Path, dict]]) -> float:
    """Seconds store_as_text takes into a temporary folder (removed after)."""
    folder = Path(tempfile.mkdtemp(prefix="radar-bench-store-"))
    start = time.perf_counter()
    store_as_text(files, folder / "stored.duckdb")
    seconds = time.perf_counter() - start
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def raw_store_seconds(files: list[tuple[Path, dict]], repeats: int = 3) -> float:
    """raw_store_once's median of ``repeats``."""
    return statistics.median(raw_store_once(files) for _ in range(repeats))


# --- the incremental case: the large demo split by month ------------------------------


def month_column(dataset: str, mapping: dict | None) -> str | None:
    """The column (as the file names it) that dates a row to a month, or None for a
    dataset without one (org_units; vehicle_use counts per year).

    The dataset's freshness column when it is a date or month, else its first required
    date or month column; through the file's column mapping when it has one.
    """
    from pipelines.ingest.quality import DATASETS

    spec = DATASETS.get(dataset)
    if spec is None:
        return None
    types = {c.name: c.type for c in spec.columns}
    name = getattr(spec, "freshness_column", None)
    if types.get(name) not in ("date", "month"):
        name = next(
            (c.name for c in spec.columns if c.required and c.type in ("date", "month")), None
        )
    if name is None:
        return None
    source_names = {v: k for k, v in ((mapping or {}).get("columns") or {}).items()}
    return source_names.get(name, name)


EXCEL_EPOCH = dt.date(1899, 12, 30)


def month_of(value: object) -> str | None:
    """'jjjj-mm' of a cell as exports write dates (dd-mm-jjjj, jjjj-mm-dd, jjjj-mm,
    jjjjmmdd, a date cell, an Excel serial number); None when it is not a date."""
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        day = EXCEL_EPOCH + dt.timedelta(days=int(value))
        return f"{day.year:04d}-{day.month:02d}"
    text = str(value or "").strip()
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ T].*)?", text):
        year, month = match.groups()
    elif match := re.fullmatch(r"\d{1,2}[-/.](\d{1,2})[-/.](\d{4})", text):
        month, year = match.groups()
    elif match := re.fullmatch(r"(\d{4})(\d{2})\d{2}", text):
        year, month = match.groups()
    else:
        return None
    return f"{int(year):04d}-{int(month):02d}"


def split_csv(
    source: Path, entry: dict, column: str, header_row: int, month: str, out: dict[bool, Path]
) -> dict[bool, int]:
    """Rows whose month is ``month`` to out[True], the rest to out[False]; the file's own
    encoding (a BOM kept), delimiter, line ending and quoting; lines above the header
    (a mapping's header_row) repeated in both."""
    encoding, delimiter = entry["encoding"], entry["delimiter"]
    raw = source.read_bytes()
    text = raw.decode(encoding)
    newline = "\r\n" if b"\r\n" in raw[:4096] else "\n"
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    preamble, header = records[: header_row - 1], records[header_row - 1]
    where = header.index(column)
    parts: dict[bool, list[list[str]]] = {False: [], True: []}
    for record in records[header_row:]:
        is_new = len(record) > where and month_of(record[where]) == month
        parts[is_new].append(record)
    for is_new, rows in parts.items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
        writer.writerows([*preamble, header, *rows])
        out[is_new].write_bytes(buffer.getvalue().encode(encoding))
    return {is_new: len(rows) for is_new, rows in parts.items()}


def split_xlsx(
    source: Path, column: str, header_row: int, month: str, out: dict[bool, Path]
) -> dict[bool, int]:
    """As split_csv for the first sheet of a workbook; each cell keeps its number format
    (a date cell stays a date cell)."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.cell import WriteOnlyCell

    book = load_workbook(source, read_only=True)
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows()]
    preamble, header = rows[: header_row - 1], rows[header_row - 1]
    where = [c.value for c in header].index(column)
    parts: dict[bool, list] = {False: [], True: []}
    for row in rows[header_row:]:
        is_new = len(row) > where and month_of(row[where].value) == month
        parts[is_new].append(row)
    for is_new, body in parts.items():
        target = Workbook(write_only=True)
        sheet_out = target.create_sheet(sheet.title)
        for row in [*preamble, header, *body]:
            cells = []
            for cell in row:
                value = cell.value
                if isinstance(value, dt.datetime) and value.time() == dt.time():
                    value = value.date()
                out_cell = WriteOnlyCell(sheet_out, value=value)
                if cell.number_format and cell.number_format != "General":
                    out_cell.number_format = cell.number_format
                cells.append(out_cell)
            sheet_out.append(cells)
        target.save(out[is_new])
    book.close()
    return {is_new: len(body) for is_new, body in parts.items()}


@dataclass
class Split:
    month: str  # the new month, jjjj-mm
    base: list[tuple[Path, dict]]  # files (and their manifest entries) of the months before
    new: list[tuple[Path, dict]]  # the new month's files
    columns: dict[str, str | None]  # per dataset the column that dated its rows


def split_by_month(demo: Path, manifest: dict, base_dir: Path, new_dir: Path) -> Split:
    """The demo's files split in two: the rows of its last month (the manifest's period)
    in new_dir and everything else in base_dir, each file in its own format, its mapping
    beside it in both folders. A dataset without a month column, and a row whose date
    cannot be read, stays in base."""
    base_dir.mkdir(parents=True)
    new_dir.mkdir(parents=True)
    entries = manifest["files"]
    mappings: dict[str, dict | None] = {}
    for entry in entries:
        mapping = None
        if entry.get("mapping"):
            for folder in (base_dir, new_dir):
                shutil.copyfile(demo / entry["mapping"], folder / entry["mapping"])
            mapping = yaml.safe_load((demo / entry["mapping"]).read_text("utf-8"))
        mappings[entry["file"]] = mapping
    columns = {e["dataset"]: month_column(e["dataset"], mappings[e["file"]]) for e in entries}
    month = manifest["period"]["last_month"]
    split = Split(month, [], [], columns)
    for entry in entries:
        source, column = demo / entry["file"], columns[entry["dataset"]]
        out = {False: base_dir / entry["file"], True: new_dir / entry["file"]}
        if column is None:
            shutil.copyfile(source, out[False])
            split.base.append((out[False], {**entry}))
            continue
        header_row = int((mappings[entry["file"]] or {}).get("header_row") or 1)
        if entry["format"] == "xlsx":
            counts = split_xlsx(source, column, header_row, month, out)
        else:
            counts = split_csv(source, entry, column, header_row, month, out)
        assert counts[False] + counts[True] == entry["rows"], f"{entry['file']}: rows lost"
        for is_new, files in ((False, split.base), (True, split.new)):
            if counts[is_new]:
                files.append((out[is_new], {**entry, "rows": counts[is_new]}))
            else:
                out[is_new].unlink()
    return split


def pandas_indicators(warehouse: Path) -> tuple[float, pd.DataFrame]:
    """The survey and two HR indicators per quarter and org unit (all levels), in pandas."""
    con = duckdb.connect(str(warehouse), read_only=True)
    responses = con.execute("select * from raw_survey_responses").df()
    employees = con.execute("select * from raw_employees").df()
    items = con.execute("select * from stg_catalogue__survey_items").df()
    indicator_items = con.execute("select * from stg_catalogue__indicator_items").df()
    units = con.execute("select org_unit_id, parent_unit_id from int_org__units").df()
    con.close()

    start = time.perf_counter()
    parent = dict(zip(units["org_unit_id"], units["parent_unit_id"], strict=True))
    ancestry = []
    for unit in parent:
        node = unit
        while isinstance(node, str):
            ancestry.append((unit, node))
            node = parent.get(node)
    hierarchy = pd.DataFrame(ancestry, columns=["org_unit", "ancestor"])

    answered = responses.dropna(subset=["answer"]).merge(
        items, left_on="item_code", right_on="item_code"
    )
    answered = answered.merge(indicator_items, on="item_code")
    score = answered["answer"].where(~answered["is_reverse"], 6 - answered["answer"])
    answered = answered.assign(
        numerator=(score <= 2).astype(float),
        denominator=1.0,
        subject=answered["respondent_key"],
        quarter=pd.to_datetime(answered["wave_date"])
        .dt.to_period("Q")
        .astype(str)
        .str.replace("Q", "-Q"),
    )[["indicator_id", "quarter", "org_unit", "subject", "numerator", "denominator"]]

    employees = employees.sort_values("_ingested_at").drop_duplicates(
        ["employee_key", "snapshot_month"], keep="last"
    )
    month = pd.to_datetime(employees["snapshot_month"])
    quarter = month.dt.to_period("Q").astype(str).str.replace("Q", "-Q")
    hr = pd.concat(
        [
            pd.DataFrame(
                {
                    "indicator_id": "KRI-HR-OVERTIME",
                    "quarter": quarter,
                    "org_unit": employees["org_unit"],
                    "subject": employees["employee_key"],
                    "numerator": employees["overtime_hours"].fillna(0),
                    "denominator": employees["fte"].fillna(0),
                }
            )[employees["fte"] > 0],
            pd.DataFrame(
                {
                    "indicator_id": "KRI-HR-SICK",
                    "quarter": quarter,
                    "org_unit": employees["org_unit"],
                    "subject": employees["employee_key"],
                    "numerator": employees["sick_days"].fillna(0),
                    "denominator": month.dt.days_in_month.astype(float),
                }
            ),
        ]
    )
    contributions = pd.concat([answered, hr]).merge(hierarchy, on="org_unit")
    result = (
        contributions.groupby(["indicator_id", "quarter", "ancestor"])
        .agg(
            numerator=("numerator", "sum"),
            denominator=("denominator", "sum"),
            n=("subject", "nunique"),
        )
        .reset_index()
    )
    return time.perf_counter() - start, result


def sql_indicators(warehouse: Path) -> tuple[float, pd.DataFrame]:
    """The same numbers from the SQL models, timed as the models run."""
    con = duckdb.connect(str(warehouse))
    start = time.perf_counter()
    from pipelines.build.models import discover_models, run_models

    chain = {
        "int_hr__employee_months",
        "int_kri__survey",
        "int_kri__hr_employees",
        "int_org__units",
        "int_org__hierarchy",
    }
    run_models(con, [m for m in discover_models() if m.name in chain])
    result = con.execute(
        """
        with c as (
            select * from int_kri__survey
            union all by name
            select * from int_kri__hr_employees
            where indicator_id in ('KRI-HR-OVERTIME', 'KRI-HR-SICK')
        )
        select c.indicator_id,
            strftime(c.month_start, '%Y') || '-Q' || quarter(c.month_start) as quarter,
            h.ancestor_id as ancestor, sum(c.numerator) as numerator,
            sum(c.denominator) as denominator, count(distinct c.subject_id) as n
        from c join int_org__hierarchy h on c.org_unit_id = h.org_unit_id
        group by all
        """
    ).df()
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed, result


def page_render_seconds(home: Path, repeats: int = 5) -> dict[str, tuple[float, float]]:
    """Per page: first render with empty caches, and the median of later renders.

    Each page script rendered on its own, in-process, by Streamlit's AppTest (the script
    and every query it runs; no browser paint), after one warm-up run that pays for the
    imports. Each session first logs in through the log-in form, as a user whose role has
    the page (like tests/apphelpers.py); "first" then starts from empty data caches.
    """
    import logging
    import secrets
    import statistics

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    # the in-process runs warn "missing ScriptRunContext" and "No runtime found" (bare
    # mode) between the figures this prints; AppTest sets Streamlit's log level at each run
    for name in ("scriptrunner_utils.script_run_context", "caching.cache_data_api"):
        logging.getLogger(f"streamlit.runtime.{name}").disabled = True

    from dashboard.pages import PAGES, pages_for
    from pipelines.access.roles import load_roles
    from pipelines.access.users import add_user

    os.environ["RADAR_HOME"] = str(home)  # a fresh temporary home: no users yet
    app = str(REPO / "dashboard" / "streamlit_app.py")
    roles = load_roles()
    password = secrets.token_urlsafe(16)
    role_of_page = {
        spec.file: next(r for r in ["risicomanager", *roles.roles] if spec in pages_for(r, roles))
        for spec in PAGES
    }
    for role in dict.fromkeys(role_of_page.values()):
        add_user(f"bench-{role}", role, password)
    AppTest.from_file(app, default_timeout=120).run()
    timings = {}
    for page, role in role_of_page.items():
        at = AppTest.from_file(app, default_timeout=120)
        at.session_state["lang"] = "nl"
        at.run()
        at.text_input(key="auth_username").input(f"bench-{role}")
        at.text_input(key="auth_password").input(password)
        at.button(key="auth_submit").click().run()
        at.switch_page(f"app_pages/{page}")
        st.cache_data.clear()
        start = time.perf_counter()
        at.run()
        first = time.perf_counter() - start
        if at.exception:
            sys.exit(f"{page} raised: {at.exception[0].value}")
        later = []
        for _ in range(repeats):
            start = time.perf_counter()
            at.run()
            later.append(time.perf_counter() - start)
        timings[page] = (first, statistics.median(later))
    return timings


def print_page_timings(label: str, timings: dict[str, tuple[float, float]]) -> None:
    print(f"page renders on the {label} (AppTest, in-process; aim: under 1 s each):")
    for page, (first, later) in timings.items():
        print(f"  {page:<20} first {first:5.2f} s   then {later:5.2f} s (median of 5)")


def print_browser_times(label: str, home: Path) -> None:
    """Every page in Chromium (bench/browser.py), in a process of its own: AppTest above
    leaves Streamlit's in-process state (caches, the runtime) behind."""
    run_env = {**os.environ, "RADAR_HOME": str(home)}
    child = subprocess.run(
        [sys.executable, str(REPO / "bench" / "browser.py"), str(home), label],
        env=run_env,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        sys.exit(f"bench/browser.py failed:\n{child.stdout[-2000:]}{child.stderr[-3000:]}")
    print(child.stdout, end="")


def small_demo_home(env: dict[str, str]) -> Path:
    home = Path(tempfile.mkdtemp(prefix="radar-bench-small-"))
    small_env = {**env, "RADAR_HOME": str(home)}
    radar = [sys.executable, "-m", "pipelines.cli.main"]
    run([*radar, "demo", "--quiet"], small_env)
    run([*radar, "build", "--quiet"], small_env)
    return home


def mib(files: list[tuple[Path, dict]]) -> float:
    return sum(path.stat().st_size for path, _ in files) / 2**20


def size_mib(home: Path) -> float:
    return (home / "warehouse.duckdb").stat().st_size / 2**20


def phases(t: dict[str, float], start_s: float) -> str:
    """The phases of a --timings run, and the process start (wall minus build())."""
    copy = f"warehouse copy {t['copy']:.1f} s"
    if t["copy_mib"]:
        copy += f" ({t['copy_mib']:,.0f} MiB)"
    wait = f"waiting for the lock {t['wait']:.1f} s, " if t["wait"] else ""
    return (
        f"{wait}{copy}, ingest {t['ingest']:.1f} s, models {t['models']:.1f} s, "
        f"publish (checkpoint, fsync, rename) {t['publish']:.1f} s, other {t['other']:.1f} s; "
        f"process start and imports {start_s:.1f} s"
    )


def incremental(demo: Path, manifest: dict, env: dict[str, str]) -> None:
    """Two years of data in the warehouse but the last month, then that month's files
    with `radar ingest`: its ingest part against DuckDB's raw read of those files, and the
    model rebuild beside it."""
    home = Path(tempfile.mkdtemp(prefix="radar-bench-incremental-"))
    inc_env = {**env, "RADAR_HOME": str(home)}
    radar = [sys.executable, "-m", "pipelines.cli.main"]
    split = split_by_month(demo, manifest, home / "raw" / "base", home / "new-month")
    base_rows = sum(e["rows"] for _, e in split.base)
    new_rows = sum(e["rows"] for _, e in split.new)
    if not new_rows:
        sys.exit(f"the demo has no rows dated {split.month}")
    dated = ", ".join(f"{d} by {c}" for d, c in split.columns.items() if c)
    undated = ", ".join(d for d, c in split.columns.items() if not c)
    print(f"incremental: the large demo split by month ({dated}; all in the base: {undated})")
    base = run([*radar, "build", "--quiet", "--timings"], inc_env)
    base_t = timings_of(base)
    print(
        f"  base: every month before {split.month}, {base_rows:,} rows in "
        f"{len(split.base)} files ({mib(split.base):.0f} MiB), built in {base.seconds:.1f} s "
        f"(CPU {base.cpu_seconds:.1f} s); warehouse {size_mib(home):,.0f} MiB"
    )
    ingest = run([*radar, "ingest", str(home / "new-month"), "--quiet", "--timings"], inc_env)
    t = timings_of(ingest)
    raw_s = raw_read_seconds(split.new)
    print(
        f"  new month {split.month}: {new_rows:,} rows in {len(split.new)} files "
        f"({mib(split.new):.1f} MiB: {', '.join(p.name for p, _ in split.new)})"
    )
    print(
        f"  radar ingest of the new month: {ingest.seconds:.1f} s "
        f"(CPU {ingest.cpu_seconds:.1f} s), peak memory {t['peak']:,.0f} MiB "
        f"(aim: under {MEMORY_AIM_MIB:,} MiB); "
        f"warehouse afterwards {size_mib(home):,.0f} MiB"
    )
    print(
        f"    ingest part: {t['ingest']:.1f} s; DuckDB alone reading those files: "
        f"{raw_s:.2f} s; ratio {t['ingest'] / raw_s:.1f}x (aim: within {INGEST_AIM}x)"
    )
    stored_s = raw_store_seconds(split.new)
    print(
        f"    DuckDB storing those files as text with each row's number: {stored_s:.2f} s "
        f"({stored_s / raw_s:.1f}x the raw read); the ingest part is "
        f"{t['ingest'] / stored_s:.1f}x that"
    )
    print(
        f"    model rebuild beside it (catalogue, register, all SQL models): "
        f"{t['models']:.1f} s (in the base build: {base_t['models']:.1f} s)"
    )
    print(f"    {phases(t, ingest.seconds - t['total'])}")
    print(f"    peak memory {peaks(t)}")
    again = run([*radar, "ingest", str(home / "new-month"), "--quiet", "--timings"], inc_env)
    a = timings_of(again)
    print(
        f"  the same files again (already ingested, warehouse untouched): {again.seconds:.1f} s, "
        f"of which warehouse copy {a['copy']:.1f} s, ingest {a['ingest']:.1f} s"
    )
    shutil.rmtree(home, ignore_errors=True)


def slowest_models(warehouse: Path, shown: int = 6) -> str:
    """Every SQL model rerun one by one on a copy of the built warehouse, as a full build
    runs them (the build's memory limit, the exact limits searched afresh: no memo), and
    the slowest: where the models' part of a build goes."""
    sys.path.insert(0, str(REPO))
    from pipelines.build import stats
    from pipelines.build.models import discover_models
    from pipelines.core.warehouse import BUILD_MEMORY_LIMIT

    with tempfile.TemporaryDirectory(prefix="radar-bench-models-") as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        shutil.copyfile(warehouse, copy)
        con = duckdb.connect(str(copy), config={"memory_limit": BUILD_MEMORY_LIMIT})
        con.execute("set enable_progress_bar = false")  # a connection's own, not global
        stats.register(con)
        times = []
        models = discover_models()
        for model in models:
            start = time.perf_counter()
            body = model.sql.strip().rstrip(";")  # a view model stays a view (as built)
            con.execute(f"create or replace {model.kind} {model.name} as {body}")
            times.append((time.perf_counter() - start, model.name))
        con.close()
    total = sum(t for t, _ in times)
    top = sorted(times, reverse=True)[:shown]
    parts = ", ".join(f"{name} {t:.1f} s" for t, name in top)
    rest = total - sum(t for t, _ in top)
    others = len(times) - shown
    chain_s, chain = longest_chain(models, {name: t for t, name in times})
    return (
        f"{len(times)} models one by one: {total:.1f} s; {parts}; the other {others} {rest:.1f} s"
        f"\n  the longest chain of models each reading the one before (what two at a time "
        f"cannot shorten): {chain_s:.1f} s, {' -> '.join(chain)}"
    )


def longest_chain(models: list, seconds: dict[str, float]) -> tuple[float, list[str]]:
    """The models' longest path by ``seconds`` over what each reads (models in dependency
    order, as discover_models gives them): its seconds and its models, first to last."""
    upto: dict[str, tuple[float, str | None]] = {}
    for model in models:
        before = max(model.depends_on, key=lambda d: upto[d][0], default=None)
        upto[model.name] = (seconds[model.name] + (upto[before][0] if before else 0), before)
    last: str | None = max(upto, key=lambda n: upto[n][0])
    chain_s, chain = upto[last][0], []
    while last is not None:
        chain.append(last)
        last = upto[last][1]
    return chain_s, chain[::-1]


def help_seconds(env: dict[str, str], repeats: int = 5) -> float:
    """``radar --help`` as a user starts it (the console script), median wall time."""
    radar = str(Path(sys.executable).with_name("radar"))
    cmd = [radar] if Path(radar).exists() else [sys.executable, "-m", "pipelines.cli.main"]
    return statistics.median(run([*cmd, "--help"], env).seconds for _ in range(repeats))


def main() -> None:
    sys.path.insert(0, str(REPO))
    # keys of its own (audit log, log-in state): never the user's ~/.config/integriteitsradar
    keys = tempfile.mkdtemp(prefix="radar-bench-keys-")
    os.environ["RADAR_KEY_DIR"] = keys
    env = {**os.environ, "RADAR_PSEUDONYM_KEY": "bench-key-not-a-secret", "RADAR_KEY_DIR": keys}
    print(f"radar --help: {help_seconds(env):.2f} s (median of 5; aim: under 0.5 s)")
    if "--pages" in sys.argv[1:] or "--browser" in sys.argv[1:]:
        small = small_demo_home(env)
        if "--pages" in sys.argv[1:]:
            print_page_timings("small demo", page_render_seconds(small))
        if "--browser" in sys.argv[1:]:
            print_browser_times("small demo", small)
        for folder in (small, Path(keys)):
            shutil.rmtree(folder, ignore_errors=True)
        return
    home = Path(tempfile.mkdtemp(prefix="radar-bench-"))
    small = small_demo_home(env)
    env = {**env, "RADAR_HOME": str(home)}
    radar = [sys.executable, "-m", "pipelines.cli.main"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"machine: {platform.node()} ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}; "
        f"load average at the start {load})"
    )

    generated = run([*radar, "demo", "--size", "large", "--quiet"], env)
    demo = home / "raw" / "demo"
    manifest = json.loads((demo / "manifest.json").read_text("utf-8"))
    files = [(demo / f["file"], f) for f in manifest["files"]]
    rows = sum(f["rows"] for f in manifest["files"])
    print(
        f"large demo: {rows:,} rows in {len(files)} files ({mib(files):.0f} MiB), "
        f"generated in {generated.seconds:.1f} s"
    )

    built = run([*radar, "build", "--quiet", "--timings"], env)
    t = timings_of(built)
    raw_s = raw_read_seconds(files)
    print(
        f"full build (ingest + checks + pseudonyms + all SQL models): {built.seconds:.1f} s "
        f"(CPU {built.cpu_seconds:.1f} s); warehouse {size_mib(home):,.0f} MiB"
    )
    print(f"  {phases(t, built.seconds - t['total'])}")
    print(f"DuckDB alone reading the same files: {raw_s:.2f} s (median of 3)")
    stored_s = raw_store_seconds(files)
    print(
        f"DuckDB storing them as text with each row's number, nothing cast or checked: "
        f"{stored_s:.2f} s (median of 3; {stored_s / raw_s:.1f}x the raw read); the ingest "
        f"part is {t['ingest'] / stored_s:.1f}x that"
    )
    print(
        f"ratio full build / raw read: {built.seconds / raw_s:.1f}x "
        f"(aim: within {BUILD_AIM}x, goal {BUILD_GOAL}x); "
        f"ingest part alone {t['ingest'] / raw_s:.1f}x, models alone {t['models'] / raw_s:.1f}x"
    )
    print(
        f"peak memory of the build: {t['peak']:,.0f} MiB (aim: under {MEMORY_AIM_MIB:,} MiB); "
        f"{peaks(t)}"
    )
    print(f"  where the models' time goes: {slowest_models(home / 'warehouse.duckdb')}")

    warehouse = home / "warehouse.duckdb"
    sql_s, sql_result = sql_indicators(warehouse)
    pandas_s, pandas_result = pandas_indicators(warehouse)
    merged = sql_result.merge(
        pandas_result, on=["indicator_id", "quarter", "ancestor"], suffixes=("_sql", "_pd")
    )
    assert len(merged) == len(sql_result) == len(pandas_result), "implementations disagree"
    for column in ("numerator", "denominator", "n"):
        assert (merged[f"{column}_sql"] - merged[f"{column}_pd"]).abs().max() < 1e-6, column
    print(
        f"scoring step, survey + 2 HR indicators per quarter x unit ({len(sql_result):,} rows, "
        f"identical results): DuckDB SQL {sql_s:.2f} s, pandas {pandas_s:.2f} s "
        f"({pandas_s / sql_s:.1f}x)"
    )
    incremental(demo, manifest, env)
    print_page_timings("small demo (the one `make run` shows)", page_render_seconds(small))
    print_page_timings("large demo", page_render_seconds(home))
    print_browser_times("small demo", small)
    print_browser_times("large demo", home)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end: {load}")
    for folder in (home, small, Path(keys)):  # the large demo's warehouse is over 200 MiB
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
