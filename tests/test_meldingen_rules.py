"""The meldingen checks: the policy's routes (flagged with the rule quoted, never
refused), free text that looks like a name, e-mail or phone number, the refusals, and
risks/meldingen.yaml refused with its line and field when broken."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR, CatalogueError
from pipelines.core.texts import locale_files
from pipelines.meldingen.catalogue import default_catalogue, load_meldingen_catalogue
from pipelines.meldingen.rules import MeldingError, check, check_route, messages, text_warnings

CAT = default_catalogue()
D = dt.date
POLICY = Path(__file__).resolve().parents[2] / "shared" / "seed" / "integriteitsbeleid-woonpunt.txt"


# --------------------------------------------------------------------------- routes

RULES = [
    ("medewerker", ["leidinggevende", "hogere_leidinggevende", "bestuurder"], "rvc"),
    ("leidinggevende", ["bestuurder"], "leidinggevende"),
    ("bestuurder", ["rvc", "rvc_voorzitter"], "bestuurder"),
    ("rvc_lid", ["rvc_voorzitter"], "rvc"),
    ("rvc_voorzitter", ["bestuurder"], "rvc_voorzitter"),
]


@pytest.mark.parametrize(("about", "good", "wrong"), RULES)
def test_each_rule_accepts_its_routes_and_flags_another(
    about: str, good: list[str], wrong: str
) -> None:
    for route in good:
        assert check_route(route, about, CAT) is None, (about, route)
    flag = check_route(wrong, about, CAT)
    assert flag is not None and flag.expected == tuple(good)
    assert flag.quote in flag.message(CAT, "nl") and "Bespreekbaar maken" in flag.source
    assert "registered" in flag.message(CAT, "en")


@pytest.mark.parametrize("about", [a.code for a in CAT.about_roles])
@pytest.mark.parametrize(
    "route",
    [
        "vertrouwenspersoon",
        "extern_meldpunt_integriteit_woningcorporaties",
        "extern_huis_voor_klokkenluiders",
    ],
)
def test_the_vertrouwenspersoon_and_the_external_routes_are_always_valid(
    route: str, about: str
) -> None:
    assert check_route(route, about, CAT) is None


def test_every_position_has_a_rule_and_every_quote_is_in_the_policy() -> None:
    assert {r.about_role for r in CAT.route_rules} == {a.code for a in CAT.about_roles}
    if not POLICY.exists():
        pytest.skip("the customer's policy is not beside the repository")
    policy = " ".join(POLICY.read_text(encoding="utf-8").split())
    for rule in CAT.route_rules:
        assert rule.quote in policy, rule.quote


def test_no_flag_when_whom_it_concerns_is_not_known() -> None:
    assert check_route("rvc", None, CAT) is None


def test_single_person_positions() -> None:
    assert CAT.single_person_roles == {"bestuurder", "rvc_voorzitter"}


# --------------------------------------------------------------------------- free text

IDENTIFYING = [
    ("Gesprek gehad met Jan de Vries over de kwestie.", "name", "Jan de Vries"),
    ("Melder is Anne-Marie van der Berg van team Noord.", "name", "Anne-Marie van der Berg"),
    ("Volgens J.P. Jansen klopt het niet.", "name", "J.P. Jansen"),
    ("mevrouw Bakker heeft gebeld", "name", "mevrouw Bakker"),
    ("Besproken met dhr. van Dijk.", "name", "dhr. van Dijk"),
    ("De Vries weet ervan.", "name", "De Vries"),
    ("Terugbellen op 06-12345678 na vijven.", "phone", "06-12345678"),
    ("Telefoon 06 1234 5678.", "phone", "06 1234 5678"),
    ("Bereikbaar via +31 6 12345678.", "phone", "+31 6 12345678"),
    ("Bereikbaar via +31 (0)20 123 4567.", "phone", "+31 (0)20 123 4567"),
    ("Kantoor 020-1234567 of 0570-123456.", "phone", "020-1234567"),
    ("Mail naar melder.x@gmail.com graag.", "email", "melder.x@gmail.com"),
    # Written to get past a filter, or with spaces and dashes between the groups.
    ("Mail jan[at]woonpunt.nl maar.", "email", "jan[at]woonpunt.nl"),
    ("Mail jan (at) woonpunt.nl maar.", "email", "jan (at) woonpunt.nl"),
    ("Mail jan{at}woonpunt[dot]nl maar.", "email", "jan{at}woonpunt[dot]nl"),
    ("Tel. 06 - 12 34 56 78 na vijven.", "phone", "06 - 12 34 56 78"),
    ("Tel. 06-12-34-56-78.", "phone", "06-12-34-56-78"),
    ("Tel. 06 1234 5678 en 3 keer gebeld.", "phone", "06 1234 5678"),
    ("Belgisch nummer +32 470 12 34 56 gegeven.", "phone", "+32 470 12 34 56"),
    ("Via 0032 470 12 34 56 bereikbaar.", "phone", "0032 470 12 34 56"),
    ("Duits nummer +49 30 1234567.", "phone", "+49 30 1234567"),
    ("Deens nummer +45 32 12 34 56.", "phone", "+45 32 12 34 56"),
]


@pytest.mark.parametrize(("text", "kind", "sample"), IDENTIFYING)
def test_identifying_text_is_warned_about(text: str, kind: str, sample: str) -> None:
    found = text_warnings(text)
    assert (kind, sample) in [(w.kind, w.sample) for w in found], found
    assert all(w.message("nl") and w.message("en") for w in found)


ORDINARY = [
    "De melding is via de vertrouwenspersoon binnengekomen en doorgestuurd naar de bestuurder.",
    "Op 12 januari 2025 is de RvC geïnformeerd; de Autoriteit woningcorporaties volgt.",
    "Melding over mogelijke belangenverstrengeling bij Inkoop, bedrag EUR 12.500.",
    "Zaaknummer 2025-0012345; stukken ontvangen op 01-02-2025 en 14-03-2025.",
    "Het Meldpunt Integriteit Woningcorporaties en het Huis voor Klokkenluiders zijn genoemd.",
    "De Raad van Commissarissen is op de hoogte gebracht door de bestuurder.",
    "Na overleg met HR en de OR is besloten de leidinggevende te horen.",
    "Maatregel: tweede handtekening op facturen boven 10.000 euro, per 1 april.",
    "Een medewerker van de afdeling Verhuur meldt een gift van een aannemer.",
    "De collega heeft de kwestie eerst zelf besproken, zoals het beleid vraagt.",
    # Capitalised Dutch words after a capital that are places, days or teams, not names.
    "Op Tweede Kerstdag is de melding via de mail binnengekomen.",
    "Het gesprek vond plaats in Den Bosch, daarna in Den Haag.",
    "Team Onderhoud Oost heeft de offertes opgevraagd.",
    "Besproken in het Managementteam Vastgoed van maart.",
    "Het Directieoverleg Wonen nam het over na Goede Vrijdag.",
    "Het Verhuurteam Stadshart besprak het op Sinterklaasdag Zwolle-Zuid.",
    # Numbers that are no phone number: a date followed by a count, a short number.
    "Op 01-03-2025 12 facturen gecontroleerd; +5 procent.",
    "Op 01-03-25 12 facturen gecontroleerd.",
    "Dossier 0012 van 2024.",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_dutch_is_not_warned_about(text: str) -> None:
    assert text_warnings(text) == []


# --------------------------------------------------------------------------- refusals

RISKS = {"RF1", "G1"}


def _values(**kw: object) -> dict:
    base = dict.fromkeys(
        [
            "acknowledged_on",
            "feedback_on",
            "closed_on",
            "outcome",
            "about_role",
            "measures",
            "note",
            "rvc_informed_on",
            "aw_informed_on",
        ]
    )
    return (
        base
        | {
            "received_on": D(2025, 3, 3),
            "route": "bestuurder",
            "status": "ontvangen",
            "risk_ids": ["RF1"],
        }
        | kw
    )


def _refused(**kw: object) -> MeldingError:
    with pytest.raises(MeldingError) as info:
        check(_values(**kw), CAT, risk_ids=RISKS, today=D(2025, 12, 1))
    return info.value


@pytest.mark.parametrize(
    ("status", "field"), [("bevestigd", "acknowledged_on"), ("teruggekoppeld", "feedback_on")]
)
def test_a_status_needs_its_date(status: str, field: str) -> None:
    exc = _refused(status=status)
    assert set(exc.problems) == {field}
    label = next(s.label for s in CAT.statuses if s.code == status)
    assert label.nl in exc.errors[field] and label.en in exc.messages("en")[field]
    assert {"bevestigd": "ontvangstbevestiging", "teruggekoppeld": "terugkoppeling"}[
        status
    ] in exc.errors[field]
    dates = {"acknowledged_on": D(2025, 3, 5), "feedback_on": D(2025, 4, 1)}
    # With the date it passes (feedback without an acknowledgement is allowed).
    values = _values(status=status, **{field: dates[field]})
    check(values, CAT, risk_ids=RISKS, today=D(2025, 12, 1))


def test_which_status_needs_which_date_is_data() -> None:
    assert CAT.status_requires("bevestigd") == ["acknowledged_on"]
    assert CAT.status_requires("teruggekoppeld") == ["feedback_on"]
    assert CAT.status_requires("ontvangen") == [] and CAT.status_requires("nope") == []


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("Piet.Jansen", "naam"),
        ("Jan de Vries", "naam"),
        ("piet.jansen@woonpunt.nl", "e-mailadres"),
        ("06-12345678", "telefoonnummer"),
        ("0612345678", "nummer"),
        ("12345", "nummer"),
    ],
)
def test_an_org_unit_that_looks_like_a_person_is_refused(value: str, kind: str) -> None:
    exc = _refused(org_unit=value)
    assert set(exc.problems) == {"org_unit"}
    assert kind in exc.errors["org_unit"] and repr(value) in exc.errors["org_unit"]
    assert "looks like" in exc.messages("en")["org_unit"]


@pytest.mark.parametrize("code", ["AFD-VERHUUR", "KLT-KCC", "D1", "T12", "AFD_2", "wonen.oost"])
def test_an_org_unit_code_passes(code: str) -> None:
    check(_values(org_unit=code), CAT, risk_ids=RISKS, today=D(2025, 12, 1))


def test_the_route_flag_keeps_the_labels_capitals() -> None:
    flag = check_route("rvc", "medewerker", CAT)
    assert flag is not None
    nl, en = flag.message(CAT, "nl"), flag.message(CAT, "en")
    assert "via raad van commissarissen (RvC)" in nl and "(rvc)" not in nl
    assert "through supervisory board (RvC)" in en
    flag = check_route("bestuurder", "rvc_lid", CAT)
    assert "over lid van de RvC" in flag.message(CAT, "nl")


def test_a_plain_report_passes() -> None:
    check(_values(), CAT, risk_ids=RISKS, today=D(2025, 12, 1))


def test_closing_without_feedback_is_refused_in_dutch_and_english() -> None:
    exc = _refused(status="afgesloten", closed_on=D(2025, 5, 1), outcome="ongegrond")
    assert set(exc.problems) == {"feedback_on"}
    assert "terugkoppeling" in exc.errors["feedback_on"]
    assert "feedback" in exc.messages("en")["feedback_on"]
    exc = _refused(closed_on=D(2025, 5, 1), outcome="ongegrond")  # a date without the status
    assert {"feedback_on", "status"} <= set(exc.problems)


def test_closing_with_feedback_and_outcome_passes() -> None:
    check(
        _values(
            status="afgesloten",
            acknowledged_on=D(2025, 3, 4),
            feedback_on=D(2025, 5, 1),
            closed_on=D(2025, 5, 2),
            outcome="gegrond",
        ),
        CAT,
        risk_ids=RISKS,
        today=D(2025, 12, 1),
    )


def test_closing_needs_an_outcome_and_a_date() -> None:
    exc = _refused(status="afgesloten", feedback_on=D(2025, 5, 1))
    assert set(exc.problems) == {"outcome", "closed_on"}


def test_dates_in_order() -> None:
    assert set(_refused(acknowledged_on=D(2025, 3, 1)).problems) == {"acknowledged_on"}
    exc = _refused(acknowledged_on=D(2025, 3, 10), feedback_on=D(2025, 3, 5))
    assert set(exc.problems) == {"feedback_on"}
    assert "ontvangstbevestiging" in exc.errors["feedback_on"]
    assert "acknowledgement" in exc.messages("en")["feedback_on"]
    assert set(_refused(received_on=D(2026, 1, 1)).problems) == {"received_on"}
    assert set(_refused(rvc_informed_on=D(2025, 1, 1)).problems) == {"rvc_informed_on"}
    assert set(_refused(received_on=None).problems) == {"received_on"}
    assert set(_refused(received_on="2025-03-03").problems) == {"received_on"}


def test_unknown_codes_are_refused() -> None:
    exc = _refused(route="buurman", about_role="directeur", status="x", outcome="y")
    assert set(exc.problems) == {"route", "about_role", "status", "outcome"}
    assert "vertrouwenspersoon" in exc.errors["route"]
    assert set(_refused(risk_ids=["RF9"]).problems) == {"risk_ids"}
    assert set(_refused(note="x" * (CAT.max_text + 1)).problems) == {"note"}


def test_every_message_in_dutch_and_english() -> None:
    assert locale_files()["meldingen.yaml"] == messages()
    for code, entry in messages().items():
        assert set(entry) == {"nl", "en"}, code


# --------------------------------------------------------------------------- the file


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, folder)
    path = folder / "meldingen.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_broken_field_is_named_with_file_and_line(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "acknowledge_days: 7", "acknowledge_days: zeven")
    with pytest.raises(CatalogueError) as info:
        load_meldingen_catalogue(folder)
    text = str(info.value)
    assert "meldingen.yaml:" in text and "acknowledge_days" in text
    line = int(text.split("meldingen.yaml:")[1].split(",")[0].split(":")[0])
    assert "acknowledge_days" in (folder / "meldingen.yaml").read_text().splitlines()[line - 1]


def test_a_rule_naming_an_unknown_route_is_refused(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "routes: [rvc_voorzitter]", "routes: [voorzitter]")
    with pytest.raises(
        CatalogueError, match=r"meldingen.yaml:\d+, item rvc_lid, veld routes"
    ) as info:
        load_meldingen_catalogue(folder)
    assert "'voorzitter' is geen van de routes" in str(info.value)
    assert re.search(  # English with radar --lang en
        r"meldingen.yaml:\d+, entry rvc_lid, field routes: 'voorzitter' is not one of routes",
        info.value.text("en"),
    )


def test_a_holiday_needs_a_date_or_an_easter_offset(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "    easter_offset: 39\n", "")
    with pytest.raises(CatalogueError, match="hemelvaartsdag"):
        load_meldingen_catalogue(folder)
