"""Deliberately bad rows: each breaks exactly one canonical rule (``Bad``), chosen away
from the planted units (``_pick_rows``) and written into the file (``_apply_bad``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Bad:
    row: int  # index in the clean frame
    column: str  # column as in the file
    canonical: str
    value: str
    reason: str
    duplicate: bool = False  # insert a copy after `row`; both rows are listed
    dup_changes: dict[str, str] | None = None


def _pick_rows(rng, eligible: np.ndarray, n: int) -> list[int]:
    idx = np.flatnonzero(eligible)
    # keep clear of the first rows, so a bad row is never mistaken for a header problem
    idx = idx[idx >= min(5, max(0, len(eligible) - n))]
    return sorted(int(i) for i in rng.choice(idx, n, replace=False))


def _apply_bad(df: pd.DataFrame, bads: list[Bad]) -> tuple[pd.DataFrame, list[tuple[Bad, int]]]:
    """Write the bad values in and insert duplicates; return the frame and file lines."""
    df = df.copy()
    tags: dict[int, list[tuple[int, bool]]] = {}
    for i, b in enumerate(bads):
        if not b.duplicate:
            df.iat[b.row, df.columns.get_loc(b.column)] = b.value
        tags.setdefault(b.row, []).append((i, False))
    pieces, positions, start = [], [], 0
    n_before = 0
    for row in sorted(tags):
        pieces.append(df.iloc[start : row + 1])
        n_before += row + 1 - start
        for i, _ in tags[row]:
            positions.append((i, n_before - 1))
        start = row + 1
        for i, _ in tags[row]:
            b = bads[i]
            if b.duplicate:
                dup = df.iloc[[row]].copy()
                for col, val in (b.dup_changes or {}).items():
                    dup.iat[0, dup.columns.get_loc(col)] = val
                pieces.append(dup)
                n_before += 1
                positions.append((i, n_before - 1))
    pieces.append(df.iloc[start:])
    out = pd.concat(pieces, ignore_index=True)
    lines = [(bads[i], pos + 2) for i, pos in positions]  # header is line 1
    return out, lines
