"""The RvC PDF's tables after the charts: the gap per risk for the organisation, the gap
per risk and department, what changed since the previous quarter, the measures not reviewed
on time, and the data quality behind the scores.

A mixin of ``_Report`` (document.py): its methods read the report's snapshot (``snap``),
words (``w``), styles (``s``) and paragraph helper (``p``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from pipelines.core import formats
from pipelines.reports.pdf.style import FRAME_WIDTH, LEVEL_FILL, _table
from pipelines.reports.pdf.words import INSUFFICIENT, insufficient


class TableSections:
    """The sections that are tables: gap, departments, changes, overdue, data quality."""

    def gap_section(self) -> list:
        w = self.w
        scores = self.organisation_scores()
        red_in: dict[str, list[str]] = {}
        for row in self.snap["risk_scores"]:
            if row["org_level"] == "afdeling" and row["level"] == "rood" and not row["suppressed"]:
                red_in.setdefault(row["risk_id"], []).append(row["org_unit_name"])
        order = {r["risk_id"]: i for i, r in enumerate(self.risks)}
        ranked = sorted(
            self.risks,
            key=lambda r: (
                scores.get(r["risk_id"], {}).get("assurance_gap") is None,
                -(scores.get(r["risk_id"], {}).get("assurance_gap") or 0),
                order[r["risk_id"]],
            ),
        )
        # the evidence behind each score (coverage) from the snapshots of method 2 on
        with_coverage = any("coverage" in r for r in self.snap["risk_scores"])
        header = [
            w("col_risk"),
            w("col_inherent"),
            w("col_expected"),
            w("col_observed"),
            w("col_gap"),
            w("col_level"),
            w("col_appetite"),
            *([w("col_coverage")] if with_coverage else []),
            w("col_red_departments"),
        ]
        rows, fills = [header], []
        for risk in ranked:
            score = scores.get(risk["risk_id"], {})
            shown = bool(score) and not score.get("suppressed")
            level = score.get("level") if shown else None
            coverage = score.get("coverage") if shown else None
            evidence = formats.percent(coverage, self.lang)
            rows.append(
                [
                    f"{risk['risk_id']} {self.names[risk['risk_id']]}",
                    w.number(risk["inherent_score"]),
                    w.number(score.get("expected_residual"), 1) if shown else "–",
                    w.number(score.get("observed_score")) if shown else "–",
                    w.number(score.get("assurance_gap"), 1, signed=True) if shown else "–",
                    w.group("score_rule", INSUFFICIENT) if insufficient(score) else w.level(level),
                    w.yes_no(score.get("exceeds_appetite")) if shown else "–",
                    *([evidence] if with_coverage else []),
                    ", ".join(red_in.get(risk["risk_id"], [])) or "–",
                ]
            )
            if level in LEVEL_FILL:
                fills.append((5, len(rows) - 1, LEVEL_FILL[level]))
        if with_coverage:
            widths = [c * cm for c in (4.0, 1.3, 1.5, 1.0, 1.2, 1.9, 1.6, 1.3, 3.2)]
            right = (1, 2, 3, 4, 7)
        else:
            widths = [c * cm for c in (4.4, 1.3, 1.5, 1.0, 1.2, 1.3, 1.9, 4.4)]
            right = (1, 2, 3, 4)
        return [
            CondPageBreak(6 * cm),
            self.p(w("gap_title"), "h1"),
            self.p(w("gap_help"), "small"),
            *([self.p(w("gap_coverage_help"), "small")] if with_coverage else []),
            Spacer(1, 4),
            _table(rows, widths, self.s, fills, align_right=right),
        ]

    def gap_cell(self, row: dict[str, Any]) -> tuple[str, str | None]:
        """One risk and unit: the signed gap and the level it is coloured by (the words
        for too little evidence, a dash for none; neither coloured)."""
        if insufficient(row):
            return self.w.group("score_rule", INSUFFICIENT), None
        if not row or row.get("suppressed") or formats.is_missing(row.get("assurance_gap")):
            return formats.MISSING, None
        return self.w.number(row["assurance_gap"], 1, signed=True), row.get("level")

    def departments_section(self) -> list:
        """Risks x (organisation, departments): the signed gap, coloured by the level of
        that same gap, so number and colour say one thing in every cell."""
        w = self.w
        units = [u for u in self.snap["org_units"] if u["org_level"] == "organisatie"]
        units += self.departments
        cells = {(r["risk_id"], r["org_unit_id"]): r for r in self.snap["risk_scores"]}
        header = [w("col_risk"), *(self.unit(u) for u in units)]
        rows, fills = [header], []
        for risk in self.risks:
            row = [self.names[risk["risk_id"]]]
            for column, unit in enumerate(units, start=1):
                text, level = self.gap_cell(cells.get((risk["risk_id"], unit["org_unit_id"]), {}))
                row.append(text)
                if level in LEVEL_FILL:
                    fills.append((column, len(rows), LEVEL_FILL[level]))
            rows.append(row)
        first = 3.0 * cm
        widths = [first] + [(FRAME_WIDTH - first) / len(units)] * len(units)
        return [
            CondPageBreak(8 * cm),
            self.p(w("departments_title"), "h1"),
            self.p(w("departments_help"), "small"),
            Spacer(1, 4),
            _table(rows, widths, self.s, fills, align_right=range(1, len(header)), small=True),
        ]

    def changes_section(self) -> list:
        """Gestegen, gedaald and nieuw rood of the organisation (the counts of page one),
        then what moved per department, in a table of its own."""
        w, moved = self.w, self.movements()
        header = [w("col_risk"), w("col_from"), w("col_to")]
        widths = [c * cm for c in (10.6, 3.2, 3.2)]

        def table(rows: list[dict[str, Any]], levels: bool) -> Any:
            if not rows:
                return self.p(w("changes_none"), "small")
            old, new = (
                ("previous_level", "level")
                if levels
                else ("previous_observed_likelihood", "observed_likelihood")
            )
            show = w.level if levels else w.number
            body = [[r[f"risk_name_{self.lang}"], show(r.get(old)), show(r.get(new))] for r in rows]
            fills = []
            if levels:
                for i, r in enumerate(rows, start=1):
                    fills += [
                        (c, i, LEVEL_FILL[r.get(k)])
                        for c, k in ((1, old), (2, new))
                        if r.get(k) in LEVEL_FILL
                    ]
            return _table([header, *body], widths, self.s, fills)

        if not moved.has_previous:
            red = [r | {"previous_level": None} for r in self.finding().red]
            return [
                CondPageBreak(5 * cm),
                self.p(w("red_now_title", quarter=self.quarter), "h1"),
                self.p(w("red_now_help", quarter=self.quarter), "small"),
                Spacer(1, 4),
                table(red, levels=True),
            ]
        flow = [
            CondPageBreak(5 * cm),
            self.p(w("changes_title", previous=self.previous), "h1"),
            self.p(w("changes_help"), "small"),
        ]
        for key, rows, levels in (
            ("changes_up", moved.up, False),
            ("changes_down", moved.down, False),
            ("changes_new_red", moved.new_red, True),
        ):
            flow.append(KeepTogether([self.p(w(key, n=len(rows)), "h2"), table(rows, levels)]))
        return [*flow, *self.department_changes()]

    def department_changes(self) -> list:
        w = self.w
        rows = [
            r
            for r in self.snap["changes"]
            if r["org_level"] == "afdeling"
            and (r.get("direction") in ("omhoog", "omlaag") or r.get("is_new_red") is True)
        ]
        flow = [
            CondPageBreak(4 * cm),
            self.p(w("dept_changes_title", previous=self.previous), "h2"),
            self.p(w("dept_changes_help", previous=self.previous), "small"),
            Spacer(1, 3),
        ]
        if not rows:
            return [*flow, self.p(w("changes_none"), "small")]
        header = [
            w("col_risk"),
            w("col_department"),
            w("col_movement"),
            w("col_from"),
            w("col_to"),
            w("col_new_red"),
        ]
        body = [
            [
                r[f"risk_name_{self.lang}"],
                r["org_unit_name"],
                w(f"direction_{r.get('direction') or 'gelijk'}"),
                w.number(r.get("previous_observed_likelihood")),
                w.number(r.get("observed_likelihood")),
                w.yes_no(r.get("is_new_red") is True),
            ]
            for r in rows
        ]
        widths = [c * cm for c in (5.2, 4.0, 2.0, 1.6, 1.6, 2.6)]
        return [*flow, _table([header, *body], widths, self.s)]

    def overdue_section(self) -> list:
        w, snap = self.w, self.snap
        as_of = w.date(snap.get("overdue_as_of") or snap["warehouse_built_at"])
        flow = [
            CondPageBreak(5 * cm),
            self.p(w("overdue_title", date=as_of), "h1"),
            self.p(w("overdue_help", date=as_of, quarter=self.quarter), "small"),
            Spacer(1, 4),
        ]
        rows = snap["overdue_controls"]
        if not rows:
            return [*flow, self.p(w("overdue_none", date=as_of))]
        header = [
            w("col_risk"),
            w("col_measure"),
            w("col_owner"),
            w("col_status"),
            w("col_test"),
            w("col_review_due"),
        ]
        body = [
            [
                r[f"risk_name_{self.lang}"],
                r[f"text_{self.lang}"],
                w.group("owner_role", r["owner_role"]),
                w.group("control_status", r["status"]),
                w(
                    "last_test_value",
                    result=w.group("test_result", r["last_test_result"]),
                    date=w.short_date(r["last_tested_on"]),
                )
                if r["last_tested_on"]
                else w.group("test_result", r["last_test_result"]),
                w.short_date(r["next_review_on"]),
            ]
            for r in rows
        ]
        widths = [c * cm for c in (3.2, 4.9, 3.3, 1.7, 2.3, 1.6)]
        return [*flow, _table([header, *body], widths, self.s)]

    def data_quality_section(self) -> list:
        w, snap = self.w, self.snap
        scores = snap["risk_scores"]
        shown = [r for r in scores if not r["suppressed"] and r["observed_likelihood"] is not None]
        used = [r["indicators_used"] for r in shown if r.get("indicators_used") is not None]
        flow = [CondPageBreak(4 * cm), self.p(w("dq_title"), "h1")]
        flow.append(
            self.p(
                w("dq_scores", n=len(scores), low=min(used, default=0), high=max(used, default=0))
            )
        )

        def per_unit(rows: list[dict[str, Any]]) -> str:
            counted: dict[str, int] = {}
            for r in rows:
                counted[self.unit(r)] = counted.get(self.unit(r), 0) + 1
            return w.listing([w("dq_unit_count", unit=u, n=n) for u, n in counted.items()])

        suppressed = [r for r in scores if r["suppressed"]]
        short = [r for r in scores if insufficient(r)]
        missing = [
            r
            for r in scores
            if not r["suppressed"] and r["observed_likelihood"] is None and not insufficient(r)
        ]
        if suppressed:
            flow.append(self.p(w("dq_suppressed", n=len(suppressed), items=per_unit(suppressed))))
        if short:
            flow.append(
                self.p(
                    w(
                        "dq_insufficient",
                        n=len(short),
                        label=w.group("score_rule", INSUFFICIENT),
                        items=per_unit(short),
                    )
                )
            )
        if missing:
            flow.append(self.p(w("dq_missing", n=len(missing), items=per_unit(missing))))
        if not suppressed and not missing and not short:
            flow.append(self.p(w("dq_complete")))
        flow.append(
            self.p(
                w(
                    "dq_processed",
                    built=w.datetime(snap["warehouse_built_at"]),
                    frozen=w.datetime(snap["created_at"]),
                )
            )
        )
        if not snap.get("data_freshness"):
            return [*flow, self.p(w("dq_not_recorded"), "small")]
        quarantined = {
            r["dataset"]: r.get("rows_quarantined") or 0 for r in snap.get("ingest_summary") or []
        }
        names = self.w.tpl["datasets"]
        body = [
            [
                names[r["dataset"]][self.lang] if r["dataset"] in names else r["dataset"],
                w.number(r.get("row_count")),
                w.number(quarantined.get(r["dataset"], 0)) if "ingest_summary" in snap else "–",
                w.short_date(r.get("newest_date")),
                w.yes_no(r.get("is_stale")),
            ]
            for r in snap["data_freshness"]
        ]
        header = [
            w("col_dataset"),
            w("col_rows"),
            w("col_quarantined"),
            w("col_newest"),
            w("col_stale"),
        ]
        widths = [c * cm for c in (5.6, 2.8, 2.8, 3.0, 2.8)]
        return [
            *flow,
            self.p(w("dq_sources"), "small"),
            Spacer(1, 3),
            _table([header, *body], widths, self.s, align_right=(1, 2)),
        ]
