"""Procurement privacy as an attacker sees it (README, Privacy: procurement): every role
logs in and opens every page it has (`make test`: the two roles of KEPT_ROLES, which have
every page; `make validate`: the others), on the built demo with orders planted in it; no page
shows a requester's or approver's raw key, the pseudonyms appear only on the
integriteitsfunctionaris' Uitzonderingen page, and a sole trader's name only there
(see_person_level); every published procurement figure covers at least k people.

The planted orders go into the staging tables of a copy of the demo warehouse and every
model downstream of them is run again, so the marts are the real models' output. When
the demo's own procurement exports are there (raw/demo/procurement.csv and
suppliers.xlsx), their raw keys and sole traders' names are checked as well.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.procurement_exceptions_ui import supplier_shown
from pipelines.access.roles import load_roles
from pipelines.build.models import discover_models, run_models
from pipelines.core.catalogue import load_catalogue
from tests.apphelpers import frame_with, run_app
from tests.readers import reading

ROLES = load_roles().roles
PERSON_ROLES = set(load_roles().roles_that_can("see_person_level"))
SOLE_TRADER = "Klusbedrijf Hendriksen-Oudewater"
COMPANY = "Bouwgroep Vlietland B.V."
STAGING = {"stg_procurement__orders", "stg_procurement__suppliers"}


def holder(i: int) -> str:
    return f"{i:032x}"[-32:].replace("0", "a", 1)  # a 32-hex pseudonym, as ingest makes


def downstream(models: list) -> list:
    """The models that read the procurement staging tables, directly or not, in order."""
    hit = set(STAGING)
    out = []
    for m in models:
        if m.name not in STAGING and m.depends_on & hit:
            hit.add(m.name)
            out.append(m)
    return out


def plant(con: duckdb.DuckDBPyConnection) -> dict:
    """Orders in three teams of one department over the demo's last 12 months: team A
    with eight budget holders, team B with three (fewer than k), team C with six (which
    the complementary rule hides with B, so that B cannot be had as the department minus
    A and C). A sole trader related to an employee,
    whose bank account changed 30 days before a large payment; some orders approved by
    their own requester."""
    last = con.execute("select max(month_start) from int_indicators__contributions").fetchone()[0]
    last = pd.Timestamp(last).date()
    # three teams of one department (the first with three or more)
    teams = [
        r[0]
        for r in con.execute(
            "select org_unit_id from dim_org_units where org_level = 'team' and parent_unit_id = ("
            "  select parent_unit_id from dim_org_units where org_level = 'team'"
            "  group by 1 having count(*) >= 3 order by 1 limit 1"
            ") order by 1 limit 3"
        ).fetchall()
    ]
    suppliers = pd.DataFrame(
        [
            ("PS1", SOLE_TRADER, "eenmanszaak", True, last - dt.timedelta(days=40), True),
            ("PS2", COMPANY, "bv", False, None, False),
        ],
        columns=[
            "supplier_id",
            "supplier_name",
            "legal_form",
            "is_sole_trader",
            "bank_account_changed_on",
            "is_related_to_employee",
        ],
    )
    # whether the demo has orders of its own in team B (then B is not small)
    b_orders = con.execute(
        "select count(*) from stg_procurement__orders where org_unit_id = ?", [teams[1]]
    ).fetchall()[0][0]
    rows = []
    for team, holders in (
        (teams[0], range(8)),
        (teams[1], range(8, 11)),
        (teams[2], range(11, 17)),
    ):
        for h in holders:
            for k in range(12):
                day = last - dt.timedelta(days=30 * k + h)
                rows.append(
                    (
                        f"PO{h}-{k}",
                        day,
                        "PS1" if k % 4 == 0 else "PS2",
                        800.0 + 37 * k,
                        team,
                        holder(100 + h),
                        holder(h) if k % 5 else holder(100 + h),
                    )
                )
    rows.append(
        (
            "PO-LARGE",
            last - dt.timedelta(days=10),
            "PS1",
            40_000.0,
            teams[0],
            holder(100),
            holder(0),
        )
    )
    orders = pd.DataFrame(
        rows,
        columns=[
            "order_id",
            "ordered_on",
            "supplier_id",
            "amount_eur",
            "org_unit_id",
            "requester_id",
            "approver_id",
        ],
    )
    con.register("_o", orders)
    con.register("_s", suppliers)
    con.execute("insert into stg_procurement__orders by name select * from _o")
    con.execute("insert into stg_procurement__suppliers by name select * from _s")
    run_models(con, downstream(discover_models()))
    # every requester's and approver's pseudonym in the warehouse (the demo's own too)
    ids = con.execute(
        "select requester_id from stg_procurement__orders union "
        "select approver_id from stg_procurement__orders"
    ).fetchall()
    department = con.execute(
        "select parent_unit_id from dim_org_units where org_unit_id = ?", [teams[0]]
    ).fetchone()[0]
    return {
        "teams": teams,
        "b_is_small": b_orders == 0,
        "department": department,
        "pseudonyms": {r[0] for r in ids if r[0]},
        "planted_pseudonyms": set(orders.requester_id) | set(orders.approver_id),
    }


def demo_raw(raw: Path) -> tuple[set[str], set[str]]:
    """Raw requester/approver keys and sole traders' names of the demo's own exports."""
    keys: set[str] = set()
    names: set[str] = set()
    if (raw / "procurement.csv").exists():
        orders = pd.read_csv(raw / "procurement.csv", sep=";", encoding="cp1252", dtype=str)
        keys = {
            str(k).strip() for c in ("requester_key", "approver_key") for k in orders[c].dropna()
        }
    if (raw / "suppliers.xlsx").exists():
        sup = pd.read_excel(raw / "suppliers.xlsx", dtype=str)
        names = set(sup.loc[sup["legal_form"].str.lower() == "eenmanszaak", "name"].dropna())
    return keys, names


@pytest.fixture(scope="module")
def planted_home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    home = tmp_path_factory.mktemp("procurement") / "home"
    shutil.copytree(demo_home, home)
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        facts = plant(con)
    facts["raw_keys"], facts["sole_traders"] = demo_raw(home / "raw" / "demo")
    if (home / "raw" / "demo" / "procurement.csv").exists():  # the demo's own orders
        assert len(facts["raw_keys"]) > 10 and facts["sole_traders"]
        assert not facts["raw_keys"] & facts["pseudonyms"]
    facts["sole_traders"].add(SOLE_TRADER)
    return home, facts


@pytest.fixture
def env(planted_home: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch) -> dict:
    home, facts = planted_home
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.delenv("RADAR_AUTH", raising=False)
    return {"home": home, **facts}


def page_text(at: AppTest) -> str:
    """Everything a page puts in front of the reader: prose, widgets, tables, charts."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "success",
        "warning",
        "error",
        "metric",
    ):
        parts += [
            str(getattr(e, "value", "")) + " " + str(getattr(e, "label", "")) for e in at.get(kind)
        ]
    parts += [f"{w.label} {w.options}" for w in [*at.multiselect, *at.selectbox, *at.radio]]
    for frame in [d.value for d in at.dataframe] + [tb.value for tb in at.table]:
        parts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    parts += [json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]
    return "\n".join(parts)


# `make test` opens every page as the risk manager (no see_person_level) and the officer's
# pages as the officer (see_person_level), which between them have every page; the other
# roles' pages (the same pages, seen by a role without see_person_level) are opened by
# `make validate` (pytest -m validate).
KEPT_ROLES = ("integriteitsfunctionaris", "risicomanager")


def test_the_kept_roles_open_every_page_with_and_without_see_person_level() -> None:
    assert {p for r in KEPT_ROLES for p in ROLES[r].pages} == {
        p for role in ROLES.values() for p in role.pages
    }
    assert set(KEPT_ROLES) & PERSON_ROLES and set(KEPT_ROLES) - PERSON_ROLES


def shown_keys(text: str, keys: set[str]) -> list[str]:
    """The raw keys ``text`` shows as keys: a whole token, not six digits inside one of the
    hex pseudonyms (a fresh pseudonym key each run: a 32-character pseudonym holds some
    raw employee number by chance often enough to make a substring test fail one run in
    ten)."""
    tokens = set(re.findall(r"[0-9A-Za-z]+", text))
    return sorted(tokens & keys)


def test_a_raw_key_is_found_as_a_token_and_not_inside_a_pseudonym() -> None:
    keys = {"100016"}
    assert shown_keys("aanvrager 100016, goedkeurder", keys) == ["100016"]
    assert shown_keys("regel 7: 100016", keys) == ["100016"]
    assert shown_keys("pseudoniem 9f100016a3c2", keys) == []


@pytest.mark.parametrize(
    "role",
    [
        pytest.param(role, marks=() if role in KEPT_ROLES else pytest.mark.validate)
        for role in sorted(ROLES)
    ],
)
def test_no_page_of_any_role_shows_raw_keys_or_a_sole_traders_name(env: dict, role: str) -> None:
    for page in ROLES[role].pages:
        at = run_app(page, role=role)
        assert not at.exception, (role, page, at.exception)
        text = page_text(at)
        assert not shown_keys(text, env["raw_keys"]), (role, page)
        may_see = role in PERSON_ROLES and page == "exceptions.py"
        if not may_see:
            assert not any(n in text for n in env["sole_traders"]), (role, page)
        # Datakwaliteit shows the rows quarantined at ingest as ingest left them (README,
        # Roles: risicomanager and beheerder only), so a bad order's pseudonyms can be
        # there; never a raw key (above) or a sole trader's name
        if not may_see and page != "data_quality.py":
            assert not any(p in text for p in env["pseudonyms"]), (role, page)


def test_the_officer_sees_the_orders_with_pseudonyms_and_the_sole_trader(env: dict) -> None:
    at = run_app("exceptions.py", role="integriteitsfunctionaris")
    assert not at.exception
    table = frame_with(at, "Aanvrager (pseudoniem)")
    assert set(table["Aanvrager (pseudoniem)"]) <= env["pseudonyms"]
    assert set(table["Goedkeurder (pseudoniem)"]) <= env["pseudonyms"] | {"geen"}
    assert env["planted_pseudonyms"] <= set(table["Aanvrager (pseudoniem)"]) | set(
        table["Goedkeurder (pseudoniem)"]
    )
    assert SOLE_TRADER in set(table["Leverancier"])
    signals = set(table["Signaal"])
    assert signals >= {
        "Aanvrager keurde zelf goed (of niemand)",
        "Verwante leverancier",
        "Groot bedrag na gewijzigd rekeningnummer",
    }
    large = table[table["Bestelling"] == "PO-LARGE"]
    assert "rekeningnummer 30 dagen eerder gewijzigd" in " ".join(large["Details"])


def test_a_sole_traders_name_only_with_see_person_level() -> None:
    assert supplier_shown(SOLE_TRADER, "PS1", True, may_see_person=False) == "PS1"
    assert supplier_shown(SOLE_TRADER, "PS1", True, may_see_person=True) == SOLE_TRADER
    assert supplier_shown(COMPANY, "PS2", False, may_see_person=False) == COMPANY
    assert supplier_shown(None, "PS3", False, may_see_person=True) == "PS3"


def test_every_published_procurement_figure_covers_at_least_k_people(env: dict) -> None:
    k = load_catalogue().settings.privacy.min_group_size
    with reading(str(env["home"] / "warehouse.duckdb")) as con:
        cells = con.execute(
            "select indicator_id, org_unit_id, period, n, numerator, suppressed "
            "from report_indicators where indicator_id like 'KRI-PR-%'"
        ).df()
    assert not cells.empty
    shown = cells[~cells["suppressed"]]
    assert (shown["n"] >= k).all(), shown[shown["n"] < k]
    assert shown["org_unit_id"].eq(env["teams"][0]).any()  # eight budget holders: shown
    small = cells[cells["org_unit_id"] == env["teams"][1]]
    if not env["b_is_small"]:  # the demo's own orders there too: B is not small
        return
    assert len(small) > 0 and small["suppressed"].all()  # three: never shown
    assert small["numerator"].isna().all() and small["n"].isna().all()
    # B's three cannot be had as the department minus its shown teams: another team is
    # suppressed with it
    with reading(str(env["home"] / "warehouse.duckdb")) as con:
        children = {
            r[0]
            for r in con.execute(
                "select org_unit_id from dim_org_units where parent_unit_id = ?",
                [env["department"]],
            ).fetchall()
        }
    for (indicator, period), group in cells.groupby(["indicator_id", "period"]):
        department = group[group["org_unit_id"] == env["department"]]
        below = group[group["org_unit_id"].isin(children)]
        if env["teams"][1] in set(below["org_unit_id"]) and not department["suppressed"].all():
            assert below["suppressed"].sum() >= 2, (indicator, period)


def _read_procurement_mart() -> None:
    import streamlit as st

    from dashboard.auth_ui import signed_in
    from dashboard.data import mart

    signed_in("nl")
    try:
        st.success(f"{len(mart('report_procurement_exceptions'))} rows")
    except PermissionError as exc:
        st.error(f"refused: {exc}")


@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_procurement_exceptions_are_read_only_with_see_person_level(
    env: dict, role: str
) -> None:
    """Whatever page a role opens, the mart itself is refused without see_person_level."""
    from tests.apphelpers import TEST_PASSWORD, account_for, log_in

    at = AppTest.from_function(_read_procurement_mart, default_timeout=60).run()
    log_in(at, account_for(role), TEST_PASSWORD)
    assert not at.exception
    if role in PERSON_ROLES:
        assert at.success[0].value.endswith(" rows")
    else:
        assert at.error[0].value.startswith("refused: report_procurement_exceptions")


def test_the_procurement_exceptions_are_never_exported() -> None:
    from pipelines.reports.parquet import PERSON_COLUMN, PERSON_LEVEL_MARTS

    assert "report_procurement_exceptions" in PERSON_LEVEL_MARTS
    assert PERSON_COLUMN.match("requester_id") and PERSON_COLUMN.match("approver_id")
