"""Names and fixed lists: each organisation draws its own name, prefix, departments,
teams, job titles and districts from these.
"""

from __future__ import annotations

ORG_NAMES = [
    ("Woonstichting Maasoever", "MO"),
    ("Wooncorporatie De Kempenhof", "KH"),
    ("Stichting Woonbron Peelland", "WP"),
    ("Woningstichting Geuldal", "GD"),
    ("Wonen Roerstreek", "RS"),
    ("Woonvereniging Brunssum-Oost", "BO"),
    ("Stichting Thuis in de Vallei", "TV"),
]

DISTRICTS = [
    "Centrum", "Oosterpark", "Hazenkamp", "Molenveld", "De Brink", "Kloosterhof",
    "Vlietzone", "Heidepark", "Oude Haven", "Lindenhof", "Akkerwijk", "Beekdal",
]  # fmt: skip

# team kinds: lettings (allocations, high exposure), wijk (exposure), onderhoud (cars,
# exposure), project (exposure, some cars), inkoop (exposure), office (neither)
DEPARTMENTS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Verhuur & Wijken",
        "VW",
        [
            ("Verhuurteam Noordoever", "lettings"),
            ("Verhuurteam Zuidoever", "lettings"),
            ("Verhuurteam Binnenstad", "lettings"),
            ("Woonruimtebemiddeling Bijzondere Doelgroepen", "lettings"),
            ("Wijkbeheer Oost", "wijk"),
            ("Wijkbeheer West", "wijk"),
            ("Leefbaarheid & Overlast", "wijk"),
            ("Huurdersparticipatie", "office"),
        ],
    ),
    (
        "Vastgoedbeheer",
        "VB",
        [
            ("Reparatieverzoeken", "onderhoud"),
            ("Mutatieonderhoud", "onderhoud"),
            ("Planmatig Onderhoud", "project"),
            ("Opzichters Buitengebied", "onderhoud"),
            ("Nieuwbouw & Herstructurering", "project"),
            ("Verduurzaming", "project"),
            ("Werkvoorbereiding", "office"),
        ],
    ),
    (
        "Financiën & Control",
        "FC",
        [
            ("Financiële Administratie", "office"),
            ("Huuradministratie & Incasso", "office"),
            ("Planning & Control", "office"),
            ("Treasury", "office"),
            ("Inkoop & Contractmanagement", "inkoop"),
        ],
    ),
    (
        "Klant & Service",
        "KS",
        [
            ("Klantcontactcentrum", "office"),
            ("Digitale Dienstverlening", "office"),
            ("Klachten & Geschillen", "office"),
            ("Sociaal Beheer", "wijk"),
        ],
    ),
    (
        "Organisatie & Informatie",
        "OI",
        [
            ("HR & Ontwikkeling", "office"),
            ("Informatiemanagement", "office"),
            ("ICT-beheer", "office"),
            ("Facilitaire Zaken", "inkoop"),
            ("Juridische Zaken", "office"),
        ],
    ),
    (
        "Strategie & Portefeuille",
        "SP",
        [
            ("Portefeuillestrategie", "office"),
            ("Vastgoeddata & Analyse", "office"),
            ("Gebiedsontwikkeling", "project"),
        ],
    ),
    (
        "Bouw & Projecten",
        "BP",
        [
            ("Projectmanagement Renovatie", "project"),
            ("Bouwkundig Advies", "project"),
            ("Aanbesteding", "inkoop"),
        ],
    ),
]

TITLES = {
    "lettings": (
        ["Woonconsulent", "Verhuurconsulent", "Senior woonconsulent"], "Teamleider verhuur"
    ),
    "wijk": (
        ["Wijkbeheerder", "Woonconsulent", "Medewerker leefbaarheid"], "Teamleider wijkbeheer"
    ),
    "onderhoud": (
        ["Opzichter dagelijks onderhoud", "Opzichter", "Vakman onderhoud", "Planner onderhoud"],
        "Teamleider onderhoud",
    ),
    "project": (
        ["Projectleider vastgoed", "Opzichter nieuwbouw", "Werkvoorbereider", "Adviseur vastgoed"],
        "Teammanager projecten",
    ),
    "inkoop": (["Inkoper", "Contractbeheerder", "Medewerker inkoop"], "Teamleider inkoop"),
    "office": (["Adviseur", "Medewerker", "Senior medewerker", "Specialist"], "Teamleider"),
}  # fmt: skip

EXPOSED_TITLES = {
    "Verhuurconsulent", "Woonconsulent", "Senior woonconsulent", "Opzichter",
    "Opzichter nieuwbouw", "Opzichter dagelijks onderhoud", "Inkoper", "Contractbeheerder",
    "Projectleider vastgoed",
}  # fmt: skip
CAR_TITLES = {
    "Opzichter", "Opzichter dagelijks onderhoud", "Opzichter nieuwbouw", "Vakman onderhoud",
    "Projectleider vastgoed", "Wijkbeheerder",
}  # fmt: skip

SECTORS = [
    "bestuur vereniging", "eigen bedrijf", "onderwijs", "zorg", "sport", "vastgoed", "horeca"
]  # fmt: skip
EXIT_REASONS = ["vrijwillig", "pensioen", "einde_contract", "ontslag", "reorganisatie", "overig"]
EXIT_P = [0.62, 0.12, 0.14, 0.04, 0.03, 0.05]
