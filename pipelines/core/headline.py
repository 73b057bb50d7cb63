"""The headline: where the data says a risk is worse than the register expects, and what
moved since last quarter, counted one way and written from templates.

One definition for every page and the PDF:

- **the finding**: the risks whose assurance-gap level is ``rood`` (named as the
  finding), then ``oranje`` (named as "let op"), largest gap first;
- **gestegen / gedaald**: the observed likelihood against the previous quarter, at the
  organisation level (report_risk_changes.direction ``omhoog`` / ``omlaag``);
- **nieuw rood**: the gap level is ``rood`` now and had a level that was not ``rood`` the
  quarter before (report_risk_changes.is_new_red), organisation level.

Departments are counted in their own table, never in these counts. The functions take
plain rows (dicts, as the snapshot holds them and as the marts give them), so a snapshot
taken before this module existed reads the same way. Nothing here scores: the levels and
directions are the marts'. The sentences come from templates in
pipelines/core/locales/ui/headline.yaml, filled with numbers written by pipelines.core.formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pipelines.core import formats
from pipelines.core.texts import t

ORGANISATION = "organisatie"
Row = Mapping[str, Any]


def organisation_rows(rows: Iterable[Row]) -> list[Row]:
    """The rows of the organisation as a whole (org_level organisatie)."""
    return [r for r in rows if r.get("org_level") == ORGANISATION]


def _by_gap(rows: Iterable[Row]) -> list[Row]:
    """Largest gap first; ties keep the given (register) order."""
    return sorted(rows, key=lambda r: -float(r["assurance_gap"]))


def ranked(scores: Iterable[Row]) -> list[Row]:
    """One unit's risks that have a gap and a level (rood, oranje or groen), largest gap
    first: the bars of the RvC page's and PDF's gap chart."""
    rows = [r for r in scores if not formats.is_missing(r.get("assurance_gap"))]
    return _by_gap(r for r in rows if r.get("level") in ("rood", "oranje", "groen"))


@dataclass(frozen=True)
class Finding:
    """The gap levels of one unit and quarter: red and orange risks, largest gap first."""

    red: list[Row]
    orange: list[Row]
    scored: int  # risks with a gap (a number, not suppressed or without data)
    total: int  # risks in the register
    suppressed: int = 0  # risks whose score is hidden: too few people to show it


def finding(scores: Iterable[Row], total: int) -> Finding:
    """The finding from one unit's score rows (one per risk); ``total``: risks in the
    register (rows without a gap count as not scored)."""
    scores = list(scores)
    rows = ranked(scores)
    return Finding(
        red=_by_gap(r for r in rows if r["level"] == "rood"),
        orange=_by_gap(r for r in rows if r["level"] == "oranje"),
        scored=len(rows),
        total=total,
        suppressed=sum(1 for r in scores if _true(r.get("suppressed"))),
    )


@dataclass(frozen=True)
class Movements:
    """What moved at the organisation level since the previous quarter."""

    previous: str | None
    has_previous: bool  # False: no previous quarter with scores; nothing can have moved
    up: list[Row] = field(default_factory=list)
    down: list[Row] = field(default_factory=list)
    new_red: list[Row] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {"up": len(self.up), "down": len(self.down), "new_red": len(self.new_red)}


def movements(changes: Iterable[Row]) -> Movements:
    """Gestegen, gedaald and nieuw rood from report_risk_changes rows (any units: only the
    organisation's rows count). No previous observed likelihood anywhere: no previous
    quarter to compare with."""
    rows = organisation_rows(changes)
    previous = next((r.get("previous_period") for r in rows if r.get("previous_period")), None)
    has_previous = any(not formats.is_missing(r.get("previous_observed_likelihood")) for r in rows)
    if not has_previous:
        return Movements(previous=previous, has_previous=False)
    return Movements(
        previous=previous,
        has_previous=True,
        up=[r for r in rows if r.get("direction") == "omhoog"],
        down=[r for r in rows if r.get("direction") == "omlaag"],
        # == True, not `is True`: rows read through pandas may hold numpy booleans; NA and
        # None are not new red
        new_red=[r for r in rows if _true(r.get("is_new_red"))],
    )


def _true(value: Any) -> bool:
    return not formats.is_missing(value) and bool(value == True)  # noqa: E712


# ---------------------------------------------------------------- the sentences


def _name(row: Row, lang: str) -> str:
    return str(row.get(f"risk_name_{lang}") or row.get("name") or row["risk_id"])


def listing(items: list[str], lang: str) -> str:
    """``a, b en c`` (nl), ``a, b and c`` (en)."""
    if len(items) < 2:
        return "".join(items)
    return t("hl_join", lang).join(items[:-1]) + t("hl_join_last", lang) + items[-1]


def _form(n: int) -> str:
    return "none" if n == 0 else "one" if n == 1 else "many"


def _counted(key: str, n: int, lang: str, **values: Any) -> str:
    return t(_form(n), lang, group=key).format(n=formats.whole(n, lang), **values)


def risk_item(row: Row, lang: str) -> str:
    """One risk in a sentence: ``Belangenverstrengeling (RF1)``."""
    return t("hl_risk_item", lang).format(name=_name(row, lang), risk_id=row["risk_id"])


def gap_item(row: Row, lang: str) -> str:
    """One risk in a sentence: ``Belangenverstrengeling (RF1, kloof +7,5)``."""
    return t("hl_gap_item", lang).format(
        name=_name(row, lang),
        risk_id=row["risk_id"],
        gap=formats.number(row["assurance_gap"], lang, signed=True),
    )


def finding_sentence(f: Finding, lang: str) -> str:
    """'Bij 4 van de 19 risico's zegt de data dat het slechter gaat dan het register
    verwacht: ... Let op: ...' (the red ones named with their gap, then the orange)."""
    if f.scored == 0:
        # hidden is not healthy: say the scores are there but not shown, never all-clear
        return t("hl_all_suppressed" if f.suppressed else "hl_no_scores", lang)
    text = _counted(
        "hl_finding",
        len(f.red),
        lang,
        total=formats.whole(f.total, lang),
        items=listing([gap_item(r, lang) for r in f.red], lang),
    )
    if f.orange:
        text += " " + _counted(
            "hl_attention",
            len(f.orange),
            lang,
            items=listing([gap_item(r, lang) for r in f.orange], lang),
        )
    if f.scored < f.total:
        text += " " + _counted("hl_unscored", f.total - f.scored, lang)
    return text


def moved_sentence(m: Movements, total: int, lang: str) -> str:
    """'Sinds 2026-Q2 is de waargenomen kans bij 2 risico's gestegen ...' (organisation)."""
    if not m.has_previous:
        return t("hl_no_previous", lang).format(previous=m.previous or "–")
    names = listing([risk_item(r, lang) for r in m.new_red], lang)
    return (
        t("hl_moved", lang).format(
            previous=m.previous,
            up=formats.whole(len(m.up), lang),
            down=formats.whole(len(m.down), lang),
            total=formats.whole(total, lang),
        )
        + " "
        + _counted("hl_new_red", len(m.new_red), lang, items=names)
    )


def ask_sentence(f: Finding, overdue: int, lang: str) -> str:
    """What the board may ask: why the measures of the largest red gaps do not work as the
    register expects, and when the overdue measures will be tested."""
    top = listing([risk_item(r, lang) for r in f.red[:3]], lang)
    key = "hl_ask_red" if f.red else "hl_ask_none"
    text = t(key, lang).format(risks=top)
    if overdue:
        text += " " + _counted("hl_ask_overdue", overdue, lang)
    return text


def board_sentences(f: Finding, m: Movements, overdue: int, lang: str) -> list[str]:
    """The RvC page's and PDF's three sentences: what is red, what changed, what to ask."""
    return [
        finding_sentence(f, lang),
        moved_sentence(m, f.total, lang),
        ask_sentence(f, overdue, lang),
    ]


def snapshot_sentences(snap: Mapping[str, Any], lang: str) -> list[str]:
    """The three sentences of a frozen snapshot, from its rows (any snapshot, also one
    taken before this module existed): its organisation's scores, its changes and its
    overdue measures."""
    scores = organisation_rows(snap["risk_scores"])
    return board_sentences(
        finding(scores, total=len(snap["risks"])),
        movements(snap["changes"]),
        len(snap["overdue_controls"]),
        lang,
    )
