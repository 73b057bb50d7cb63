"""A reference that is not known but for its leading zeros (helper-179: an invoice's
supplier 311 beside the creditor file's 000311 was 'geen bekende leverancier', and
nothing said why): the reason names the known one. Never matched so: which of 311,
0311 and 000311 is meant is the user's to say (pipelines/ingest/rule_sql.py)."""

from __future__ import annotations

from pathlib import Path

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEAD = "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;requester_key"


def quarantined(home: Path, tmp_path: Path, orders: list[tuple[str, str]]) -> dict[int, str]:
    """Orders (supplier, org unit), one per line from line 2, beside the creditors
    000311 and L1: the quarantine's reason per line."""
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\n000311;Bouw;bv\nL1;X;bv\n")
    lines = "".join(
        f"P{i};02-03-2026;{s};100;{u};raamcontract;1;E1\n" for i, (s, u) in enumerate(orders, 1)
    )
    write(folder / "inkoop.csv", HEAD + "\n" + lines)
    run(home, folder)
    return dict(query(home, "select line, reason from quarantine"))


def test_a_supplier_known_with_other_leading_zeros_is_named(home: Path, tmp_path: Path) -> None:
    reasons = quarantined(home, tmp_path, [(s, "VH-N") for s in ["311", "0311", "312", "0", "L1"]])
    assert set(reasons) == {2, 3, 4, 5}, reasons  # nothing matched by its zeros
    twin = "supplier_id is geen bekende leverancier (suppliers) (bekend is wel 000311: alleen "
    assert twin in reasons[2] and twin in reasons[3], reasons
    assert reasons[2].endswith("lees de leveranciers in vóór of samen met de bestellingen")
    # the boundary: no known supplier with those digits, and '0' (no digits but zeros)
    assert "voorloopnullen" not in reasons[4] + reasons[5], reasons
    assert query(home, "select order_id from raw_procurement") == [("P5",)]


def test_an_org_unit_known_but_for_its_dots_is_named(home: Path, tmp_path: Path) -> None:
    """helper-185: cost centre 1.110 beside the org tree's VH-N written VHN: said, never
    matched; 'VH-N' itself is known, and 'XY' has no twin."""
    reasons = quarantined(home, tmp_path, [("L1", u) for u in ["VHN", "V.H.N", "VH-N", "XY"]])
    assert set(reasons) == {2, 3, 5}, reasons
    said = "(bekend is wel VH-N: alleen punten, streepjes of spaties verschillen)"
    assert said in reasons[2] and said in reasons[3], reasons
    assert "bekend is wel" not in reasons[5], reasons
