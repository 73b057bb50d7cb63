"""The survey_responses rows: unfavourable shares per team and construct, per respondent."""

from __future__ import annotations

import numpy as np

from tests.orggen.model import _logit
from tests.orggen.organisation import Organisation


class WithSurvey(Organisation):
    # --- survey ---------------------------------------------------------------------
    def survey(self) -> list[list[str]]:
        rng, b = self.rng, self.base
        rows: list[list[str]] = []
        codes = [c for c, _, _ in self.items]
        reverse = np.array([r for _, _, r in self.items])
        constructs = [c for _, c, _ in self.items]
        for mi, month in enumerate(self.months):
            if month.month % 3 != 2:  # one wave per quarter, in its middle month
                continue
            wave = month.replace(day=int(rng.integers(8, 22)))
            team_jitter = {t.id: rng.normal(0, b["wave_sd"]) for t in self.units}
            for _key, (p, t) in sorted(self.present[mi].items()):
                if p.exit_date is not None and p.exit_date < wave:
                    continue
                if rng.random() > b["response_rate"]:
                    continue
                logits = np.empty(len(codes))
                for j, (code, c) in enumerate(zip(codes, constructs, strict=True)):
                    p_c = self.signal(t, f"item:{code}", mi) or self.signal(t, f"survey:{c}", mi)
                    if p_c is None:
                        p_c = t.survey_p[c]
                    logits[j] = _logit(p_c)
                logits += p.person_effect + team_jitter[t.id]
                unfav = rng.random(len(codes)) < 1 / (1 + np.exp(-logits))
                low = np.where(rng.random(len(codes)) < 0.3, 1, 2)
                high = rng.choice([3, 4, 5], size=len(codes), p=[0.25, 0.5, 0.25])
                score = np.where(unfav, low, high)
                score = np.where(reverse, 6 - score, score)
                dk = rng.random(len(codes)) < b["dont_know"]
                for code, s, d in zip(codes, score, dk, strict=True):
                    rows.append([p.respondent, wave.isoformat(), t.id, code, "" if d else str(s)])
        return rows
