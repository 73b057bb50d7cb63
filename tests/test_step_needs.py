"""text_steps.step_needs lets the ingest leave out a plain id column's step for the words
for none (compact's tables: some 20 kB of SQL a column) and its key-number step where no
cell of the column needs them. Exact only if such a cell comes out of the other steps as
it would with every step: asked here of DuckDB, step by step, for the cells that say
none however spelt and for Hypothesis' cells (Excel's ="..." and ', combining marks,
NFC's compositions, the words' letters and the digits no word has)."""

from __future__ import annotations

import unicodedata

import duckdb
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest.key_cells import NO_WORD_KEPT, NONE_WORDS, UNKNOWN_WORDS, may_be_word_sql
from pipelines.ingest.key_numbers import marked_sql
from pipelines.ingest.none_words import NO_ONE
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.text_steps import HOLE, plain_steps, step_needs

CON = duckdb.connect()
CONTRACT = next(c for c in DATASETS["procurement"].columns if c.name == "contract_id")
ORDER = next(c for c in DATASETS["procurement"].columns if c.name == "order_id")


def read(cells: list[str | None], steps: list[str]) -> list[str | None]:
    """Each cell through ``steps`` (HOLE: the step before), as checks.Stages runs them."""
    CON.execute(
        "create or replace temp table v as select * from (select 0 as i, '' as x) where false"
    )
    CON.executemany("insert into v values (?, ?)", list(enumerate(cells)))
    first, *rest = steps
    CON.execute(f"create or replace temp table v as select i, {first} as x from v")
    for step in rest:
        CON.execute(
            f"create or replace temp table v as select i, {step.replace(HOLE, 'x')} as x from v"
        )
    return [x for _, x in CON.execute("select i, x from v order by i").fetchall()]


def judged(cells: list[str | None]) -> None:
    """Where step_needs says a cell needs neither step, or one, the steps without it read
    the cell as all of them do; and a column needs a step where one of its cells does."""
    as_column(cells)
    asked = f"coalesce({marked_sql('x')}, false), coalesce({may_be_word_sql('x')}, false)"
    needs = [tuple(n) for n in CON.execute(f"select {asked} from many").fetchall()]
    assert step_needs(CON, "many", ["x"])["x"] == tuple(any(n[k] for n in needs) for k in (0, 1))
    for spec in (CONTRACT, ORDER):
        whole = read(cells, plain_steps("x", spec))
        for need in {n for n in needs if n != (True, True)}:
            at = [i for i, n in enumerate(needs) if n == need]
            fewer = read([cells[i] for i in at], plain_steps("x", spec, *need))
            assert fewer == [whole[i] for i in at], (spec.name, need, [cells[i] for i in at])


def as_column(cells: list[str | None]) -> None:
    CON.execute("create or replace temp table many as select unnest(?::varchar[]) as x", [cells])


WORDS = sorted({*NO_ONE, *UNKNOWN_WORDS, *NONE_WORDS})


def test_every_word_for_none_is_read_with_its_step() -> None:
    cells = [
        *WORDS,
        *(w.upper() for w in WORDS),
        *(f'="{w}"' for w in WORDS),
        *(f"'{w}" for w in WORDS),
    ]
    judged(cells)


def test_plain_ids_need_neither_step() -> None:
    as_column(["ORD-2026-0003", "E00452", None])
    assert step_needs(CON, "many", ["x"]) == {"x": (False, False)}
    as_column(["ORD-2026-0003", "n.v.t."])
    assert step_needs(CON, "many", ["x"]) == {"x": (True, True)}  # a dot, and maybe a word
    as_column(["E00452", "geen"])
    assert step_needs(CON, "many", ["x"]) == {"x": (False, True)}


CHARS = st.sampled_from(
    [
        *"geonvtbGENVT=\"' .,-/023?",
        "\u0301",
        "\u0338",
        "\u00e9",
        "\u212a",
        "\u00a0",
        "\u200b",
        "\uff47",
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(CHARS, max_size=8), st.sampled_from(WORDS), st.none()),
        min_size=1,
        max_size=4,
    )
)
@example(['="geen"', "n/b", "=\u0338", "z\u030c"])
@example(["nvt=", "'geen", "GEEN2"])
def test_a_cell_without_the_need_reads_the_same_without_the_step(cells: list[str | None]) -> None:
    judged(cells)


def test_no_composition_takes_a_character_that_says_no_word() -> None:
    """The steps before the words for none make a cell NFC (DuckDB's nfc_normalize): a
    character of NO_WORD_KEPT must stay whatever mark follows it (= does not: = and
    U+0338 are ≠)."""
    kept = [c for c in NO_WORD_KEPT[1:-1].replace("\\", "")]
    marks = [
        chr(cp)
        for cp in range(0x300, 0x110000)
        if unicodedata.combining(chr(cp)) or unicodedata.category(chr(cp)).startswith("M")
    ]
    pairs = [c + m for c in kept for m in marks]
    taken = CON.execute(
        "select p from unnest(?::varchar[]) as t(p) where left(nfc_normalize(p), 1) <> left(p, 1)",
        [pairs],
    ).fetchall()
    assert not taken, taken[:3]
    assert CON.execute("select nfc_normalize('=' || chr(824))").fetchone()[0] == "\u2260"
