"""The languages the product's texts are written in (risks/*.yaml: nl and en), for the
snapshot, the RvC PDF and the command line. Imports nothing, so ``radar --help`` stays
quick."""

LANGUAGES: tuple[str, ...] = ("nl", "en")
