"""The catalogue in risks/ holds together: every risk controlled, measured and sourced."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pipelines.core.catalogue import Catalogue, CatalogueError, load_catalogue

from .conftest import SHARED

RISK_IDS = [f"RF{i}" for i in range(1, 8)] + [f"{f}{i}" for f in "GDR" for i in range(1, 5)]

# Every control measure the policy names, per risk, in the policy's own words
# (seed/integriteitsbeleid-woonpunt.txt, chapter "Risico's en beheersmaatregelen").
POLICY_MEASURES = {
    "RF1": [
        "Formele besluitvorming ligt bij bestuurder",
        "Procuratieregeling",
        "Beslissingen nemen we op basis van feiten",
    ],
    "RF2": [
        "werken we actief aan verbinding in de organisatie",
        "Oprechte aandacht van leidinggevenden en collega’s naar elkaar",
        "Bespreekbaar maken van signalen",
        "360-graden feedback",
        "Meldpunt vertrouwenspersoon",
        "Beleid rondom Flexibel werken",
        "Rouleren en kunnen overnemen van werkzaamheden",
        "Transparantie in eigen werkzaamheden en afspraken",
    ],
    "RF3": [
        "Continue bewustwording over gewenste cultuur",
        "Voorbeeldgedrag, o.a. door casuïstiek",
        "Doorpakken bij signalen",
    ],
    "RF4": [
        "Soft skills zwaar laten wegen in aannamebeleid",
        "Ontwikkeling van dienend leiderschap",
        "Coachen op kernwaarden",
        "Aanspreekcultuur bevorderen",
        "ontwikkelpunt meenemen in de HR-cyclus",
    ],
    "RF5": [
        "Samenhang tussen koers en beleid",
        "Rouleren van werkzaamheden",
        "Controles (preventief en repressief) en audits",
    ],
    "RF6": [
        "werken vanuit de bedoeling",
        "niet alleen gebaseerd op sec harde resultaten",
    ],
    "RF7": [
        "Oprechte aandacht van de leidinggevende en collega’s",
        "bedrijfsarts, maatschappelijk werker",
    ],
    "G1": [
        "Verhuur via Thuis in Limburg",
        "Transparante urgentieregels",
        "Beleid voor verhuur aan eigen medewerkers en aanverwanten",
        "maatwerk",
        "Audit op proces",
    ],
    "G2": ["Helder aanbestedingsbeleid", "Duurzame relaties met aannemers en eenheidsprijzen"],
    "G3": ["Heldere afspraken over wat wel niet kan", "Twijfelgevallen bespreekbaar maken"],
    "G4": ["Heldere afspraken over wat wel / niet mag worden aangenomen"],
    "D1": [
        "open en geïnteresseerde houding van de leidinggevende",
        "Bedrijfsmaatschappelijk werker",
    ],
    "D2": ["Gedragscode", "Bedrijfsmaatschappelijk werker"],
    "D3": [
        "Heldere koers voor de hele organisatie",
        "Duidelijke afdelingsplannen",
        "De juiste en realistische KPI’s",
    ],
    "D4": [
        "Regelmatig bespreekbaar maken van normen en waarden",
        "Persoonlijk leiderschap stimuleren",
    ],
    "R1": [
        "Voorbeeldgedrag en persoonlijk leiderschap",
        "Bespreekbaar maken van de rationalisatie",
    ],
    "R2": [
        "Goede verbinding van DT met werkvloer",
        "Voorbeeldgedrag en persoonlijk leiderschap",
        "Bespreekbaar maken van de rationalisatie",
    ],
    "R3": [
        "Voorbeeldgedrag en persoonlijk leiderschap",
        "Bespreekbaar maken van de rationalisatie",
        "Casussen open bespreken, zonder vooroordeel",
    ],
    "R4": [
        "sociale huurwoningen eerlijk te verhuren",
        "Beleid voor verhuur aan eigen medewerkers en aanverwanten bespreekbaar maken",
    ],
}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_the_catalogue_holds_the_19_risks_of_the_policy(catalogue: Catalogue) -> None:
    assert sorted(r.id for r in catalogue.risks) == sorted(RISK_IDS)
    assert Counter(r.category for r in catalogue.risks) == {
        "red_flag": 7,
        "gelegenheid": 4,
        "druk": 4,
        "rationalisatie": 4,
    }


def test_register_order_is_red_flags_then_gelegenheid_druk_rationalisatie(
    catalogue: Catalogue,
) -> None:
    assert [r.id for r in catalogue.risks_in_order()] == RISK_IDS


@pytest.mark.parametrize(
    "kind, ids",
    [
        ("risks", lambda c: [r.id for r in c.risks]),
        ("control measures", lambda c: [m.id for _, m in c.control_measures()]),
        ("indicators", lambda c: [i.id for i in c.indicators]),
        ("code rules", lambda c: [r.id for r in c.code_rules]),
        ("constructs", lambda c: [x.code for x in c.survey.constructs]),
        ("survey items", lambda c: [i.code for i in c.survey.items]),
    ],
)
def test_ids_are_unique(catalogue: Catalogue, kind: str, ids) -> None:
    values = ids(catalogue)
    assert values, f"no {kind} in the catalogue"
    assert [v for v, n in Counter(values).items() if n > 1] == []


@pytest.mark.parametrize("risk_id", RISK_IDS)
def test_each_risk_has_a_control_measure_and_an_indicator(
    catalogue: Catalogue, risk_id: str
) -> None:
    risk = catalogue.risk(risk_id)
    assert risk.control_measures
    indicators = catalogue.indicators_for(risk_id)
    assert indicators, f"{risk_id} has no indicator"
    if risk_id == "RF7":
        assert risk.aggregate_only
        assert all(i.family != "survey" for i in indicators), "RF7 is never surveyed"


def test_indicator_thresholds_are_ordered_by_direction(catalogue: Catalogue) -> None:
    for ind in catalogue.indicators:
        if ind.direction == "higher_is_worse":
            assert ind.amber < ind.red, ind.id
        else:
            assert ind.amber > ind.red, ind.id


def test_every_construct_an_indicator_uses_has_at_least_two_items(catalogue: Catalogue) -> None:
    used = {c for i in catalogue.indicators for c in i.constructs}
    used |= {
        item.construct_code
        for i in catalogue.indicators
        for item in catalogue.survey.items
        if item.code in i.items
    }
    assert used, "no survey indicator uses a construct"
    for construct in sorted(used):
        assert len(catalogue.items_for(construct)) >= 2, construct


def test_the_item_bank_covers_the_constructs_of_the_brief(catalogue: Catalogue) -> None:
    codes = {c.code for c in catalogue.survey.constructs}
    assert {
        "clarity",
        "congruence_supervisors",
        "congruence_management",
        "feasibility",
        "supportability",
        "transparency",
        "discussability",
        "sanctionability",
        "psych_safety",
        "reprisal",
        "results_focus",
    } <= codes
    for construct in codes:
        assert len(catalogue.items_for(construct)) >= 2, construct


def test_psychological_safety_has_seven_items_with_1_3_5_reversed(catalogue: Catalogue) -> None:
    items = catalogue.items_for("psych_safety")
    assert len(items) == 7
    assert [i.reverse for i in items] == [True, False, True, False, True, False, False]


@pytest.mark.parametrize(
    "risk_id, phrase",
    [(risk_id, phrase) for risk_id, phrases in POLICY_MEASURES.items() for phrase in phrases],
)
def test_every_control_measure_the_policy_names_is_in_the_catalogue(
    catalogue: Catalogue, risk_id: str, phrase: str
) -> None:
    texts = [norm(m.text.nl) for m in catalogue.risk(risk_id).control_measures]
    assert any(norm(phrase) in t for t in texts), f"{risk_id}: '{phrase}' not in {texts}"


def test_the_policy_measure_list_counts_match_the_catalogue(catalogue: Catalogue) -> None:
    counts = {r.id: len(r.control_measures) for r in catalogue.risks}
    assert counts == {rid: len(phrases) for rid, phrases in POLICY_MEASURES.items()}


@pytest.mark.skipif(not (SHARED / "seed").exists(), reason="shared/seed is not beside the repo")
def test_the_policy_measure_list_is_quoted_from_the_policy() -> None:
    policy = norm((SHARED / "seed" / "integriteitsbeleid-woonpunt.txt").read_text("utf-8"))
    missing = [p for ps in POLICY_MEASURES.values() for p in ps if norm(p) not in policy]
    assert missing == []


def test_code_rules_carry_the_policy_parameters(catalogue: Catalogue) -> None:
    rules = {r.check: r for r in catalogue.code_rules}
    assert rules["gift_max_value"].max_value_eur == 50
    assert set(rules["gift_forbidden_types"].forbidden_gift_types) == {"geld", "tegoedbon"}
    assert rules["gift_forbidden_types"].giver_types == ["huurder"]
    assert "gift_not_delivered_at_home" in rules
    assert "side_job_prior_approval" in rules
    assert "side_job_not_for_tenant_or_relation" in rules
    assert rules["vehicle_private_km_max"].max_private_km_per_year == 500
    assert rules["policy_review_interval"].max_years_between_reviews == 2


def test_default_assessment_is_on_the_five_point_scale(catalogue: Catalogue) -> None:
    for r in catalogue.risks:
        assert 1 <= r.impact <= 5 and 1 <= r.inherent_likelihood <= 5
        assert r.appetite in catalogue.settings.appetite_max_residual


def test_the_catalogue_directory_can_be_moved(tmp_path, catalogue: Catalogue) -> None:
    import shutil

    from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR

    shutil.copytree(DEFAULT_CATALOGUE_DIR, tmp_path / "risks")
    assert load_catalogue(tmp_path / "risks") == catalogue


def test_an_edited_catalogue_file_is_read_again_and_a_read_one_is_not_changed(
    tmp_path, catalogue: Catalogue
) -> None:
    """Each YAML text is parsed once per process (pipelines/core/yaml_errors.read_yaml):
    an edit in place, the same path and size, is a new text and is seen at once; and what
    the cache keeps is never handed out to be changed."""
    import shutil

    from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR

    risks = shutil.copytree(DEFAULT_CATALOGUE_DIR, tmp_path / "risks")
    first = load_catalogue(risks)
    assert first.settings.scoring.alpha_warn == 0.05
    settings = risks / "settings.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("alpha_warn: 0.05", "alpha_warn: 0.04"), "utf-8")
    assert load_catalogue(risks).settings.scoring.alpha_warn == 0.04
    first.risks[0].control_measures.clear()
    settings.write_text(text, "utf-8")
    assert load_catalogue(risks) == catalogue


def test_rates_per_100_fte_are_yearly_unless_said_to_be_a_monthly_stock(
    catalogue: Catalogue,
) -> None:
    rates = {i.id: i for i in catalogue.indicators if i.measure == "rate_per_100_fte"}
    assert rates["KRI-HR-GARNISH"].rate_per == "month"
    assert rates["KRI-HR-GARNISH"].value_scale == 100
    assert rates["KRI-REG-GIFT-OVER50"].rate_per == "year"
    assert rates["KRI-REG-GIFT-OVER50"].value_scale == 1200


def test_indicators_look_back_12_months_where_the_catalogue_says_so(
    catalogue: Catalogue,
) -> None:
    """window_months: 12 for every indicator whose description says "last 12 months" and
    for register and allocation indicators (the header of indicators.yaml), except those
    whose value already spans its own 12 months or year per person, or is a state."""
    says = {
        i.id
        for i in catalogue.indicators
        if "last 12 months" in i.description.en or "laatste 12 maanden" in i.description.nl
    }
    register_or_allocation = {
        i.id for i in catalogue.indicators if i.family in ("register", "allocation")
    }
    own_span = {"KRI-HR-NO-LEAVE-BLOCK", "KRI-REG-GIFT-ZERO", "KRI-REG-CAR-KM"}
    own_span |= {"KRI-PR-CONCENTRATION", "KRI-PR-BENFORD"}  # 12 months per budget holder
    state = {"KRI-REG-CTRL-OVERDUE"}
    windowed = {i.id for i in catalogue.indicators if i.window_months == 12}
    assert windowed == (says | register_or_allocation) - own_span - state
    assert {"KRI-HR-TURNOVER", "KRI-REG-GIFT-OVER50", "KRI-AL-STAFF"} <= windowed
    assert all(i.window_months in (None, 12) for i in catalogue.indicators)


@pytest.mark.parametrize(("alarm", "accepted"), [("1.0e-10", True), ("9.9e-11", False)])
def test_alpha_is_at_least_one_in_ten_billion(tmp_path, alarm: str, accepted: bool) -> None:
    """helper-126: scipy's exact tails stop being monotone below about 1e-270, and the
    limits search them; an alpha of 1e-10 (shared over a unit's tests) stays far above."""
    import shutil

    from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR

    risks = shutil.copytree(DEFAULT_CATALOGUE_DIR, tmp_path / "risks")
    settings = risks / "settings.yaml"
    text = settings.read_text("utf-8")
    assert "alpha_alarm: 0.01\n" in text
    settings.write_text(text.replace("alpha_alarm: 0.01\n", f"alpha_alarm: {alarm}\n"), "utf-8")
    if accepted:
        assert load_catalogue(risks).settings.scoring.alpha_alarm == float(alarm)
        return
    with pytest.raises(
        CatalogueError,
        match=r"settings\.yaml:\d+, veld scoring\.alpha_alarm: moet groter dan of gelijk "
        r"aan 1e-10 zijn",
    ):
        load_catalogue(risks)
