"""The trainings dataset: integrity sessions held, from the learning platform (S-OE).

Every team holds a dilemma session (several for a big team) and an integrity e-learning
round each quarter, attended by 70-95 % of those invited; every management team (a
department's head with its team managers, and the board with the heads) holds its own
dilemma session; new hires get the code-of-conduct introduction in their first month;
each department has a yearly "overig" session. S-OE: Klant & Wijk stops its dilemma
sessions from 2025-Q4 (the e-learning goes on). Not a risk scenario: it is listed under
``CONTROL_SCENARIOS`` and tells the operating evidence of control measures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import COLUMNS, _iso
from pipelines.demo.organisation import DEPARTMENTS, ROOT, TEAMS, People
from pipelines.demo.period import MONTH_START, N_MONTHS, NEXT_MONTH_START, QUARTERS
from pipelines.demo.scenarios import control_scenario

SESSION_SIZE = 20  # people in one dilemma session


def _days_in(rng, t0: int, n: int, months: int = 3) -> np.ndarray:
    """n distinct weekdays within the months t0 .. t0+months-1."""
    first, last = MONTH_START[t0], NEXT_MONTH_START[min(t0 + months, N_MONTHS) - 1]
    days = np.arange(first, last)
    wd = ((days - np.datetime64("1970-01-05")).astype(int)) % 7
    days = days[wd < 5]
    return np.sort(rng.choice(days, n, replace=False))


def _trainings(rng, ppl: People, out_bad: list[Bad]) -> pd.DataFrame:
    oe = control_scenario("S-OE")
    stop_t = QUARTERS.index(oe["start_quarter"]) * 3
    teams = [(code, dept) for code, _, dept, _, _ in TEAMS]
    unit = ppl.unit
    rows: list[tuple[np.datetime64, str, str, int, int]] = []

    def add(days, org_unit, kind, invited, low=0.70, high=0.95):
        rate = rng.uniform(low, high)
        for d, inv in zip(days, invited, strict=True):
            # a small group: one absence is a big share, so round up
            attended = min(int(inv), int(np.ceil(inv * rng.uniform(rate - 0.03, rate + 0.03))))
            rows.append((d, org_unit, kind, int(inv), attended))

    for q in range(len(QUARTERS)):
        t0 = 3 * q
        for code, dept in teams:
            head = int((ppl.emp[:, t0 + 1] & (unit == code)).sum())
            stopped = dept == oe["org_unit"] and t0 >= stop_t
            if not stopped:
                k = max(1, int(np.ceil(head / SESSION_SIZE)))
                add(
                    _days_in(rng, t0, k),
                    code,
                    "dilemmasessie",
                    np.diff(np.linspace(0, head, k + 1).round()),
                )
            add(_days_in(rng, t0, 1), code, "e_learning_integriteit", [head], 0.72, 0.95)
        for dept, _ in DEPARTMENTS:
            if dept == oe["org_unit"] and t0 >= stop_t:
                continue
            mt = 1 + sum(1 for _, d in teams if d == dept)
            add(_days_in(rng, t0, 1), dept, "dilemmasessie", [mt], 0.75, 0.95)
        add(_days_in(rng, t0, 1), ROOT, "dilemmasessie", [1 + len(DEPARTMENTS)], 0.75, 0.95)
        if q % 4 == 2:  # each spring: the integrity annual report, per department
            for dept, _ in DEPARTMENTS:
                mt = int((ppl.emp[:, t0] & np.char.startswith(unit.astype(str), dept)).sum())
                add(_days_in(rng, t0, 1), dept, "overig", [mt], 0.40, 0.70)
    # the code-of-conduct introduction: in the month of joining, per team
    new = ppl.start_t > 0
    for code, _ in teams:
        for t in np.unique(ppl.start_t[new & (unit == code)]):
            hires = int((new & (unit == code) & (ppl.start_t == t)).sum())
            add(
                _days_in(rng, int(t), 1, months=1),
                code,
                "introductie_gedragscode",
                [hires],
                0.85,
                1.0,
            )

    df = pd.DataFrame(rows, columns=COLUMNS["trainings"])
    df = df.sort_values(["held_on", "org_unit", "kind"], kind="stable").reset_index(drop=True)
    inv, att = df["invited_n"].to_numpy(), df["attended_n"].to_numpy()
    out = pd.DataFrame(
        {
            "held_on": _iso(df["held_on"].to_numpy(dtype="datetime64[D]")),
            "org_unit": df["org_unit"].to_numpy(dtype=object),
            "kind": df["kind"].to_numpy(dtype=object),
            "invited_n": inv.astype(str).astype(object),
            "attended_n": att.astype(str).astype(object),
        },
        columns=COLUMNS["trainings"],
    )
    ok = (df["kind"] == "e_learning_integriteit").to_numpy() & (
        df["org_unit"] != "KLT-KCC"
    ).to_numpy()
    ok &= ~df["org_unit"].str.startswith(oe["org_unit"]).to_numpy()
    (row,) = _pick_rows(rng, ok, 1)
    out_bad.append(Bad(row, "attended_n", "attended_n", str(int(inv[row]) + 3), "out_of_range"))
    return out
