"""make bench: the large demo through the full build, against DuckDB's raw read of the same
files, the scoring step against a straightforward pandas implementation, peak memory, and
how long each dashboard page takes to render on the demo data (small and large).

`python bench/run.py --pages` measures only the page renders (on the small demo).

A benchmark, not a test: it prints numbers (and the machine they came from); it asserts
only that the pandas and SQL implementations agree, so the comparison is a fair one.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
SURVEY_AND_HR = ("KRI-SV-", "KRI-HR-OVERTIME", "KRI-HR-SICK")


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak resident memory (MiB) of a child process."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return elapsed, peak


def raw_read_seconds(demo: Path, manifest: dict) -> float:
    """DuckDB alone reading every input file of the demo (CSV natively, the one XLSX via
    openpyxl as DuckDB needs a downloaded extension for Excel)."""
    start = time.perf_counter()
    con = duckdb.connect()
    for entry in manifest["files"]:
        path = demo / entry["file"]
        if entry["format"] == "xlsx":
            pd.read_excel(path)
            continue
        encoding = "latin-1" if entry["encoding"] == "cp1252" else "utf-8"
        con.execute(
            f"select count(*) from read_csv(?, delim = ?, header = true, all_varchar = true, "
            f"encoding = '{encoding}')",
            [str(path), entry["delimiter"]],
        ).fetchone()
    return time.perf_counter() - start


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
    from pipelines.models import discover_models, run_models

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
    import secrets
    import statistics

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard.pages import PAGES, pages_for
    from pipelines.auth import add_user, load_roles

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


def small_demo_home(env: dict[str, str]) -> Path:
    home = Path(tempfile.mkdtemp(prefix="radar-bench-small-"))
    small_env = {**env, "RADAR_HOME": str(home)}
    radar = [sys.executable, "-m", "pipelines.cli"]
    run([*radar, "demo", "--quiet"], small_env)
    run([*radar, "build", "--quiet"], small_env)
    return home


def main() -> None:
    sys.path.insert(0, str(REPO))
    # keys of its own (audit log, log-in state): never the user's ~/.config/integriteitsradar
    keys = tempfile.mkdtemp(prefix="radar-bench-keys-")
    os.environ["RADAR_KEY_DIR"] = keys
    env = {**os.environ, "RADAR_PSEUDONYM_KEY": "bench-key-not-a-secret", "RADAR_KEY_DIR": keys}
    if "--pages" in sys.argv[1:]:
        print_page_timings("small demo", page_render_seconds(small_demo_home(env)))
        return
    home = Path(tempfile.mkdtemp(prefix="radar-bench-"))
    small = small_demo_home(env)
    env = {**env, "RADAR_HOME": str(home)}
    radar = [sys.executable, "-m", "pipelines.cli"]
    print(
        f"machine: {platform.node()} ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__})"
    )

    demo_s, _ = run([*radar, "demo", "--size", "large", "--quiet"], env)
    demo = home / "raw" / "demo"
    manifest = json.loads((demo / "manifest.json").read_text("utf-8"))
    rows = sum(f["rows"] for f in manifest["files"])
    size_mb = sum((demo / f["file"]).stat().st_size for f in manifest["files"]) / 2**20
    print(
        f"large demo: {rows:,} rows in {len(manifest['files'])} files ({size_mb:.0f} MiB), "
        f"generated in {demo_s:.1f} s"
    )

    build_s, build_peak = run([*radar, "build", "--quiet"], env)
    raw_s = raw_read_seconds(demo, manifest)
    print(f"full build (ingest + checks + pseudonyms + all SQL models): {build_s:.1f} s")
    print(f"DuckDB alone reading the same files: {raw_s:.2f} s")
    print(f"ratio full build / raw read: {build_s / raw_s:.1f}x (aim: within 3x)")
    print(f"peak memory of the build: {build_peak:,} MiB (aim: under 4,096 MiB)")

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
    print_page_timings("small demo (the one `make run` shows)", page_render_seconds(small))
    print_page_timings("large demo", page_render_seconds(home))


if __name__ == "__main__":
    main()
