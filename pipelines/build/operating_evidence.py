"""The operating-evidence settings (risks/settings.yaml ``operating_evidence``) as the
raw_catalogue__operating_* tables int_controls__operating_evidence reads. A catalogue
without the section gives the tables without rows: no measure has operating evidence."""

from __future__ import annotations

import pandas as pd

from pipelines.core.catalogue import Catalogue

SOURCE_COLUMNS = [
    "source",
    "source_kind",
    "control_measure_id",
    "window_months",
    "werkt_min_share",
    "deels_min_share",
    "unit_level",
    "min_attendance",
]


def operating_frames(cat: Catalogue) -> dict[str, pd.DataFrame]:
    """Sources x measures (with the rating rule's settings), the training kinds each
    training source counts, and the ratings with their penalty in the combining rule."""
    oe = cat.settings.operating_evidence
    sources = pd.DataFrame(
        [
            {
                "source": name,
                "source_kind": oe.kind(name),
                "control_measure_id": measure,
                "window_months": oe.window_months,
                "werkt_min_share": oe.werkt_min_share,
                "deels_min_share": oe.deels_min_share,
                "unit_level": oe.unit_level,
                "min_attendance": oe.min_attendance,
            }
            for name, measure in (oe.measure_sources() if oe else [])
        ],
        columns=SOURCE_COLUMNS,
    )
    kinds = pd.DataFrame(
        [
            {"source": name, "training_kind": kind}
            for name, s in (oe.sources.items() if oe else [])
            for kind in s.training_kinds
        ],
        columns=["source", "training_kind"],
    )
    ratings = pd.DataFrame(
        [
            {
                "rating": k,
                "effectiveness_penalty": oe.effectiveness_penalty[k],
                "name_nl": text.nl,
                "name_en": text.en,
            }
            for k, text in (oe.ratings.items() if oe else [])
        ],
        columns=["rating", "effectiveness_penalty", "name_nl", "name_en"],
    )
    return {
        "raw_catalogue__operating_sources": sources.astype(
            {"window_months": "Int64", "werkt_min_share": float, "deels_min_share": float}
            | {"min_attendance": float}
        ),
        "raw_catalogue__operating_training_kinds": kinds.astype(str),
        "raw_catalogue__operating_ratings": ratings.astype({"effectiveness_penalty": float}),
    }
