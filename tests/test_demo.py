"""``radar demo``: the generated exports, read back from the real files (small size only)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from openpyxl import load_workbook

from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR
from pipelines.demo import generate_demo
from pipelines.ingest.quality import DATASETS

CANONICAL = {name: spec.column_names for name, spec in DATASETS.items()}
# docs/contracts.md: side_jobs and gifts *may* carry the register's own number; the demo's
# registers have none (their re-exports are told apart by the period they cover)
NOT_IN_DEMO = {"record_id"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "export"
    manifest = generate_demo(out, size="small", seed=42)
    assert manifest == out / "manifest.json"
    return out


@pytest.fixture(scope="module")
def manifest(demo: Path) -> dict:
    return json.loads((demo / "manifest.json").read_text(encoding="utf-8"))


def _file(manifest: dict, dataset: str) -> dict:
    return next(f for f in manifest["files"] if f["dataset"] == dataset)


def _mapping(demo: Path, entry: dict) -> dict[str, str]:
    """File column -> canonical column (identity without a mapping file)."""
    if entry["mapping"] is None:
        return {}
    return yaml.safe_load((demo / entry["mapping"]).read_text(encoding="utf-8"))["columns"]


def _read(demo: Path, entry: dict) -> pd.DataFrame:
    """A file as text columns under canonical names (dates stay as written)."""
    path = demo / entry["file"]
    if entry["format"] == "xlsx":
        df = pd.read_excel(path, dtype=object).astype(object)
        df = df.where(df.notna(), "")
    else:
        df = pd.read_csv(
            path,
            sep=entry["delimiter"],
            encoding=entry["encoding"],
            dtype=str,
            keep_default_na=False,
        )
    return df.rename(columns=_mapping(demo, entry))


def _raw_line(demo: Path, entry: dict, line: int) -> dict[str, str]:
    """The raw text of one file line (1 = header), split into canonical columns."""
    text = (demo / entry["file"]).read_bytes().decode(entry["encoding"])
    lines = text.splitlines()
    header = next(csv.reader([lines[0]], delimiter=entry["delimiter"]))
    header = [_mapping(demo, entry).get(h, h) for h in header]
    values = next(csv.reader([lines[line - 1]], delimiter=entry["delimiter"]))
    return dict(zip(header, values, strict=True))


def _files_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(
    demo: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    other = tmp_path / "other"
    generate_demo(again, size="small", seed=42)
    generate_demo(other, size="small", seed=7)
    first, second, third = _files_bytes(demo), _files_bytes(again), _files_bytes(other)
    assert list(first) == list(second) == list(third)
    assert first == second  # gifts.xlsx included: fixed zip and document timestamps
    for name in first:
        if name not in ("org_units.csv", "effectory.mapping.yaml"):
            assert first[name] != third[name], name


def test_every_canonical_dataset_is_present_with_its_columns(demo: Path, manifest: dict) -> None:
    assert sorted(f["dataset"] for f in manifest["files"]) == sorted(CANONICAL)
    for entry in manifest["files"]:
        df = _read(demo, entry)
        expected = [c for c in CANONICAL[entry["dataset"]] if c not in NOT_IN_DEMO]
        assert list(df.columns) == expected, entry["file"]
        assert len(df) == entry["rows"] > 0, entry["file"]
    survey = _file(manifest, "survey_responses")
    assert survey["mapping"] == "effectory.mapping.yaml"
    mapping = yaml.safe_load((demo / survey["mapping"]).read_text(encoding="utf-8"))
    assert mapping["dataset"] == "survey_responses"
    assert mapping["files"] == ["effectory_export*.csv"]
    assert list(mapping["columns"]) == [
        "RespondentID",
        "Meetmoment",
        "Eenheid",
        "Vraagcode",
        "Antwoord",
    ]


def test_manifest_describes_the_run(manifest: dict) -> None:
    assert manifest["generator"] == "radar demo"
    assert (manifest["seed"], manifest["size"]) == (42, "small")
    assert manifest["organisation"] == "Woonstichting Heuvelland"
    assert manifest["period"] == {
        "first_month": "2024-10",
        "last_month": "2026-09",
        "quarters": [
            "2024-Q4",
            "2025-Q1",
            "2025-Q2",
            "2025-Q3",
            "2025-Q4",
            "2026-Q1",
            "2026-Q2",
            "2026-Q3",
        ],
    }
    indicators = yaml.safe_load((DEFAULT_CATALOGUE_DIR / "indicators.yaml").read_text("utf-8"))
    known = {i["id"] for i in indicators["indicators"]}
    risks = yaml.safe_load((DEFAULT_CATALOGUE_DIR / "risks.yaml").read_text("utf-8"))
    risk_ids = {r["id"] for r in risks["risks"]}
    ids = [s["id"] for s in manifest["scenarios"]]
    assert ids == [
        "S-RF1",
        "S-RF2",
        "S-RF3",
        "S-RF4",
        "S-RF5",
        "S-RF6",
        "S-G1",
        "S-G3",
        "S-G4",
        "S-D1",
        "S-R2",
        "S-G2",
        "S-G2-REL",
    ]
    for s in manifest["scenarios"]:
        assert s["risk_id"] in risk_ids
        assert s["start_quarter"] in manifest["period"]["quarters"]
        assert set(s["indicators"]) <= known, s["id"]
        assert set(s["datasets"]) <= set(CANONICAL)
        assert s["description"]


def test_org_tree_has_one_root_departments_and_teams_some_small(demo: Path, manifest: dict) -> None:
    org = _read(demo, _file(manifest, "org_units"))
    assert org["org_unit"].is_unique
    roots = org[org["parent_unit"] == ""]
    assert list(roots["org_unit"]) == ["WH"] and list(roots["level"]) == ["organisatie"]
    departments = org[org["level"] == "afdeling"]
    teams = org[org["level"] == "team"]
    assert 6 <= len(departments) <= 8 and set(departments["parent_unit"]) == {"WH"}
    assert 25 <= len(teams) <= 30 and set(teams["parent_unit"]) <= set(departments["org_unit"])
    assert manifest["org_units"]["teams"] == len(teams)
    assert manifest["org_units"]["departments"] == len(departments)

    emp = _read(demo, _file(manifest, "employees"))
    last = emp[emp["snapshot_month"] == "2026-09"]
    staff = last[last["is_manager"] == "nee"].groupby("org_unit").size()
    small = sorted(staff[staff < 5].index)
    assert small and small == sorted(manifest["org_units"]["small_teams"])


def test_about_300_employees_a_month_with_one_bestuurder(demo: Path, manifest: dict) -> None:
    emp = _read(demo, _file(manifest, "employees"))
    per_month = emp.groupby("snapshot_month")["employee_key"].nunique()
    assert len(per_month) == 24
    assert per_month.between(280, 320).all()
    top = emp[emp["manager_key"] == ""]
    assert set(top["job_title"]) == {"Directeur-bestuurder"} and top["org_unit"].eq("WH").all()
    assert emp["employee_key"].str.fullmatch(r"\d{6}").all()
    assert (emp["exit_date"] != "").sum() > 10  # turnover
    consultants = emp[emp["job_title"] == "Verhuurconsulent"]["org_unit"].unique()
    assert set(consultants) <= {"VH-NRD", "VH-ZLD", "VH-OOST", "VH-URG"}


def test_every_bad_row_is_at_its_line_with_its_value(demo: Path, manifest: dict) -> None:
    bad = manifest["bad_rows"]
    expected = {
        ("effectory_export.csv", "answer", "6", "out_of_range"),
        ("effectory_export.csv", "answer", "drie", "wrong_type"),
        ("effectory_export.csv", "answer", "0", "out_of_range"),
        ("effectory_export.csv", "wave_date", "15-01-2099", "future_date"),
        ("effectory_export.csv", "org_unit", "XX-99", "unknown_org_unit"),
        ("employees.csv", "fte", "0", "out_of_range"),
        ("gifts.xlsx", "gift_type", "cadeaubon", "not_in_set"),
        ("allocations.csv", "candidate_rank", "0", "out_of_range"),
        ("vehicle_use.csv", "private_km", "-12", "out_of_range"),
        ("side_jobs.csv", "registered_on", "", "missing_required"),
        ("procurement.csv", "supplier_id", "K99999", "unknown_supplier"),
        ("procurement.csv", "amount_eur", "-1.250,00", "out_of_range"),
        ("trainings.csv", "attended_n", None, "out_of_range"),
    }
    dup = [b for b in bad if b["reason_code"] == "duplicate_key"]
    assert {
        (
            b["file"],
            b["column"],
            None if b["column"] == "attended_n" else b["value"],
            b["reason_code"],
        )
        for b in bad
    } - {(d["file"], d["column"], d["value"], d["reason_code"]) for d in dup} == expected
    assert len(bad) == len(expected) + 2 and len(dup) == 2

    for b in bad:
        entry = _file(manifest, b["dataset"])
        assert b["file"] == entry["file"]
        if entry["format"] == "xlsx":
            ws = load_workbook(demo / entry["file"], read_only=True).active
            rows = list(ws.iter_rows(min_row=1, values_only=True))
            header, row = rows[0], rows[b["line"] - 1]
            assert dict(zip(header, row, strict=True))[b["column"]] == b["value"]
        else:
            assert _raw_line(demo, entry, b["line"])[b["column"]] == b["value"], b

    # the duplicate pair: same employee_key and snapshot_month on both listed lines
    entry = _file(manifest, "employees")
    a, c = (_raw_line(demo, entry, d["line"]) for d in dup)
    assert (a["employee_key"], a["snapshot_month"]) == (c["employee_key"], c["snapshot_month"])
    emp = _read(demo, entry)
    assert emp.duplicated(["employee_key", "snapshot_month"], keep=False).sum() == 2


def test_encodings_are_as_stated(demo: Path, manifest: dict) -> None:
    for entry in manifest["files"]:
        raw = (demo / entry["file"]).read_bytes()
        if entry["encoding"] == "cp1252":
            assert b"\xeb" in raw or b"\xe9" in raw, entry["file"]
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        elif entry["encoding"] == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf"), entry["file"]
        elif entry["encoding"] == "utf-8":
            assert not raw.startswith(b"\xef\xbb\xbf")
            raw.decode("utf-8")
        else:
            assert entry["format"] == "xlsx" and raw.startswith(b"PK")
        if entry["format"] == "csv":
            header = raw.decode(entry["encoding"]).splitlines()[0]
            assert entry["delimiter"] in header


# --- the contract rules: only the listed rows break one ---------------------------------


def _dmy(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, format="%d-%m-%Y", errors="coerce")


def _dec(s: pd.Series) -> pd.Series:
    return pd.to_numeric(
        s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False), errors="coerce"
    )


def _violations(demo: Path, manifest: dict) -> dict[str, set[int]]:
    """Lines breaking a canonical rule, per file, read the Dutch way."""
    org = _read(demo, _file(manifest, "org_units"))
    units = set(org["org_unit"])
    bank = yaml.safe_load((DEFAULT_CATALOGUE_DIR / "survey_items.yaml").read_text("utf-8"))
    items = {i["code"] for i in bank["items"]}
    today = pd.Timestamp(dt.date.today())
    out: dict[str, set[int]] = {}

    def lines(mask: pd.Series) -> set[int]:
        return {int(i) + 2 for i in mask[mask].index}

    sv = _read(demo, _file(manifest, "survey_responses"))
    wave = _dmy(sv["wave_date"])
    out["effectory_export.csv"] = lines(
        (sv["respondent_key"] == "")
        | wave.isna()
        | (wave > today)
        | ~sv["org_unit"].isin(units)
        | ~sv["item_code"].isin(items)
        | ~sv["answer"].isin(["", "1", "2", "3", "4", "5"])
    )

    emp = _read(demo, _file(manifest, "employees"))
    month = pd.to_datetime(emp["snapshot_month"], format="%Y-%m", errors="coerce")
    month_end = month + pd.offsets.MonthEnd(0)
    hire, role = _dmy(emp["hire_date"]), _dmy(emp["role_start_date"])
    fte, sick = _dec(emp["fte"]), _dec(emp["sick_days"])
    exit_ok = (emp["exit_date"] == "") | _dmy(emp["exit_date"]).notna()
    out["employees.csv"] = lines(
        emp.duplicated(["employee_key", "snapshot_month"], keep=False)
        | month.isna()
        | ~emp["org_unit"].isin(units)
        | ((emp["manager_key"] == "") != (emp["job_title"] == "Directeur-bestuurder"))
        | ~emp["is_manager"].isin(["ja", "nee"])
        | ~((fte > 0) & (fte <= 1.2))
        | hire.isna()
        | (hire > month_end)
        | (role < hire)
        | ~((sick >= 0) & (sick <= month_end.dt.day))
        | ~(_dec(emp["overtime_hours"]) >= 0)
        | ~(_dec(emp["leave_days"]) >= 0)
        | ~emp["longest_leave_block_days_12m"].str.fullmatch(r"\d+")
        | ~exit_ok
        | ~emp["exit_reason"].isin(
            ["", "vrijwillig", "pensioen", "einde_contract", "ontslag", "reorganisatie", "overig"]
        )
    )

    sj = _read(demo, _file(manifest, "side_jobs"))
    opt_date = [(sj[c] == "") | _dmy(sj[c]).notna() for c in ("started_on", "approved_on")]
    out["side_jobs.csv"] = lines(
        (sj["employee_key"] == "")
        | _dmy(sj["registered_on"]).isna()
        | ~opt_date[0]
        | ~opt_date[1]
        | ~sj["involves_tenant_or_relation"].isin(["ja", "nee"])
    )

    gi = _read(demo, _file(manifest, "gifts"))
    out["gifts.xlsx"] = lines(
        (gi["employee_key"] == "")
        | ~gi["received_on"].map(lambda v: isinstance(v, dt.datetime))
        | ~gi["giver_type"].isin(["huurder", "leverancier", "overig"])
        | ~gi["gift_type"].isin(
            ["geld", "tegoedbon", "goederen", "etentje", "evenement", "reis", "overig"]
        )
        | ~gi["value_eur"].map(lambda v: isinstance(v, (int, float)) and v >= 0)
        | ~gi["delivered_at_home"].isin(["ja", "nee"])
        | ~gi["decision"].isin(["geaccepteerd", "geweigerd", "gedeeld", "afgestaan"])
    )

    ve = _read(demo, _file(manifest, "vehicle_use"))
    out["vehicle_use.csv"] = lines(
        (ve["employee_key"] == "")
        | ~ve["year"].str.fullmatch(r"20\d\d")
        | ~(_dec(ve["private_km"]) >= 0)
    )

    al = _read(demo, _file(manifest, "allocations"))
    rank = pd.to_numeric(al["candidate_rank"], errors="coerce")
    ranked = al["channel"] == "regulier"
    out["allocations.csv"] = lines(
        ~al["allocation_id"].str.fullmatch(r"TW-20\d\d-\d{6}")
        | al["allocation_id"].duplicated()
        | _dmy(al["allocated_on"]).isna()
        | (al["dwelling_id"] == "")
        | ~al["channel"].isin(
            ["regulier", "urgentie", "maatwerk", "direct", "herhuisvesting", "statushouder"]
        )
        | (ranked & ~(rank >= 1))
        | (~ranked & (al["candidate_rank"] != ""))
        | (al["consultant_key"] == "")
        | ~al[["motivation_recorded", "related_to_employee", "registration_date_modified"]]
        .isin(["j", "n"])
        .all(axis=1)
    )

    hr = _read(demo, _file(manifest, "hr_aggregates"))
    out["hr_aggregates.csv"] = lines(
        ~hr["month"].str.fullmatch(r"20\d\d-\d\d-01")
        | ~hr["org_unit"].isin(units)
        | ~hr["garnishment_count"].str.fullmatch(r"\d+")
        | ~hr["social_worker_referrals"].str.fullmatch(r"\d+")
    )

    fb = _read(demo, _file(manifest, "feedback_360"))
    score = _dec(fb["integrity_score"])
    out["feedback_360.csv"] = lines(
        (fb["manager_key"] == "")
        | _dmy(fb["period"]).isna()
        | ~((score >= 1) & (score <= 5))
        | ~(pd.to_numeric(fb["n_raters"], errors="coerce") >= 1)
    )
    su = _read(demo, _file(manifest, "suppliers"))
    out["suppliers.xlsx"] = lines(
        (su["supplier_id"] == "")
        | su["supplier_id"].duplicated(keep=False)
        | (su["name"] == "")
        | ~su["legal_form"].isin(["bv", "nv", "vof", "eenmanszaak"])
        | ~su["first_order_on"].map(lambda v: isinstance(v, dt.datetime))
        | ~su["bank_account_changed_on"].map(lambda v: v == "" or isinstance(v, dt.datetime))
        | ~su["related_to_employee"].isin(["ja", "nee"])
    )
    pr = _read(demo, _file(manifest, "procurement"))
    out["procurement.csv"] = lines(
        pr["order_id"].duplicated(keep=False)
        | _dmy(pr["ordered_on"]).isna()
        | ~pr["supplier_id"].isin(set(su["supplier_id"]))
        | ~pr["amount_eur"].str.fullmatch(r"\d{1,3}(\.\d{3})*,\d\d")
        | ~pr["org_unit"].isin(units)
        | ~pr["procedure"].isin(
            [
                "enkelvoudig_onderhands",
                "meervoudig_onderhands",
                "nationaal_openbaar",
                "europees_openbaar",
                "raamcontract",
            ]
        )
        | ~pr["quotes_count"].str.fullmatch(r"\d+")
        | ~pr["unit_price_contract"].isin(["ja", "nee"])
        | (pr["requester_key"] == "")
    )
    tr = _read(demo, _file(manifest, "trainings"))
    invited = pd.to_numeric(tr["invited_n"], errors="coerce")
    attended = pd.to_numeric(tr["attended_n"], errors="coerce")
    out["trainings.csv"] = lines(
        pd.to_datetime(tr["held_on"], format="%Y-%m-%d", errors="coerce").isna()
        | ~tr["org_unit"].isin(units)
        | ~tr["kind"].isin(
            ["e_learning_integriteit", "dilemmasessie", "introductie_gedragscode", "overig"]
        )
        | ~((attended >= 0) & (attended <= invited))
    )
    out["org_units.csv"] = lines(
        ~org["level"].isin(["organisatie", "afdeling", "team"])
        | ~(org["parent_unit"].isin(units) | (org["level"] == "organisatie"))
    )
    return out


def test_only_the_listed_rows_break_a_rule(demo: Path, manifest: dict) -> None:
    found = _violations(demo, manifest)
    listed: dict[str, set[int]] = {f["file"]: set() for f in manifest["files"]}
    for b in manifest["bad_rows"]:
        listed[b["file"]].add(b["line"])
    assert found == listed


def test_dutch_formats_as_documented(demo: Path, manifest: dict) -> None:
    emp = _read(demo, _file(manifest, "employees"))
    assert emp["snapshot_month"].str.fullmatch(r"20\d\d-\d\d").all()
    assert emp["hire_date"].str.fullmatch(r"\d\d-\d\d-\d{4}").all()
    assert emp["fte"].str.contains(",").any() and not emp["fte"].str.contains(r"\.").any()
    assert "\r\n" in (demo / "employees.csv").read_bytes().decode("cp1252")
    ve = _read(demo, _file(manifest, "vehicle_use"))
    assert ve["private_km"].str.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d)?").all()
    ws = load_workbook(demo / "gifts.xlsx", read_only=True).active
    first = next(ws.iter_rows(min_row=2, max_row=2))
    assert first[1].is_date and first[1].number_format == "dd-mm-yyyy"
    assert isinstance(first[4].value, (int, float)) and first[5].value in ("ja", "nee")
    assert isinstance(first[0].value, str)  # keys stay text
    sv = (demo / "effectory_export.csv").read_text(encoding="utf-8-sig")
    assert sv.splitlines()[0] == "RespondentID,Meetmoment,Eenheid,Vraagcode,Antwoord"
    survey = _read(demo, _file(manifest, "survey_responses"))
    assert survey["respondent_key"].str.fullmatch(r"R\d{7}").all()
    share_empty = (survey["answer"] == "").mean()
    assert 0.01 < share_empty < 0.06


# --- the planted scenarios move their indicators ----------------------------------------


def _quarter(dates: pd.Series) -> pd.Series:
    return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)


def test_planted_survey_signals_start_in_their_quarter(demo: Path, manifest: dict) -> None:
    bank = yaml.safe_load((DEFAULT_CATALOGUE_DIR / "survey_items.yaml").read_text("utf-8"))
    construct = {i["code"]: i["construct"] for i in bank["items"]}
    reverse = {i["code"]: i["reverse"] for i in bank["items"]}
    sv = _read(demo, _file(manifest, "survey_responses"))
    sv = sv[sv["answer"].isin(list("12345"))].copy()
    answer = sv["answer"].astype(int)
    sv["unfav"] = answer.where(~sv["item_code"].map(reverse), 6 - answer) <= 2
    sv["q"] = _quarter(_dmy(sv["wave_date"]))
    sv["construct"] = sv["item_code"].map(construct)
    cases = {
        "S-RF3": "reprisal",
        "S-RF4": "congruence_supervisors",
        "S-RF6": "results_focus",
        "S-R2": "rat_top_not_listening",
    }
    for s in manifest["scenarios"]:
        if s["id"] not in cases:
            continue
        sub = sv[(sv["org_unit"] == s["org_unit"]) & (sv["construct"] == cases[s["id"]])]
        before = sub[sub["q"] < s["start_quarter"]]["unfav"].mean()
        after = sub[sub["q"] >= s["start_quarter"]]["unfav"].mean()
        rest = sv[(sv["org_unit"] != s["org_unit"]) & (sv["construct"] == cases[s["id"]])]
        assert before < 0.2 and after > 0.4 and after > 3 * rest["unfav"].mean(), s["id"]


def test_planted_register_and_allocation_signals(demo: Path, manifest: dict) -> None:
    emp = _read(demo, _file(manifest, "employees"))
    unit_of = emp.drop_duplicates("employee_key").set_index("employee_key")["org_unit"]

    al = _read(demo, _file(manifest, "allocations"))
    al["unit"] = al["consultant_key"].map(unit_of)
    al["q"] = _quarter(_dmy(al["allocated_on"]))
    nrd = al[al["unit"] == "VH-NRD"]
    same = nrd["approver_key"] == nrd["consultant_key"]
    assert same[nrd["q"] >= "2025-Q4"].mean() > 0.2 and same[nrd["q"] < "2025-Q4"].mean() < 0.02
    zld = al[(al["unit"] == "VH-ZLD") & (al["q"] >= "2025-Q3")]
    md = zld[zld["channel"].isin(["maatwerk", "direct"])]
    assert (md["motivation_recorded"] == "n").mean() > 0.3
    assert (zld["registration_date_modified"] == "j").mean() > 0.03

    ve = _read(demo, _file(manifest, "vehicle_use"))
    ve["unit"] = ve["employee_key"].map(unit_of)
    td = ve[(ve["unit"] == "VG-TD") & (ve["year"] == "2026")]
    assert (_dec(td["private_km"]) >= 500).mean() >= 0.3

    gi = _read(demo, _file(manifest, "gifts"))
    po = gi[gi["employee_key"].map(unit_of) == "VG-PO"]
    po_2025 = po[pd.to_datetime(po["received_on"]) >= "2025-01-01"]
    assert ((po_2025["value_eur"] > 50) & (po_2025["giver_type"] == "leverancier")).sum() >= 8

    hr = _read(demo, _file(manifest, "hr_aggregates"))
    kcc = hr[hr["org_unit"] == "KLT-KCC"]
    late = kcc["month"] >= "2025-10-01"
    assert kcc.loc[late, "garnishment_count"].astype(int).min() >= 1
    assert (
        kcc.loc[~late, "social_worker_referrals"].astype(int).sum()
        < kcc.loc[late, "social_worker_referrals"].astype(int).sum()
    )

    fb = _read(demo, _file(manifest, "feedback_360"))
    fb["unit"] = fb["manager_key"].map(unit_of)
    wz = fb[fb["unit"] == "KLT-WZ"].assign(q=_quarter(_dmy(fb["period"])))
    assert _dec(wz[wz["q"] >= "2025-Q2"]["integrity_score"]).max() < 3.2
    assert _dec(wz[wz["q"] < "2025-Q2"]["integrity_score"]).min() > 3.6

    ia = emp[(emp["org_unit"] == "BV-IA") & (emp["snapshot_month"] >= "2025-01")]
    assert ia["longest_leave_block_days_12m"].astype(int).max() < 10


def test_progress_bar_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate_demo(tmp_path / "p", size="small", seed=3, progress=True)
    captured = capsys.readouterr()
    assert captured.out == "" and "radar demo" in captured.err


def test_refuses_an_unknown_size(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_demo(tmp_path, size="medium")  # type: ignore[arg-type]
