"""A refused value that exports write for "none" or a file of lines where the contract
reads one row per thing: the reason names the way out (helper-174: candidate_rank 0 for
a channel without a ranking, an answer 0 for "weet niet", an order over two invoice lines
were refused with no hint)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import SURVEY_HEADER, home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

CASES = {
    "allocations": (
        "allocation_id;allocated_on;dwelling_id;channel;candidate_rank;consultant_key\n"
        "A1;10-03-2026;W1;urgentie;0;E1\n",
        "candidate_rank moet >= 1 zijn (staat 0 voor geen rangnummer? vertaal het dan in de "
        "kolomkoppeling: values: {candidate_rank: {'0': null}})",
    ),
    "survey_responses": (
        # the file's own number for 'weet niet' in the way out, as the file writes it and a
        # mapping's values match it (helper-189: a 9 was told '0'; helper-191: '09' as '9')
        SURVEY_HEADER + "R1;15-03-2026;VH-N;CLA1;09\n",
        "answer moet 1 tot en met 5 zijn, of leeg voor 'weet niet' (staat een getal voor 'weet "
        "niet'? vertaal het dan in de kolomkoppeling: values: {answer: {'09': null}})",
    ),
    "procurement": (
        "order_id;ordered_on;supplier_id;amount_eur;org_unit;requester_key\n"
        "B1;10-03-2026;K1;100;VH-N;E1\nB1;10-03-2026;K1;50;VH-N;E1\n",
        "order_id komt meer dan eens voor (ook op regel 3); een export met een regel per "
        "orderregel of factuur? Exporteer één regel per order, met het bedrag van de hele order",
    ),
}


@pytest.mark.parametrize("dataset", sorted(CASES))
def test_the_reason_names_the_way_out(home: Path, tmp_path: Path, dataset: str) -> None:
    text, said = CASES[dataset]
    [result] = run(home, write(tmp_path / f"{dataset}.csv", text))
    assert result.error is None, result.error
    reasons = [r for (r,) in query(home, "select reason from quarantine order by line")]
    assert any(r.endswith(said) for r in reasons), reasons
