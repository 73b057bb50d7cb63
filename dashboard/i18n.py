"""The UI texts for the pages: pipelines.core.texts, which the RvC PDF reads too."""

from pipelines.core.texts import DEFAULT_LANGUAGE, LANGUAGES, TEXTS_DIR, t, texts

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "TEXTS_DIR", "t", "texts"]
