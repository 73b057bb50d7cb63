"""Detection and false-alarm rates of a built warehouse against a generator's manifest.

Definitions (issue 14):
- a unit-quarter is *flagged* when any of its indicators is flagged;
- it is *elevated* when any risk's observed likelihood is >= 3 there;
- a planted risk is *found* in a quarter when its observed likelihood is >= 3 in the
  planted unit or, when that unit's score is suppressed (or not published at all, as for
  an aggregate-only risk at team level), in the nearest ancestor that is not suppressed;
  a unit that shows "onvoldoende gegevens" (no number, because too little of the risk is
  observed there, typically its survey suppressed) counts as showing nothing, like a
  suppressed one, so its parent decides;
- a *main* indicator has weight >= 1.0 in the catalogue.

Detection counts the quarters from the scenario's start quarter up to the last quarter of
the manifest, the start quarter included. Clean units are the teams and departments with
no planted scenario in them, above them or below them (the organisation itself is left
out); every clean unit counts once per quarter of the manifest's period, whether or not
the warehouse shows anything for it (a suppressed or absent unit-quarter is neither
flagged nor elevated, and is counted separately).

Works for any manifest with ``period.quarters`` and ``scenarios`` (id, risk_id,
org_unit, start_quarter, indicators): the tests' own generator and the demo's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.catalogue import Catalogue

TARGET_DETECTION = 0.80
TARGET_FLAGGED = 0.02
TARGET_ELEVATED = 0.05


@dataclass
class ScenarioRate:
    id: str
    risk_id: str
    org_unit: str
    start_quarter: str
    quarters: int
    found: int
    # per quarter from the start: the unit the decision was made at and its likelihood
    trail: list[tuple[str, str | None, int | None]] = field(default_factory=list)
    main_flagged: int = 0  # quarters in which a planted main indicator is flagged there

    @property
    def share(self) -> float:
        return self.found / self.quarters if self.quarters else 0.0


@dataclass
class RiskRate:
    risk_id: str
    unit_quarters: int
    elevated: int
    flagged: int

    @property
    def elevated_rate(self) -> float:
        return self.elevated / self.unit_quarters if self.unit_quarters else 0.0

    @property
    def flagged_rate(self) -> float:
        return self.flagged / self.unit_quarters if self.unit_quarters else 0.0


@dataclass
class Rates:
    generator: str
    scenarios: list[ScenarioRate]
    clean_units: list[str]
    quarters: list[str]
    unit_quarters: int
    flagged: int
    elevated: int
    not_shown: int  # clean unit-quarters with no unsuppressed risk score
    per_risk: dict[str, RiskRate]

    @property
    def flagged_rate(self) -> float:
        return self.flagged / self.unit_quarters if self.unit_quarters else 0.0

    @property
    def elevated_rate(self) -> float:
        return self.elevated / self.unit_quarters if self.unit_quarters else 0.0

    @property
    def min_detection(self) -> float:
        return min((s.share for s in self.scenarios), default=0.0)

    def missed(self, target: float = TARGET_DETECTION) -> list[ScenarioRate]:
        return [s for s in self.scenarios if s.share < target]

    def detection_by_risk(self) -> dict[str, float]:
        out: dict[str, list[float]] = {}
        for s in self.scenarios:
            out.setdefault(s.risk_id, []).append(s.share)
        return {r: sum(v) / len(v) for r, v in sorted(out.items())}


def load_manifest(manifest: Path | str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(manifest, dict):
        return manifest
    return json.loads(Path(manifest).read_text(encoding="utf-8"))


def _tree(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, str]]:
    rows = con.execute("select org_unit_id, parent_unit_id, org_level from dim_org_units")
    return {u: (p, lvl) for u, p, lvl in rows.fetchall()}


def _ancestors(tree: dict[str, tuple[str | None, str]], unit: str) -> list[str]:
    """The unit and its ancestors, nearest first."""
    out, seen = [], set()
    node: str | None = unit
    while node is not None and node in tree and node not in seen:
        seen.add(node)
        out.append(node)
        node = tree[node][0]
    return out


def clean_units(tree: dict[str, tuple[str | None, str]], planted: set[str]) -> list[str]:
    """Teams and departments with no planted unit in, above or below them."""
    out = []
    for unit, (_parent, level) in tree.items():
        if level not in ("team", "afdeling"):
            continue
        line = set(_ancestors(tree, unit))
        below = any(unit in _ancestors(tree, p) for p in planted)
        if not (line & planted) and not below:
            out.append(unit)
    return sorted(out)


def rates(
    con: duckdb.DuckDBPyConnection,
    manifest: Path | str | dict[str, Any],
    catalogue: Catalogue,
    generator: str | None = None,
) -> Rates:
    m = load_manifest(manifest)
    quarters: list[str] = list(m["period"]["quarters"])
    tree = _tree(con)
    scores = {
        (r, q, u): (lik, bool(sup))
        for r, q, u, lik, sup in con.execute(
            """select risk_id, period, org_unit_id, observed_likelihood, suppressed
               from report_risk_scores where period_type = 'quarter'"""
        ).fetchall()
    }
    flagged_cells = con.execute(
        """select distinct risk_id, indicator_id, period, org_unit_id
           from report_indicators
           where period_type = 'quarter' and flagged and not suppressed"""
    ).fetchall()
    flagged_units = {(q, u) for _r, _i, q, u in flagged_cells}
    flagged_by_risk = {(r, q, u) for r, _i, q, u in flagged_cells}
    flagged_ind = {(i, q, u) for _r, i, q, u in flagged_cells}

    main = {
        r.id: {i.id for i in catalogue.indicators_for(r.id) if i.weights[r.id] >= 1.0}
        for r in catalogue.risks
    }

    scenarios = []
    for s in m["scenarios"]:
        todo = [q for q in quarters if q >= s["start_quarter"]]
        sr = ScenarioRate(s["id"], s["risk_id"], s["org_unit"], s["start_quarter"], len(todo), 0)
        planted_main = set(s.get("indicators", [])) & main.get(s["risk_id"], set())
        for q in todo:
            at, lik = None, None
            for unit in _ancestors(tree, s["org_unit"]):
                row = scores.get((s["risk_id"], q, unit))
                if row is None or row[1] or row[0] is None:
                    # not published, suppressed or "onvoldoende gegevens" there (no number
                    # shown, e.g. its main indicators suppressed): the parent decides
                    continue
                at, lik = unit, row[0]
                break
            if lik is not None and lik >= 3:
                sr.found += 1
            sr.trail.append((q, at, lik))
            if any((i, q, s["org_unit"]) in flagged_ind for i in planted_main):
                sr.main_flagged += 1
        scenarios.append(sr)

    planted = {s["org_unit"] for s in m["scenarios"]}
    clean = clean_units(tree, planted)
    elevated_cells = {
        (r, q, u) for (r, q, u), (lik, sup) in scores.items() if not sup and (lik or 0) >= 3
    }
    elevated_units = {(q, u) for _r, q, u in elevated_cells}
    shown = {(q, u) for (_r, q, u), (lik, sup) in scores.items() if not sup and lik is not None}

    cells = [(q, u) for u in clean for q in quarters]
    per_risk = {}
    for r in catalogue.risks_in_order():
        per_risk[r.id] = RiskRate(
            r.id,
            len(cells),
            sum(1 for q, u in cells if (r.id, q, u) in elevated_cells),
            sum(1 for q, u in cells if (r.id, q, u) in flagged_by_risk),
        )
    return Rates(
        generator=generator or str(m.get("generator", "?")),
        scenarios=scenarios,
        clean_units=clean,
        quarters=quarters,
        unit_quarters=len(cells),
        flagged=sum(1 for c in cells if c in flagged_units),
        elevated=sum(1 for c in cells if c in elevated_units),
        not_shown=sum(1 for c in cells if c not in shown),
        per_risk=per_risk,
    )


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def format_rates(r: Rates) -> str:
    """A readable table: per scenario, per risk, and the clean-unit totals."""
    lines = [
        f"== {r.generator}: {len(r.scenarios)} planted scenarios, {len(r.clean_units)} clean "
        f"units x {len(r.quarters)} quarters = {r.unit_quarters} clean unit-quarters "
        f"({r.not_shown} with no score shown)",
        "",
        f"{'scenario':<10} {'risk':<5} {'unit':<10} {'start':<8} {'found':>9} {'share':>7}"
        f" {'main flagged':>13}  per quarter (unit=likelihood)",
    ]
    for s in r.scenarios:
        trail = " ".join(
            f"{q[2:]}:{'-' if lik is None else lik}{'' if at in (None, s.org_unit) else '^'}"
            for q, at, lik in s.trail
        )
        mark = "" if s.share >= TARGET_DETECTION else "  << below target"
        lines.append(
            f"{s.id:<10} {s.risk_id:<5} {s.org_unit:<10} {s.start_quarter:<8} "
            f"{s.found:>4}/{s.quarters:<4} {_pct(s.share):>7} {s.main_flagged:>6}/{s.quarters:<6}"
            f"  {trail}{mark}"
        )
    lines += ["", "  (^ = decided at an ancestor: the planted unit is suppressed there)", ""]
    det = r.detection_by_risk()
    lines.append(f"{'risk':<5} {'detection':>10} {'clean elevated':>15} {'clean flagged':>14}")
    for rid, rr in r.per_risk.items():
        d = f"{_pct(det[rid])}" if rid in det else "     -"
        lines.append(f"{rid:<5} {d:>10} {_pct(rr.elevated_rate):>15} {_pct(rr.flagged_rate):>14}")
    lines += [
        "",
        f"detection: lowest {_pct(r.min_detection)} (target >= {_pct(TARGET_DETECTION)}), "
        f"{len(r.missed())} of {len(r.scenarios)} scenarios below target",
        f"clean unit-quarters flagged:  {r.flagged:>4}/{r.unit_quarters} = "
        f"{_pct(r.flagged_rate)} (target <= {_pct(TARGET_FLAGGED)})",
        f"clean unit-quarters elevated: {r.elevated:>4}/{r.unit_quarters} = "
        f"{_pct(r.elevated_rate)} (target <= {_pct(TARGET_ELEVATED)})",
    ]
    return "\n".join(lines)
