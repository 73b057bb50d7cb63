"""A fictional housing corporation, written fresh for the validation tests.

``generate_org(out, seed, size=...)`` writes 24 months of the canonical datasets
(docs/contracts.md) for one organisation and a ``manifest.json`` that says what was
planted where. It is deliberately independent of pipelines/demo: its own tree (a
root with a few staff of its own, a team straight under the root, four to seven
departments with heads of their own, teams of 5 to 35), its own names, base rates drawn
per organisation from ranges, team rates drawn around the organisation's (beta and gamma
draws, so healthy teams differ more than sampling alone), a climate factor that moves a
team's survey constructs together, respondents who differ from each other, turnover with
replacements, and its own signal sizes.

A scenario is a realistic integrity problem in one team from its start quarter on, raising
the main indicators (weight >= 1.0) of its risk by amounts drawn from ranges, for example
45-65% unfavourable on supervisor congruence where a team normally has ~10-15%, 4-8
accepted gifts over EUR 50 a year, or 10-20% of lettings out of rank without a recorded
motivation. Everything comes from one seeded ``numpy.random.Generator``: the same seed and
end month give the same files, byte for byte.

Files are written as exports come: some as ';' with decimal commas, dd-mm-jjjj dates and
ja/nee, others as plain ',' CSV with ISO dates; the vehicle register writes decimal points
and brings a column mapping that says so (``number_format: en``). Every row is valid: the
validation is about scoring, not ingest.

The draws live in organisation.py (rates, tree, scenarios, people and their HR months) and
one module per dataset (survey, gifts_side_jobs, vehicle_use, allocations, hr_aggregates,
feedback_360, procurement: suppliers, orders and trainings from a stream of their own),
each a subclass that ``_Org`` here combines; names.py and scenarios.py hold
the fixed lists and the scenario templates, model.py the teams, people and small helpers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from tests.orggen.allocations import WithAllocations
from tests.orggen.feedback_360 import WithFeedback360
from tests.orggen.gifts_side_jobs import WithGiftsAndSideJobs
from tests.orggen.hr_aggregates import WithHrAggregates
from tests.orggen.model import default_end_month
from tests.orggen.procurement import WithProcurement
from tests.orggen.survey import WithSurvey
from tests.orggen.vehicle_use import WithVehicleUse

GENERATOR = "tests.orggen"


class _Org(
    WithSurvey,
    WithGiftsAndSideJobs,
    WithVehicleUse,
    WithAllocations,
    WithHrAggregates,
    WithFeedback360,
    WithProcurement,
):
    """One organisation with every dataset (organisation.py and one module per dataset)."""


def _write(path: Path, header: list[str], rows: list[list[str]], delimiter: str, bom=False):
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n" if bom else "\n")
        w.writerow(header)
        w.writerows(rows)


def generate_org(
    out: Path, seed: int, *, size: str = "small", end_month: dt.date | None = None
) -> Path:
    """Write one fictional organisation to ``out`` and return its manifest.json path.

    ``end_month`` (the last month of data) defaults to the last month of the last
    complete quarter before today, so the data is recent and never in the future; 24
    months end there. Same seed, size and end month: the same files, byte for byte.
    """
    end = end_month or default_end_month()
    end = dt.date(end.year, end.month, 1)
    org = _Org(seed, size, end)
    org.draw_rates()
    org.build_tree()
    org.draw_team_rates()
    org.plant()
    org.staff()
    org.simulate()
    survey = org.survey()
    gifts, side = org.gifts_and_side_jobs()
    vehicles = org.vehicles()
    allocations = org.allocations()
    aggregates = org.hr_aggregates()
    feedback = org.feedback()
    # from a stream of their own (procurement.py): the files above stay as they were
    suppliers, orders = org.procurement()
    trainings = org.trainings()

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _write(
        out / "organisatie_eenheden.csv",
        ["org_unit", "name", "parent_unit", "level"],
        [[u.id, u.name, u.parent, u.level] for u in org.units],
        ",",
    )
    _write(
        out / "personeel_maandstanden.csv",
        [
            "employee_key",
            "snapshot_month",
            "org_unit",
            "manager_key",
            "job_title",
            "is_manager",
            "fte",
            "hire_date",
            "role_start_date",
            "sick_days",
            "overtime_hours",
            "leave_days",
            "longest_leave_block_days_12m",
            "exit_date",
            "exit_reason",
        ],  # fmt: skip
        org.emp_rows,
        ";",
        bom=True,
    )
    _write(
        out / "medewerkersonderzoek.csv",
        ["respondent_key", "wave_date", "org_unit", "item_code", "answer"],
        survey,
        ",",
    )
    _write(
        out / "geschenkenregister.csv",
        [
            "record_id",
            "employee_key",
            "received_on",
            "giver_type",
            "gift_type",
            "value_eur",
            "delivered_at_home",
            "decision",
        ],  # fmt: skip
        gifts,
        ";",
    )
    _write(
        out / "nevenwerkzaamheden.csv",
        [
            "employee_key",
            "registered_on",
            "started_on",
            "approved_on",
            "sector",
            "involves_tenant_or_relation",
        ],  # fmt: skip
        side,
        ";",
    )
    _write(out / "dienstauto_km.csv", ["employee_key", "year", "private_km"], vehicles, ",")
    (out / "dienstauto.mapping.yaml").write_text(
        "# the fleet system writes decimal points\n"
        "dataset: vehicle_use\n"
        'files: ["dienstauto_km*.csv"]\n'
        "number_format: en\n",
        encoding="utf-8",
    )
    _write(
        out / "toewijzingen.csv",
        [
            "allocation_id",
            "allocated_on",
            "dwelling_id",
            "district",
            "channel",
            "candidate_rank",
            "motivation_recorded",
            "consultant_key",
            "approver_key",
            "related_to_employee",
            "registration_date_modified",
        ],  # fmt: skip
        allocations,
        ",",
    )
    _write(
        out / "hr_kengetallen.csv",
        ["month", "org_unit", "garnishment_count", "social_worker_referrals"],
        aggregates,
        ";",
    )
    _write(
        out / "feedback_360.csv",
        ["manager_key", "period", "integrity_score", "n_raters"],
        feedback,
        ";",
    )

    _write(
        out / "crediteuren.csv",
        ["supplier_id", "name", "legal_form", "first_order_on", "bank_account_changed_on",
         "related_to_employee"],
        suppliers,
        ";",
    )  # fmt: skip
    _write(
        out / "bestellingen.csv",
        ["ordernr", "datum", "crediteur", "netto_bedrag", "kostenplaats", "procedure",
         "aantal_offertes", "contract", "eenheidsprijzen", "aanvrager", "fiatteur"],
        orders,
        ",",
    )  # fmt: skip
    (out / "bestellingen.mapping.yaml").write_text(
        "# the purchasing system: its own column names and procedure codes, decimal points\n"
        "dataset: procurement\n"
        'files: ["bestellingen*.csv"]\n'
        "number_format: en\n"
        "columns: {ordernr: order_id, datum: ordered_on, crediteur: supplier_id,\n"
        "          netto_bedrag: amount_eur, kostenplaats: org_unit, procedure: procedure,\n"
        "          aantal_offertes: quotes_count, contract: contract_id,\n"
        "          eenheidsprijzen: unit_price_contract, aanvrager: requester_key,\n"
        "          fiatteur: approver_key}\n"
        "values: {procedure: {1-OFF: enkelvoudig_onderhands, M-OFF: meervoudig_onderhands,\n"
        "                     NAT-AANB: nationaal_openbaar, EU-AANB: europees_openbaar,\n"
        "                     RAAM: raamcontract}}\n",
        encoding="utf-8",
    )
    _write(
        out / "integriteitstrainingen.csv",
        ["held_on", "org_unit", "kind", "invited_n", "attended_n"],
        trainings,
        ",",
    )

    planted = {s["org_unit"] for s in org.scenarios}
    manifest = {
        "generator": GENERATOR,
        "seed": seed,
        "size": size,
        "organisation": {
            "name": org.name,
            "root": org.root,
            "departments": sum(1 for u in org.units if u.level == "afdeling"),
            "teams": len(org.teams),
            "small_teams": sorted(t.id for t in org.teams if t.size < 10),
            "headcount": sum(len(v) for v in org.slots.values()),
        },
        "period": {
            "first_month": org.months[0].strftime("%Y-%m"),
            "last_month": org.months[-1].strftime("%Y-%m"),
            "quarters": org.quarters,
        },
        "base_rates": {
            k: (round(v, 4) if isinstance(v, float) else v) for k, v in org.base.items()
        },
        "scenarios": org.scenarios,
        "clean_units": sorted(t.id for t in org.teams if t.id not in planted),
        "org_units": [
            {
                "org_unit": u.id,
                "name": u.name,
                "parent_unit": u.parent or None,
                "level": u.level,
                "kind": u.kind,
                "size": u.size,
            }
            for u in org.units
        ],  # fmt: skip
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
