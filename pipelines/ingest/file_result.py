"""One file's outcome of ``radar ingest`` (ingest_files returns one per load): what was
read, loaded, quarantined or skipped, with its notes, and the line or lines the summary
says of it, in the user's language (locales/ingest.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.core.texts import Message, in_language, messages
from pipelines.ingest.loads import LOADED, REFUSED, same_file, superseded_note
from pipelines.ingest.quarantined import Quarantined, printable

# Notes on what is as it should be, shown without "let op" (FileResult.summary)
INFORMATIVE = frozenset({"note.overlap_dated"})


@dataclass
class FileResult:
    path: Path
    dataset: str | None = None
    content_hash: str = ""
    rows_in: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    skipped: bool = False
    error: str | None = None  # Said: Dutch as a str, text(lang) in another language
    # More than ingest.max_quarantined_share of the rows quarantined: nothing loaded.
    failed: bool = False
    notes: list[Message | str] = field(default_factory=list)  # Messages (recognise.note)
    # skipped as the twin (same content) of another file of this run
    same_as: Path | None = None
    # skipped: the file under which (and when) the same content was ingested before
    earlier: tuple[str, dt.datetime | None] | None = None
    # the sheet read, where this run reads more than one sheet of the workbook
    sheet: str | None = None
    # skipped: the export of this content was withdrawn (radar withdraw): file, when read
    withdrawn: tuple[str, dt.datetime | None] | None = None
    # skipped as loaded: the newer exports its keys count from (loads.superseded_by)
    superseded: list[tuple[str, str, int]] = field(default_factory=list)
    # the first quarantined lines of the file (summary names them)
    examples: list[Quarantined] = field(default_factory=list)
    reasons: int = 0  # quarantine rows of the file: a line breaking two rules has two

    @property
    def status(self) -> str:
        return REFUSED if self.failed else LOADED

    def summary(self, lang: str = "nl") -> str:
        """One line about the file (and a line per note), in ``lang`` (locales/ingest.yaml);
        the notes are Messages (``note``): the warehouse keeps their Dutch."""

        def say(key: str, **values: object) -> str:
            if self.sheet is not None and values.get("path") == self.path:
                values["path"] = f"{self.path} [{self.sheet}]"
            return messages("ingest")[key][lang].format(**values)

        if self.error:
            return say("file.error", error=in_language(self.error, lang))
        if self.skipped and self.withdrawn is not None:
            name, when = self.withdrawn
            stamp = f"{when:%d-%m-%Y %H:%M}" if when is not None else "?"
            # the way back through the copy only where this file is another (helper-155)
            key = "file.withdrawn" if same_file(name, Path(self.path)) else "file.withdrawn_copy"
            return say(key, path=self.path, earlier=name, when=stamp)
        if self.skipped and self.same_as is not None:
            # one file named twice (a folder and a file in it, ./x.csv and x.csv) is no copy
            key = "file.same_file" if same_file(str(self.same_as), self.path) else "file.same_as"
            return say(key, path=self.path, same_as=self.same_as)
        if self.skipped:  # as loaded before: said with the newer export that counts instead
            name, when = self.earlier or (str(self.path), None)
            stamp = f"{when:%d-%m-%Y %H:%M}" if when is not None else "?"
            # the same file by another path (relative, through a symlink) is no copy of it
            key = "file.skipped" if same_file(name, Path(self.path)) else "file.skipped_as"
            text = say(key, path=self.path, earlier=name, when=stamp)
            if later := superseded_note(self.superseded, self.path):
                text += "\n  " + say("file.note", note=in_language(later, lang))
            return text
        said = ("path", "dataset", "rows_in", "rows_loaded", "rows_quarantined")
        counts = {name: getattr(self, name) for name in said}
        text = say("file.refused" if self.failed else "file.loaded", **counts)
        # what is as it should be is said plainly; the rest with "let op" (helper-121: the
        # year-to-date export's "per key the newest counts" was a warning 30 times a year;
        # helper-123: a missing optional column may be one the indicators read: a warning)
        for n in self.notes:
            plain = isinstance(n, Message) and n.key in INFORMATIVE
            text += "\n  " + (
                in_language(n, lang) if plain else say("file.note", note=in_language(n, lang))
            )
        text += "".join(
            "\n  " + say("file.quarantined", reason=printable(q.said(self.path.name, lang)))
            for q in self.examples
        )
        more = self.reasons - len(self.examples)
        if more > 0:
            text += "\n  " + say("file.more_quarantined", count=more)
        return text
