"""The feedback_360 rows: integrity scores per manager and month."""

from __future__ import annotations

from tests.orggen.model import _nl, _nl_date
from tests.orggen.organisation import Organisation


class WithFeedback360(Organisation):
    def feedback(self) -> list[list[str]]:
        rng = self.rng
        rows: list[list[str]] = []
        for mi, month in enumerate(self.months):
            if month.month not in (3, 9):
                continue
            for key, (p, t) in sorted(self.present[mi].items()):
                if not p.is_manager or p is self.boss:
                    continue
                score = self.signal(t, "score_360", mi)
                if score is None or p.title.startswith("Manager"):
                    score = t.rates["score_360"] + float(rng.normal(0, 0.3))
                else:
                    score = score + float(rng.normal(0, 0.2))
                score = min(5.0, max(1.0, score))
                raters = int(rng.integers(2, 11))
                rows.append([key, _nl_date(month), _nl(score, 2), str(raters)])
        return rows
