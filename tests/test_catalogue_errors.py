"""A broken catalogue file is refused with a message naming file, line, entry and field:
in Dutch (str(), what radar prints by default) and in English (text("en"), radar --lang
en; the English wording is the one these tests checked before the messages had two
languages)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR, CatalogueError, load_catalogue

# Per case, the Dutch of its problem (the location words: "entry" is "item", "field" "veld").
DUTCH = {
    "impact off the scale": "moet kleiner dan of gelijk aan 5 zijn",
    "unknown appetite": "verwacht een van",
    "a typo in a key": "onbekend veld: niet toegestaan",
    "a duplicated risk id": "het risico-id komt meer dan eens voor",
    "thresholds against the direction": "moet boven rood (35.0) liggen als lager slechter is",
    "an indicator on an unknown construct": "onbekend construct 'nonsense'",
    "an item of an unknown construct": "onbekend construct 'klarheid'",
    "a group size below three": "moet groter dan of gelijk aan 3 zijn",
    "a rule without its parameter": "verplicht veld ontbreekt",
    "not YAML at all": "geen geldige YAML",
    "an off-scale least past its bound": "moet kleiner dan of gelijk aan 20 zijn",
}


@pytest.fixture
def cat_dir(tmp_path: Path) -> Path:
    target = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, target)
    return target


def replace_once(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text("utf-8")
    new, n = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert n == 1, f"pattern {pattern!r} not found in {path.name}"
    path.write_text(new, "utf-8")


Breakage = Callable[[Path], None]

CASES: list[tuple[str, str, Breakage, str, list[str]]] = [
    (
        "impact off the scale",
        "risks.yaml",
        lambda d: replace_once(d / "risks.yaml", r"^(\s*)impact: \d", r"\1impact: 7"),
        r"^\s*impact: 7",
        ["entry RF1", "field impact", "less than or equal to 5"],
    ),
    (
        "unknown appetite",
        "risks.yaml",
        lambda d: replace_once(d / "risks.yaml", r"^(\s*)appetite: \w+", r"\1appetite: extreem"),
        r"^\s*- id: RF1\b",
        ["entry RF1", "field appetite", "expected one of"],
    ),
    (
        "a typo in a key",
        "risks.yaml",
        lambda d: replace_once(d / "risks.yaml", r"^(\s*)owner_role:", r"\1owner_rol:"),
        r"^\s*(- id: RF1-CM01|owner_rol:)",
        ["entry RF1-CM01", "field owner_rol", "Extra inputs are not permitted"],
    ),
    (
        "a duplicated risk id",
        "risks.yaml",
        lambda d: replace_once(d / "risks.yaml", r"^(\s*)- id: RF2\b", r"\1- id: RF1"),
        r"^\s*- id: RF1\b",
        ["entry RF1", "field id", "used more than once"],
    ),
    (
        "thresholds against the direction",
        "indicators.yaml",
        lambda d: replace_once(d / "indicators.yaml", r"higher_is_worse", "lower_is_worse"),
        r"^\s*- id: KRI-",
        ["entry KRI-", "must be above red"],
    ),
    (
        "an indicator on an unknown construct",
        "indicators.yaml",
        lambda d: replace_once(
            d / "indicators.yaml", r"^(\s*)constructs: \[\w+", r"\1constructs: [nonsense"
        ),
        r"^\s*- id: KRI-",
        ["field constructs", "unknown construct 'nonsense'"],
    ),
    (
        "an item of an unknown construct",
        "survey_items.yaml",
        lambda d: replace_once(
            d / "survey_items.yaml", r"^(\s*)construct: clarity", r"\1construct: klarheid"
        ),
        r"^\s*- code: ",
        ["field construct", "unknown construct 'klarheid'"],
    ),
    (
        "a group size below three",
        "settings.yaml",
        lambda d: replace_once(d / "settings.yaml", r"min_group_size: \d+", "min_group_size: 2"),
        r"min_group_size: 2",
        ["field privacy.min_group_size", "greater than or equal to 3"],
    ),
    (  # helper-244 L8: 100000 built a sum of as many terms, and a traceback
        "an off-scale least past its bound",
        "settings.yaml",
        lambda d: replace_once(
            d / "settings.yaml", r"survey_off_scale_min: \d+", "survey_off_scale_min: 21"
        ),
        r"survey_off_scale_min: 21",
        ["field ingest.survey_off_scale_min", "less than or equal to 20"],
    ),
    (
        "a rule without its parameter",
        "code_rules.yaml",
        lambda d: replace_once(d / "code_rules.yaml", r"^\s*max_value_eur: .*\n", ""),
        r"^\s*- id: CODE-GIFT-VALUE",
        ["entry CODE-GIFT-VALUE", "field max_value_eur", "Field required"],
    ),
    (
        "not YAML at all",
        "indicators.yaml",
        lambda d: (d / "indicators.yaml").write_text("indicators:\n  - id: [unclosed\n"),
        r"^  - id: \[unclosed",
        ["not valid YAML"],
    ),
]


@pytest.mark.parametrize(
    "case, filename, breakage, line_pattern, expected", CASES, ids=[c[0] for c in CASES]
)
def test_a_broken_catalogue_names_file_line_entry_and_field(
    cat_dir: Path,
    case: str,
    filename: str,
    breakage: Breakage,
    line_pattern: str,
    expected: list[str],
) -> None:
    breakage(cat_dir)
    with pytest.raises(CatalogueError) as err:
        load_catalogue(cat_dir)
    message = err.value.text("en")
    first = message.splitlines()[0]
    assert first.startswith(f"{cat_dir / filename}:"), message
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in: {message}"
    dutch = str(err.value)
    assert dutch.splitlines()[0].startswith(first.split(",")[0].split(": ")[0]), dutch
    located = [f.replace("entry ", "item ").replace("field ", "veld ") for f in expected[:2]]
    for fragment in [*located, DUTCH[case]]:
        if fragment.startswith(("item ", "veld ")) or fragment == DUTCH[case]:
            assert fragment in dutch, f"{fragment!r} not in: {dutch}"
    # The line reported holds the offending field or the start of its entry.
    reported = int(first.split(":")[1].split(",")[0])
    line = (cat_dir / filename).read_text("utf-8").splitlines()[reported - 1]
    assert re.search(line_pattern, line), f"line {reported} is {line!r}"


def test_a_missing_catalogue_file_is_named(cat_dir: Path) -> None:
    (cat_dir / "code_rules.yaml").unlink()
    with pytest.raises(CatalogueError, match=r"code_rules\.yaml: het catalogusbestand ontbreekt"):
        load_catalogue(cat_dir)
    with pytest.raises(CatalogueError) as err:
        load_catalogue(cat_dir)
    assert err.value.text("en").endswith("code_rules.yaml: catalogue file is missing")


def test_a_file_without_its_top_level_key_is_named(cat_dir: Path) -> None:
    (cat_dir / "risks.yaml").write_text("- id: RF1\n", "utf-8")
    with pytest.raises(
        CatalogueError, match=r"risks\.yaml: verwacht bovenaan een sleutel 'risks:'"
    ):
        load_catalogue(cat_dir)
    with pytest.raises(CatalogueError) as err:
        load_catalogue(cat_dir)
    assert "risks.yaml: expected a top-level key 'risks:'" in err.value.text("en")
