"""What ingest says of a survey export's rows under covers: wave is what staging counts
(helper-184): a rejected answer of a wave the newer export replaces whole was said to
keep the earlier answer counting ('voor die sleutel(s) blijft de eerdere rij tellen'),
while the wave's older answers were all gone."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.ingesthelpers import ingest_and_model
from tests.test_ingest import ORG, lenient, write

HEADER = "RespondentID;Meetmoment;Eenheid;Vraagcode;Antwoord\n"
MAPPING = (
    "dataset: survey_responses\nfiles: ['enq_*.csv']\n{covers}"
    "export_date: {{from_name: 'enq_(\\d{{4}}-\\d{{2}}-\\d{{2}})'}}\n"
    "columns: {{RespondentID: respondent_key, Meetmoment: wave_date, Eenheid: org_unit, "
    "Vraagcode: item_code, Antwoord: answer}}\n"
)


def export(folder: Path, day: str, bad: str | None = None, unit: str = "VH-N") -> Path:
    """Five respondents of the March wave, three items each; ``bad``: the respondent
    whose PS1 answer is off the scale (quarantined)."""
    rows = [
        f"R{n};15-03-2026;{unit};{item};{9 if f'R{n}' == bad and item == 'PS1' else 1 + n % 5}"
        for n in range(1, 6)
        for item in ("CLA1", "CLA2", "PS1")
    ]
    return write(folder / f"enq_{day}.csv", HEADER + "\n".join(rows) + "\n")


def ingest(tmp_path: Path, covers: bool, files: list[tuple[str, str | None]]) -> tuple[int, str]:
    """Each export in a run of its own, in the order given; the answers staging counts,
    and the last export's notes."""
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [write(tmp_path / "org.csv", ORG)], [], catalogue=lenient())
    notes: list[str] = []
    for day, bad in files:
        run = tmp_path / day
        export(run, day, bad)
        mapping = MAPPING.format(covers="covers: wave\n" if covers else "")
        write(run / "enq.mapping.yaml", mapping)
        done = ingest_and_model(warehouse, [run], ["stg_survey__responses"], catalogue=lenient())
        assert all(f.error is None for f in done.files), [f.error for f in done.files]
        notes = [str(n) for f in done.files for n in f.notes]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (answers,) = con.execute("select count(*) from stg_survey__responses").fetchone()
    return answers, " ".join(notes)


HELD = "voor die sleutel(s) blijft de eerdere rij tellen"


@pytest.mark.parametrize(
    ("covers", "files", "answers", "held"),
    [
        # the newer export replaces the wave whole: R3's old PS1 is gone, and unsaid
        (True, [("2026-03-31", None), ("2026-04-10", "R3")], 14, False),
        # without covers the old PS1 counts for R3's key: said
        (False, [("2026-03-31", None), ("2026-04-10", "R3")], 15, True),
        # the rejected export is the older one, read last: the newer one's PS1 counts
        (True, [("2026-04-10", None), ("2026-03-31", "R3")], 15, True),
    ],
)
def test_a_rejected_answer_is_said_to_keep_the_earlier_one_only_where_it_does(
    tmp_path: Path, covers: bool, files: list, answers: int, held: bool
) -> None:
    counted, said = ingest(tmp_path, covers, files)
    assert counted == answers
    assert (HELD in said) is held
