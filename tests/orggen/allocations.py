"""The allocations rows: lettings per team and month, with ranks, channels and approvers."""

from __future__ import annotations

import numpy as np

from tests.orggen.names import DISTRICTS
from tests.orggen.organisation import Organisation


class WithAllocations(Organisation):
    def allocations(self) -> list[list[str]]:
        rng, b = self.rng, self.base
        rows: list[list[str]] = []
        districts = list(rng.choice(DISTRICTS, size=6, replace=False))
        channels = ["regulier", "urgentie", "maatwerk", "direct", "herhuisvesting", "statushouder"]
        ch_p = rng.dirichlet(np.array([70, 9, 6, 4, 4, 5]) * 3.0)
        n = 0
        for mi, month in enumerate(self.months):
            for t in self.teams:
                if t.kind != "lettings":
                    continue
                people = sorted(
                    (p for p, u in self.present[mi].values() if u.id == t.id), key=lambda x: x.key
                )
                leads = [p for p in people if p.is_manager]
                consultants = [p for p in people if not p.is_manager]
                culprits = set(x.key for x in consultants[: max(1, (len(consultants) + 1) // 2)])
                for c in consultants:
                    # a consultant's own taste for exceptions (concentration varies)
                    tilt = 1.0 + 0.8 * ((int(c.key[1:]) % 7) - 3) / 3
                    p_ch = ch_p.copy()
                    p_ch[2:4] *= max(tilt, 0.2)
                    p_ch /= p_ch.sum()
                    bad = 2.0 if c.key in culprits else 0.0
                    for _ in range(int(rng.poisson(c.consult_rate * c.fte))):
                        n += 1
                        ch = channels[int(rng.choice(6, p=p_ch))]
                        rank: int | None = None
                        motivated = True
                        if ch in ("regulier", "urgentie"):
                            rank = 1
                            if rng.random() < b["al_rank_gt1"]:
                                rank = int(2 + rng.geometric(0.45))
                                motivated = rng.random() >= b["al_rank_unmotivated"]
                            oor = self.signal(t, "al_out_of_rank", mi)
                            if oor is not None and rng.random() < oor * bad:
                                rank, motivated = int(rng.integers(2, 9)), False
                        elif ch in ("maatwerk", "direct"):
                            motivated = rng.random() >= b["al_exception_unmotivated"]
                            nm = self.signal(t, "al_no_motivation", mi)
                            if nm is not None and rng.random() < nm * bad:
                                motivated = False
                        approver = leads[0].key if leads else self.slots[t.parent][0].key
                        if ch in ("maatwerk", "direct", "urgentie", "herhuisvesting"):
                            if rng.random() < b["al_no_approver"]:
                                approver = ""
                            sa = self.signal(t, "al_same_approver", mi)
                            if sa is not None and rng.random() < sa * bad:
                                approver = str(rng.choice(["", c.key]))
                        elif rng.random() < 0.5:
                            approver = ""
                        staff = rng.random() < (self.signal(t, "al_staff", mi) or b["al_staff"])
                        regdate = rng.random() < b["al_regdate"]
                        rd = self.signal(t, "al_regdate", mi)
                        if rd is not None and rng.random() < rd * bad:
                            regdate = True
                        rows.append(
                            [
                                f"{self.prefix}T{n:06d}",
                                self.day_in(month).isoformat(),
                                f"VHE{int(rng.integers(10000, 99999))}",
                                str(rng.choice(districts)),
                                ch,
                                "" if rank is None else str(rank),
                                "true" if motivated else "false",
                                c.key,
                                approver,
                                "true" if staff else "false",
                                "true" if regdate else "false",
                            ]
                        )
        return rows
