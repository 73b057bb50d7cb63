"""``radar demo``: a fictional corporation's exports, with planted risks and bad rows.

``generate_demo`` writes what the HR system, the survey vendor, the registers and the
allocation system of "Woonstichting Heuvelland" would export for 2024-10 to 2026-09, the way
Dutch exports look (formats.py), with known scenarios planted (scenarios.py) and a handful
of bad rows (bad_rows.py), both listed in ``manifest.json``; the manifest also lists the
scenarios planted in the registers (meldingen.py, findings.py), which ``radar demo`` fills
through their stores (registers.py). One module per dataset draws
its frame from its own stream spawned from ``numpy.random.default_rng(seed)``, so one seed
gives byte-identical files; the work is vectorised, so the large organisation (about 5,000
people, 1.4 million survey answers) takes seconds.

May import every package below it (reports, build, meldingen, register, access, ingest,
core), not ``pipelines.ops`` (its own layer) or ``pipelines.cli``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Literal

import numpy as np

from pipelines.demo.allocations import _allocations
from pipelines.demo.bad_rows import Bad, _apply_bad
from pipelines.demo.employees import _employees
from pipelines.demo.feedback_360 import _feedback_360
from pipelines.demo.findings import FINDINGS_SCENARIOS
from pipelines.demo.formats import (
    FILES,
    LINE_ENDINGS,
    SURVEY_MAPPING_FILE,
    SURVEY_MAPPING_TEXT,
    _write_csv,
    _write_xlsx,
)
from pipelines.demo.gifts import _gifts
from pipelines.demo.hr_aggregates import _hr_aggregates
from pipelines.demo.meldingen import MELDINGEN_SCENARIOS
from pipelines.demo.organisation import (
    DEPARTMENTS,
    ORGANISATION,
    SMALL_TEAM_LIMIT,
    TEAM_CODES,
    TEAMS,
    _build_people,
    _org_frame,
    _team_staff,
)
from pipelines.demo.period import MONTHS, QUARTERS
from pipelines.demo.procurement import Purchasing, _purchasing
from pipelines.demo.scenarios import CONTROL_SCENARIOS, SCENARIOS
from pipelines.demo.side_jobs import _side_jobs
from pipelines.demo.survey import _survey, _survey_bank
from pipelines.demo.trainings import _trainings
from pipelines.demo.vehicle_use import _vehicle_use


def generate_demo(
    out: Path, size: Literal["small", "large"] = "small", seed: int = 42, progress: bool = False
) -> Path:
    """Write the demo exports into ``out`` and return the path of its manifest.json."""
    if size not in ("small", "large"):
        raise ValueError(f"size must be 'small' or 'large', not {size!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    root = np.random.default_rng(seed)
    streams = dict(
        zip(
            [
                "people",
                "employees",
                "survey",
                "side_jobs",
                "gifts",
                "vehicle_use",
                "allocations",
                "hr_aggregates",
                "feedback_360",
                # spawned after the first nine, so that their files stay as they were
                "suppliers",
                "procurement",
                "trainings",
            ],
            root.spawn(12),
            strict=True,
        )
    )
    steps = list(FILES)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(steps) + 1, desc="radar demo", unit="bestand", file=sys.stderr)

    def tick(name: str) -> None:
        if bar is not None:
            bar.set_postfix_str(name)
            bar.update(1)

    ppl = _build_people(streams["people"], size)
    tick("people")
    bank = _survey_bank()

    files_meta: list[dict] = []
    bad_meta: list[dict] = []
    purchasing: Purchasing | None = None
    procurement_bads: list[Bad] = []
    for dataset in steps:
        bads: list[Bad] = []
        if dataset == "org_units":
            df = _org_frame()
        elif dataset == "employees":
            df = _employees(streams["employees"], ppl, bads)
        elif dataset == "survey_responses":
            df = _survey(streams["survey"], ppl, bank, bads)
        elif dataset == "side_jobs":
            df = _side_jobs(streams["side_jobs"], ppl, bads)
        elif dataset == "gifts":
            df = _gifts(streams["gifts"], ppl, bads)
        elif dataset == "vehicle_use":
            df = _vehicle_use(streams["vehicle_use"], ppl, bads)
        elif dataset == "allocations":
            df = _allocations(streams["allocations"], ppl, size, bads)
        elif dataset == "hr_aggregates":
            df = _hr_aggregates(streams["hr_aggregates"], ppl)
        elif dataset == "feedback_360":
            df = _feedback_360(streams["feedback_360"], ppl)
        elif dataset in ("suppliers", "procurement"):
            # drawn together: the creditor list shows what the orders did
            if purchasing is None:
                purchasing = _purchasing(
                    streams["suppliers"], streams["procurement"], ppl, size, procurement_bads
                )
            if dataset == "suppliers":
                df = purchasing.suppliers
            else:
                df, bads = purchasing.orders, procurement_bads
        else:
            df = _trainings(streams["trainings"], ppl, bads)
        df, lines = _apply_bad(df, bads)
        fname, fmt, encoding, sep = FILES[dataset]
        if fmt == "xlsx" and dataset == "suppliers":
            _write_xlsx(
                df, out / fname, "Crediteuren", ("first_order_on", "bank_account_changed_on")
            )
        elif fmt == "xlsx":
            _write_xlsx(df, out / fname)
        else:
            _write_csv(df, out / fname, encoding, sep, LINE_ENDINGS.get(dataset, "\n"))
        mapping = None
        if dataset == "survey_responses":
            (out / SURVEY_MAPPING_FILE).write_text(SURVEY_MAPPING_TEXT, encoding="utf-8")
            mapping = SURVEY_MAPPING_FILE
        files_meta.append(
            {
                "file": fname,
                "dataset": dataset,
                "format": fmt,
                "encoding": encoding,
                "delimiter": sep,
                "rows": int(len(df)),
                "mapping": mapping,
            }
        )
        for b, line in lines:
            bad_meta.append(
                {
                    "file": fname,
                    "dataset": dataset,
                    "line": line,
                    "column": b.canonical,
                    "value": b.value,
                    "reason_code": b.reason,
                }
            )
        tick(dataset)
    if bar is not None:
        bar.close()

    staff = _team_staff(size)
    manifest = {
        "generator": "radar demo",
        "seed": seed,
        "size": size,
        "organisation": ORGANISATION,
        "period": {
            "first_month": str(MONTHS[0]),
            "last_month": str(MONTHS[-1]),
            "quarters": QUARTERS,
        },
        "files": files_meta,
        "scenarios": [
            {
                "id": s.id,
                "risk_id": s.risk_id,
                "org_unit": s.org_unit,
                "start_quarter": s.start_quarter,
                "datasets": list(s.datasets),
                "indicators": list(s.indicators),
                "description": s.description,
            }
            for s in SCENARIOS
        ],
        # planted in the registers radar demo fills (pipelines/demo/registers.py), not in
        # these files: meldingen.sqlite and the register's audit findings
        "register_scenarios": MELDINGEN_SCENARIOS + FINDINGS_SCENARIOS,
        # planted in the operation of control measures (trainings.py), not in a likelihood
        "control_scenarios": CONTROL_SCENARIOS,
        "bad_rows": sorted(bad_meta, key=lambda b: (b["file"], b["line"])),
        "org_units": {
            "teams": len(TEAMS),
            "departments": len(DEPARTMENTS),
            "small_teams": [c for c in TEAM_CODES if staff[c] < SMALL_TEAM_LIMIT],
        },
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


__all__ = ["generate_demo", "SCENARIOS", "QUARTERS"]
