"""The ``radar`` command line: catalogue, build (and, as they land, demo and ingest)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from pipelines.catalogue import Catalogue, CatalogueError, load_catalogue
from pipelines.models import ModelError


def catalogue_table(cat: Catalogue, lang: str = "nl") -> pd.DataFrame:
    """The register as one row per risk, in register order."""
    categories = cat.settings.categories
    return pd.DataFrame(
        [
            {
                "id": r.id,
                "categorie" if lang == "nl" else "category": getattr(categories[r.category], lang),
                "naam" if lang == "nl" else "name": getattr(r.name, lang),
                "impact": r.impact,
                "kans" if lang == "nl" else "likelihood": r.inherent_likelihood,
                "risicobereidheid" if lang == "nl" else "appetite": r.appetite,
                "maatregelen" if lang == "nl" else "measures": len(r.control_measures),
                "indicatoren" if lang == "nl" else "indicators": len(cat.indicators_for(r.id)),
            }
            for r in cat.risks_in_order()
        ]
    )


def cmd_catalogue(args: argparse.Namespace) -> int:
    cat = load_catalogue(args.dir)
    table = catalogue_table(cat, args.lang)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
        return 0
    print(table.to_string(index=False))
    n_measures = sum(len(r.control_measures) for r in cat.risks)
    if args.lang == "nl":
        print(
            f"\n{len(table)} risico's, {n_measures} beheersmaatregelen, "
            f"{len(cat.indicators)} indicatoren, {len(cat.survey.items)} vragenlijst-items"
        )
    else:
        print(
            f"\n{len(table)} risks, {n_measures} control measures, "
            f"{len(cat.indicators)} indicators, {len(cat.survey.items)} survey items"
        )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from pipelines.build import build

    result = build()
    print(
        f"Gebouwd: {result.path} ({len(result.models)} modellen, marts: {', '.join(result.marts)})"
    )
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="radar",
        description=(
            "Integriteitsradar: scores integrity risks from the corporation's own data and "
            "holds them against the risk register."
        ),
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("catalogue", help="print the risk register from the catalogue in risks/")
    c.add_argument("--lang", choices=["nl", "en"], default="nl", help="language (default: nl)")
    c.add_argument("--format", choices=["table", "csv"], default="table")
    c.add_argument("--dir", default=None, help="catalogue folder (default: risks/)")
    c.set_defaults(func=cmd_catalogue)

    b = sub.add_parser("build", help="rebuild the warehouse: catalogue and SQL models")
    b.set_defaults(func=cmd_build)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (CatalogueError, ModelError) as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
