"""Scenario templates: risk, the team they need, and what they raise (signal ranges).

Survey signals are the share of unfavourable answers; register signals are events per
year in the team; allocation signals are shares of the team's lettings. ``REQUIRED`` are
the templates every organisation gets.
"""

from __future__ import annotations

from typing import Any

S = "survey"
TEMPLATES: dict[str, dict[str, Any]] = {
    "RF1": {
        "needs": "lettings",
        "text": "Het teamhoofd beslist alleen; tegenspraak wordt niet op prijs gesteld en "
        "uitzonderingen keurt hij zelf goed.",
        "signals": {
            "KRI-SV-CONG-MGT": (S, (0.40, 0.60)),
            "KRI-SV-DISC": (S, (0.40, 0.60)),
            "KRI-AL-SAME-APPROVER": ("al_same_approver", (0.15, 0.35)),
        },
    },
    "RF2": {
        "needs": "any",
        "text": "Een klein team werkt al jaren zonder rotatie; niemand neemt twee weken "
        "aaneengesloten vrij en het werk is voor buitenstaanders onzichtbaar.",
        "signals": {
            "KRI-SV-TRANSPARENCY": (S, (0.40, 0.60)),
            "KRI-SV-ISOLATION": (S, (0.35, 0.55)),
            "KRI-HR-NO-LEAVE-BLOCK": ("no_leave_block", (0.60, 0.85)),
        },
    },
    "RF3": {
        "needs": "any",
        "text": "Melders zijn eerder weggezet; men durft niets meer te melden of te "
        "bespreken en overtredingen blijven zonder gevolg.",
        "signals": {
            "KRI-SV-REPRISAL": (S, (0.40, 0.60)),
            "KRI-SV-DISC": (S, (0.35, 0.55)),
            "KRI-SV-SANCTION": (S, (0.35, 0.55)),
        },
    },
    "RF4": {
        "needs": "min8",
        "text": "De nieuwe teamleider houdt zich niet aan de eigen regels; de 360-feedback "
        "is slecht en medewerkers vertrekken.",
        "signals": {
            "KRI-SV-CONG-SUP": (S, (0.45, 0.65)),
            "KRI-HR-TURNOVER": ("turnover", (0.30, 0.50)),
            "KRI-HR-360": ("score_360", (2.3, 3.0)),
        },
    },
    "RF5": {
        "needs": "any",
        "text": "Regels zijn onduidelijk en in de praktijk niet uit te voeren; men werkt eromheen.",
        "signals": {
            "KRI-SV-CLARITY": (S, (0.40, 0.60)),
            "KRI-SV-FEASIBILITY": (S, (0.40, 0.60)),
        },
    },
    "RF6": {
        "needs": "min8",
        "text": "Alleen productiecijfers tellen; structureel overwerk om de doelen te halen.",
        "signals": {
            "KRI-SV-FEASIBILITY": (S, (0.40, 0.60)),
            "KRI-SV-RESULTS": (S, (0.45, 0.65)),
            "KRI-HR-OVERTIME": ("overtime", (10.0, 16.0)),
        },
    },
    "G1": {
        "needs": "lettings",
        "text": "Consulenten passeren kandidaten zonder motivering, zetten inschrijfdatums "
        "terug en keuren uitzonderingen zelf goed.",
        "signals": {
            "KRI-AL-OUT-OF-RANK": ("al_out_of_rank", (0.10, 0.20)),
            "KRI-AL-NO-MOTIVATION": ("al_no_motivation", (0.25, 0.45)),
            "KRI-AL-REGDATE-EDIT": ("al_regdate", (0.03, 0.06)),
            "KRI-AL-SAME-APPROVER": ("al_same_approver", (0.10, 0.25)),
        },
    },
    "G2": {
        "needs": "supplier",
        "text": "Aannemers nemen het team mee uit eten, naar evenementen en op reis.",
        "signals": {"KRI-REG-GIFT-SUPPLIER": ("gift_supplier", (6, 12))},
    },
    "G3": {
        "needs": "car",
        "text": "De dienstauto's worden volop privé gebruikt, ruim boven 500 km per jaar.",
        "signals": {"KRI-REG-CAR-KM": ("car_km", (600.0, 950.0))},
    },
    "G4": {
        "needs": "exposed",
        "text": "Dure geschenken van leveranciers en huurders worden aangenomen, soms thuis "
        "afgeleverd.",
        "signals": {
            "KRI-REG-GIFT-OVER50": ("gift_over50", (4, 8)),
            "KRI-REG-GIFT-HOME": ("gift_home", (2, 4)),
        },
    },
    "D1": {
        "needs": "min15",
        "text": "Na een reorganisatie stapelen schulden zich op: loonbeslagen en "
        "verwijzingen naar het maatschappelijk werk nemen toe.",
        "signals": {
            "KRI-HR-GARNISH": ("garnish", (6.0, 10.0)),
            "KRI-HR-SOCIAL-WORK": ("social_work", (12.0, 20.0)),
        },
    },
    "D2": {
        "needs": "exposed",
        "text": "Medewerkers beginnen nevenwerk zonder toestemming, ook voor huurders, en "
        "nemen geld en bonnen van huurders aan.",
        "signals": {
            "KRI-REG-SJ-UNAPPROVED": ("sj_unapproved", (3, 6)),
            "KRI-REG-SJ-RELATION": ("sj_relation", (1, 3)),
            "KRI-REG-GIFT-MONEY": ("gift_money", (2, 4)),
        },
    },
    "D4": {
        "needs": "any",
        "text": "De groep bepaalt wat normaal is; wie twijfelt, zwijgt.",
        "signals": {
            "KRI-SV-PSYSAFE": (S, (0.35, 0.55)),
            "KRI-SV-DISC": (S, (0.35, 0.55)),
        },
    },
    "R1": {
        "needs": "any",
        "text": "'Iedereen doet het' is de norm geworden, de leidinggevende voorop.",
        "signals": {
            "KRI-SV-RAT-EVERYONE": (S, (0.25, 0.40)),
            "KRI-SV-CONG-SUP": (S, (0.35, 0.50)),
        },
    },
    "R2": {
        "needs": "any",
        "text": "'De top luistert toch niet': het team heeft het opgegeven.",
        "signals": {
            "KRI-SV-RAT-TOP": (S, (0.25, 0.40)),
            "KRI-SV-CONG-MGT": (S, (0.35, 0.50)),
        },
    },
    "R3": {
        "needs": "car",
        "text": "'De corporatie heeft geld zat': bedrijfsmiddelen worden privé gebruikt.",
        "signals": {
            "KRI-SV-RAT-MONEY": (S, (0.25, 0.40)),
            "KRI-REG-CAR-KM": ("car_km", (550.0, 800.0)),
        },
    },
    "R4": {
        "needs": "lettings",
        "text": "Een woning voor een collega of familielid is 'gewoon een voordeeltje'.",
        "signals": {
            "KRI-SV-RAT-PERKS": (S, (0.25, 0.40)),
            "KRI-AL-STAFF": ("al_staff", (0.03, 0.06)),
        },
    },
}
# every organisation gets these (registers, survey, HR turnover, allocations), plus more
REQUIRED = ["G4", "D2", "RF3", "RF4", "G1"]
