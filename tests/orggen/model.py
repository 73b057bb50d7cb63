"""Teams and people, and the small date, number and probability helpers the datasets share."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field


@dataclass
class Team:
    id: str
    name: str
    parent: str
    level: str
    kind: str
    size: int
    rates: dict[str, float] = field(default_factory=dict)
    survey_p: dict[str, float] = field(default_factory=dict)  # construct -> p unfavourable
    signals: dict[str, tuple[int, float]] = field(default_factory=dict)  # kind -> (m0, value)


@dataclass
class Person:
    key: str
    unit: str
    title: str
    is_manager: bool
    fte: float
    hired: dt.date
    role_start: dt.date
    respondent: str
    person_effect: float
    consult_rate: float = 0.0
    blocks: dict[int, tuple[int, int]] = field(default_factory=dict)  # year -> (month, days)
    short: dict[int, tuple[int, int]] = field(default_factory=dict)
    garnished: bool = False
    exit_date: dt.date | None = None
    exit_reason: str = ""


def _month_add(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def _quarter(d: dt.date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def default_end_month(today: dt.date | None = None) -> dt.date:
    """The last month of the last complete quarter before today."""
    today = today or dt.date.today()
    q_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return _month_add(q_start, -1)


def _nl(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def _nl_date(d: dt.date | None) -> str:
    return "" if d is None else d.strftime("%d-%m-%Y")


def _iso(d: dt.date | None) -> str:
    return "" if d is None else d.isoformat()


def _ja(b: bool) -> str:
    return "ja" if b else "nee"


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))
