"""What the meldingen register checks: the route against the policy (a flag with the rule
quoted, never a refusal), free text that looks like a name, e-mail address or phone
number (a warning: the reporter's identity is never stored), and the refusals (unknown
codes, dates out of order or in the future, closing without feedback).

Every text is a code in pipelines/core/locales/meldingen.yaml, Dutch first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipelines.core import texts
from pipelines.core.texts import DEFAULT_LANGUAGE
from pipelines.meldingen.catalogue import MeldingenCatalogue

FREE_TEXT_FIELDS = ("note", "measures")
# org_unit: the code of the department where the matter arose (never a person), a plain
# code (letters, digits, - _ .; no spaces, so no sentence or name fits); the build checks
# it against org_units and uses it only for the reporting rate per unit.
ORG_UNIT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
DATE_FIELDS = (
    "received_on",
    "acknowledged_on",
    "feedback_on",
    "closed_on",
    "rvc_informed_on",
    "aw_informed_on",
)


@cache
def messages() -> dict[str, Any]:
    return texts.messages("meldingen")


def message(code: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """A meldingen message in ``lang`` (Dutch unless asked), its {placeholders} filled."""
    entry = messages()[code]
    return (entry.get(lang) or entry[DEFAULT_LANGUAGE]).format(**params)


Problem = tuple[str, dict[str, Any]]


class MeldingError(ValueError):
    """A change the register refuses: per field a message code and its values.
    ``errors`` has the Dutch texts; ``messages(lang)`` the user's language."""

    def __init__(self, problems: Mapping[str, Problem]) -> None:
        self.problems = dict(problems)
        self.errors = self.messages("nl")
        super().__init__("; ".join(f"{f}: {m}" for f, m in self.errors.items()))

    def messages(self, lang: str) -> dict[str, str]:
        return {f: message(code, lang, **_named(p, lang)) for f, (code, p) in self.problems.items()}


def _named(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Parameters naming a field ("field_feedback_on") or a kind ("kind_phone") as its
    text; a label ({"nl": ..., "en": ...}) in ``lang``."""
    named = {}
    for k, v in params.items():
        if isinstance(v, str) and v.startswith(("field_", "kind_")):
            v = message(v, lang)
        elif isinstance(v, Mapping):
            v = v.get(lang) or v[DEFAULT_LANGUAGE]
        named[k] = v
    return named


# --------------------------------------------------------------------------- the route


@dataclass(frozen=True)
class RouteFlag:
    """A registration whose route differs from the policy's rule for its position."""

    about_role: str
    route: str
    expected: tuple[str, ...]
    quote: str
    source: str

    def message(self, catalogue: MeldingenCatalogue, lang: str = DEFAULT_LANGUAGE) -> str:
        about = _in_sentence(_label(catalogue.about_roles, self.about_role, lang))
        route = _in_sentence(_label(catalogue.routes, self.route, lang))
        return message(
            "route_flag", lang, about=about, route=route, quote=self.quote, source=self.source
        )


def _in_sentence(label: str) -> str:
    """A label inside a sentence: only its first letter lowered, and only when the first
    word is an ordinary capitalised word ("Raad van commissarissen (RvC)" -> "raad van
    commissarissen (RvC)"); every other capital stays ("RvC", "Huis voor Klokkenluiders")."""
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return label[0].lower() + label[1:]
    return label


def _label(entries: Any, code: str, lang: str) -> str:
    entry = next((e for e in entries if e.code == code), None)
    return getattr(entry.label, lang) if entry else code


def check_route(
    route: str | None, about_role: str | None, catalogue: MeldingenCatalogue
) -> RouteFlag | None:
    """The flag when ``route`` contradicts the policy's rule for ``about_role``; None when
    it agrees, when the route is always valid (vertrouwenspersoon, external) or when
    either is not known."""
    if not route or not about_role:
        return None
    if route in {r.code for r in catalogue.routes if r.always_valid}:
        return None
    rule = catalogue.rule_for(about_role)
    if rule is None or route in rule.routes:
        return None
    return RouteFlag(about_role, route, tuple(rule.routes), rule.quote, rule.source)


# --------------------------------------------------------------------------- free text

# E-mail addresses, also written to dodge a filter: jan[at]woonpunt.nl, jan (at)
# woonpunt.nl, jan{at}woonpunt[dot]nl.
_AT = r"(?:\s*@\s*|\s*[\[({]\s*(?i:at|apenstaartje)\s*[\])}]\s*)"
_DOT = r"(?:\.|\s*[\[({]\s*(?i:dot|punt)\s*[\])}]\s*)"
EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+")
# Phone numbers: a run of digit groups separated by spaces, dashes or slashes (with
# spaces around them: "06 - 12 34 56 78"), counted by their digits. Dutch: ten digits
# from the 0 (06-12345678, 020 123 45 67, 0570-123456); +31 or 0031 with nine (or with
# the 0, ten) after the country code, "+31 (0)20 ..." too; any other country: + or 00
# and 8 to 15 digits (+32 470 12 34 56). A date (01-03-2025) does not begin a number.
_SEP = r"(?:[ \t]*[-/][ \t]*|[ \t]+)"
PHONE_NATIONAL = re.compile(rf"(?<![\w+/-])0\d+(?:{_SEP}\d+)*")
PHONE_INTERNATIONAL = re.compile(rf"(?<![\w+/-])(?:\+|00)\d+(?:{_SEP}?\(0\)[ \t]*\d+|{_SEP}\d+)*")
_DATE_START = re.compile(r"\d{1,2}([-/])\d{1,2}\1(?:\d{4}(?!\d)|\d{2}(?![-/]?\d))")
TUSSENVOEGSELS = (
    "van der",
    "van den",
    "van de",
    "van 't",
    "in 't",
    "in de",
    "op de",
    "op den",
    "uit de",
    "van",
    "de",
    "den",
    "der",
    "het",
    "ten",
    "ter",
    "te",
    "'t",
    "la",
    "le",
    "du",
    "op",
)
_TV = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in TUSSENVOEGSELS)
_CAP = r"[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"
TITLES = r"(?i:meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|de\s+heer|collega|mr\.?|dr\.?|ir\.?|ing\.?)"
NAME_PATTERNS = (
    # Jan de Vries, Jan Jansen, Anne-Marie van der Berg
    re.compile(rf"\b(?P<first>{_CAP})\s+(?:(?:{_TV})\s+)?(?P<last>{_CAP})\b"),
    # J. de Vries, J.P. Jansen
    re.compile(rf"(?<!\w){_INITIALS}\s*(?:(?:{_TV})\s+)?{_CAP}\b"),
    # mevrouw De Vries, dhr. Bakker, de heer van Dijk
    re.compile(rf"\b{TITLES}\s+(?:(?i:{_TV})\s+)?{_CAP}\b"),
    # De Vries, Van der Berg (a surname beginning a sentence)
    re.compile(rf"\b(?:De|Den|Der|Ter|Ten|Van(?:\s+(?:der|den|de))?)\s+{_CAP}\b"),
)
# Capitalised words that are not names: organisations, bodies, laws and the words that
# begin a Dutch sentence most often. Two of these together are not flagged.
NOT_NAMES = frozenset(
    """
    raad commissarissen rvc dt woonpunt meldpunt integriteit woningcorporaties autoriteit
    huis klokkenluiders wet bescherming wbk algemene termijnenwet ministerie inspectie
    bzk infrastructuur rijkswaterstaat aedes governancecode integriteitsbeleid
    vertrouwenspersoon bestuurder leidinggevende medewerker directieteam ondernemingsraad
    or hr inkoop verhuur financiën control audit interne
    de het een na op in bij met voor door over naar van uit aan tot om als dat die dit deze
    er ook nog wel niet geen wij we ik zij ze hij u mijn ons onze zijn haar hun
    melding meldingen onderzoek gesprek maatregel maatregelen uitkomst terugkoppeling
    team teams managementteam afdeling onderhoud vastgoed wonen klantcontact projecten
    noord oost zuid west midden centrum regio wijk
    bosch haag helder dolder apel boer hoorn
    eerste tweede goede kerst kerstdag pasen paasdag pinksteren pinksterdag hemelvaart
    hemelvaartsdag koningsdag nieuwjaarsdag bevrijdingsdag oudejaarsdag
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    """.split()
)


@dataclass(frozen=True)
class TextWarning:
    """Free text that looks like it identifies someone: ``kind`` email, phone or name."""

    field: str
    kind: str
    sample: str

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return message(f"warn_{self.kind}", lang, sample=self.sample)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _phone_prefix(run: str, international: bool) -> str | None:
    """The part of a run of digit groups that is a phone number, None if no part is."""
    if _DATE_START.match(run):
        return None
    groups = list(re.finditer(r"\(0\)|\d+", run))
    count, best = 0, None
    body = run[2:] if run.startswith("00") else run.lstrip("+")
    dutch = body.startswith("31")
    low, high = ((11, 12) if dutch else (8, 15)) if international else (10, 10)
    for g in groups:
        if g.group(0) == "(0)":
            continue
        count += len(g.group(0)) - (2 if g.start() == 0 and run.startswith("00") else 0)
        if count > high:
            break
        if count >= low:
            best = run[: g.end()]
    return best


def _phones(text: str) -> list[str]:
    found = []
    for m in PHONE_INTERNATIONAL.finditer(text):
        if hit := _phone_prefix(m.group(0), international=True):
            found.append(hit.strip())
    rest = PHONE_INTERNATIONAL.sub(" ", text)
    for m in PHONE_NATIONAL.finditer(rest):
        if hit := _phone_prefix(m.group(0), international=False):
            found.append(hit.strip())
    return found


# Compounds that name a group, a day or a body, never a person: Managementteam,
# Kerstdag, Ondernemingsraad, Directieoverleg.
NOT_NAME_ENDINGS = ("team", "dag", "raad", "overleg", "commissie", "afdeling")


def _not_a_name(word: str) -> bool:
    word = word.lower()
    return word in NOT_NAMES or word.endswith(NOT_NAME_ENDINGS)


def _looks_like_name(match: re.Match[str]) -> bool:
    words = re.findall(r"[^\W\d_]+", match.group(0))
    if "first" in match.re.groupindex:
        return not (_not_a_name(match.group("first")) or _not_a_name(match.group("last")))
    return not _not_a_name(words[-1])


def text_warnings(text: str | None, field: str = "note") -> list[TextWarning]:
    """Every e-mail address, phone number or name-like phrase in ``text`` (in this order)."""
    text = text or ""
    found = [TextWarning(field, "email", m.group(0)) for m in EMAIL.finditer(text)]
    without_mail = EMAIL.sub(" ", text)
    found += [TextWarning(field, "phone", p) for p in _phones(without_mail)]
    names = []
    for pattern in NAME_PATTERNS:
        for m in pattern.finditer(without_mail):
            if _looks_like_name(m) and not any(m.group(0) in n for n in names):
                names.append(m.group(0))
    found += [TextWarning(field, "name", n) for n in names]
    return found


def org_unit_personal(value: str) -> dict[str, str] | None:
    """{"kind": "kind_email" | "kind_phone" | "kind_name" | "kind_digits"} when an org
    unit "code" looks like a person's e-mail address, phone number or name (also written
    with dots or underscores: Piet.Jansen), or is a bare number; None for a plausible code."""
    spaced = re.sub(r"[._]+", " ", value)
    for text in (value, spaced):
        for warning in text_warnings(text, "org_unit"):
            return {"kind": f"kind_{warning.kind}"}
    if _digits(value) == value.strip() and value.strip():
        return {"kind": "kind_digits"}
    return None


def free_text_warnings(values: Mapping[str, Any]) -> list[TextWarning]:
    """The warnings for every free-text field among ``values``."""
    return [w for f in FREE_TEXT_FIELDS for w in text_warnings(values.get(f), f)]


# --------------------------------------------------------------------------- refusals


def _allowed(codes: Collection[str]) -> str:
    return ", ".join(sorted(codes))


def check(
    values: Mapping[str, Any],
    catalogue: MeldingenCatalogue,
    *,
    risk_ids: Collection[str],
    today: dt.date,
) -> None:
    """Refuse (MeldingError, every problem at once) a report that cannot be stored:
    unknown codes or risks, dates missing, in the future or out of order, free text too
    long, closing without feedback or outcome. The route is never refused (check_route)."""
    errors: dict[str, Problem] = {}

    def one_of(name: str, codes: Collection[str], required: bool = False) -> None:
        value = values.get(name)
        if value is None:
            if required:
                errors[name] = ("required", {})
        elif value not in codes:
            errors[name] = ("unknown_code", {"value": repr(value), "allowed": _allowed(codes)})

    one_of("route", [r.code for r in catalogue.routes], required=True)
    one_of("about_role", [a.code for a in catalogue.about_roles])
    one_of("status", [s.code for s in catalogue.statuses], required=True)
    one_of("outcome", [o.code for o in catalogue.outcomes])
    org_unit = values.get("org_unit")
    if org_unit is not None:
        personal = org_unit_personal(org_unit) if isinstance(org_unit, str) else None
        if personal:
            errors["org_unit"] = ("org_unit_looks_personal", {"value": repr(org_unit)} | personal)
        elif not (isinstance(org_unit, str) and ORG_UNIT.fullmatch(org_unit)):
            errors["org_unit"] = ("not_an_org_unit", {"value": repr(org_unit)})
    unknown = [r for r in values.get("risk_ids") or () if r not in risk_ids]
    if unknown:
        errors["risk_ids"] = ("unknown_risk", {"value": ", ".join(map(repr, unknown))})
    for name in FREE_TEXT_FIELDS:
        length = len(values.get(name) or "")
        if length > catalogue.max_text:
            errors[name] = ("text_too_long", {"max": catalogue.max_text, "length": length})

    dates: dict[str, dt.date] = {}
    for name in DATE_FIELDS:
        value = values.get(name)
        if value is None:
            if name == "received_on":
                errors[name] = ("required", {})
        elif not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            errors[name] = ("not_a_date", {"value": repr(value)})
        elif value > today:
            errors[name] = ("in_future", {"date": value})
        else:
            dates[name] = value
    received = dates.get("received_on")
    if received:
        for name, day in dates.items():
            if day < received:
                errors[name] = ("before_received", {"date": day, "received": received})
    order = (("feedback_on", "acknowledged_on"), ("closed_on", "feedback_on"))
    for later, earlier in order:
        if later in dates and earlier in dates and dates[later] < dates[earlier]:
            params = {
                "date": dates[later],
                "other": f"field_{earlier}",
                "other_date": dates[earlier],
            }
            errors.setdefault(later, ("before_other", params))

    status = values.get("status")
    for name in catalogue.status_requires(status) if "status" not in errors else ():
        if values.get(name) is None:
            label = next(x.label for x in catalogue.statuses if x.code == status)
            params = {"status": label.model_dump(), "field": f"field_{name}"}
            errors.setdefault(name, ("status_needs_date", params))
    closing = values.get("status") in catalogue.closed_statuses
    if closing or values.get("closed_on") is not None:
        if values.get("feedback_on") is None:
            errors.setdefault("feedback_on", ("close_needs_feedback", {}))
        if values.get("outcome") is None:
            errors.setdefault("outcome", ("close_needs_outcome", {}))
        if closing and values.get("closed_on") is None:
            errors.setdefault("closed_on", ("close_needs_date", {}))
        if not closing and "status" not in errors:
            errors["status"] = ("closed_needs_status", {})
    if errors:
        raise MeldingError(errors)
