"""The survey_responses dataset in the vendor's own columns: latent means per unit and
construct, the scenarios that lower them, and the item bank from the catalogue.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import yaml

from pipelines.demo.bad_rows import Bad, _pick_rows
from pipelines.demo.formats import _dmy
from pipelines.demo.organisation import DEPARTMENTS, ROOT, TEAM_CODES, People
from pipelines.demo.period import MONTH_START
from pipelines.demo.scenarios import _planted_units, _scenario

# Survey: favourable-oriented latent means; a scenario sets its constructs/items to
# SCENARIO_MEAN from its start month on (over half the answers unfavourable, against
# about 9 % at the baseline mean, 5 % for the rationalisation items).
SURVEY_BASE_MEAN = 3.7
SURVEY_RAT_MEAN = 4.0
SURVEY_SD = 0.9
SCENARIO_MEAN = 2.3
SURVEY_TARGETS: dict[str, dict[str, list[str]]] = {
    "S-RF1": {"constructs": ["discussability", "congruence_management"], "items": []},
    "S-RF2": {"constructs": ["transparency"], "items": ["PS3", "PS5"]},
    "S-RF3": {"constructs": ["reprisal", "discussability", "sanctionability"], "items": []},
    "S-RF4": {"constructs": ["congruence_supervisors"], "items": []},
    "S-RF5": {"constructs": ["clarity", "feasibility"], "items": []},
    "S-RF6": {"constructs": ["results_focus", "feasibility"], "items": []},
    "S-R2": {"constructs": ["rat_top_not_listening"], "items": []},
}


def _survey(rng, ppl: People, bank: list[dict], out_bad: list[Bad]) -> pd.DataFrame:
    P, T = ppl.emp.shape
    codes = [it["code"] for it in bank]
    constructs = sorted({it["construct"] for it in bank})
    c_of = np.array([constructs.index(it["construct"]) for it in bank])
    reverse = np.array([bool(it.get("reverse", False)) for it in bank])
    units = [ROOT] + [c for c, _ in DEPARTMENTS] + TEAM_CODES
    U, n_items, C = len(units), len(codes), len(constructs)
    base = np.array(
        [SURVEY_RAT_MEAN if c.startswith("rat_") else SURVEY_BASE_MEAN for c in constructs]
    )
    unit_c = base[None, :] + rng.normal(0, 0.12, (U, C))
    item_shift = rng.normal(0, 0.08, n_items)
    M = np.repeat((unit_c[:, c_of] + item_shift[None, :])[:, :, None], T, axis=2)
    for sid, target in SURVEY_TARGETS.items():
        sc = _scenario(sid)
        items = [
            i
            for i, it in enumerate(bank)
            if it["construct"] in target["constructs"] or it["code"] in target["items"]
        ]
        M[units.index(sc.org_unit), items, sc.start_t :] = SCENARIO_MEAN

    months = np.arange(T)
    invited = ppl.emp & (ppl.invite_offset[:, None] == (months % 3)[None, :])
    invited &= (ppl.role != "bestuurder")[:, None]
    p, t = np.nonzero(invited)
    responded = rng.random(len(p)) < 0.70
    p, t = p[responded], t[responded]
    order = np.lexsort((ppl.respondent[p], t))
    p, t = p[order], t[order]
    R = len(p)
    u = np.array([units.index(x) for x in ppl.unit], dtype=int)[p]

    pr = np.repeat(np.arange(R), n_items)
    it = np.tile(np.arange(n_items), R)
    tr = t[pr]
    mu = M[u[pr], it, tr]
    x = np.clip(np.rint(mu + rng.normal(0, SURVEY_SD, R * n_items)), 1, 5).astype(int)
    ans = np.where(reverse[it], 6 - x, x)
    ans = np.where(rng.random(R * n_items) < 0.03, 0, ans)
    answer_text = np.array(["", "1", "2", "3", "4", "5"], dtype=object)[ans]
    wave = _dmy(MONTH_START[t] + np.timedelta64(14, "D"))
    unit_code = np.array(units, dtype=object)[u]
    df = pd.DataFrame(
        {
            "RespondentID": ppl.respondent[p][pr],
            "Meetmoment": wave[pr],
            "Eenheid": unit_code[pr],
            "Vraagcode": np.array(codes, dtype=object)[it],
            "Antwoord": answer_text,
        }
    )
    ok = ~np.isin(unit_code[pr], _planted_units("survey_responses"))
    rows = _pick_rows(rng, ok, 5)
    for row, (col, canon, val, reason) in zip(
        rng.permutation(rows).tolist(),
        [
            ("Antwoord", "answer", "6", "out_of_range"),
            ("Antwoord", "answer", "drie", "wrong_type"),
            ("Antwoord", "answer", "0", "out_of_range"),
            ("Meetmoment", "wave_date", "15-01-2099", "future_date"),
            ("Eenheid", "org_unit", "XX-99", "unknown_org_unit"),
        ],
        strict=True,
    ):
        out_bad.append(Bad(int(row), col, canon, val, reason))
    return df


def _survey_bank() -> list[dict]:
    from pipelines.core.catalogue import catalogue_dir
    from pipelines.core.yaml_errors import Loader  # libyaml's safe loader, as the catalogue's

    text = (catalogue_dir() / "survey_items.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=Loader)  # noqa: S506
    return [
        {"code": it["code"], "construct": it["construct"], "reverse": bool(it.get("reverse"))}
        for it in data["items"]
    ]
