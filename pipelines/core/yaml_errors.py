"""Where in a YAML file a problem is: the file and line, the entry (by its id or code) and
the field that a pydantic error or a cross-check names.

And what is wrong there, in any language (``PydanticProblem``, ``error_message``: the
texts of pipelines/core/locales/errors.yaml). Used by the catalogue
(pipelines/core/catalogue.py) and the roles file (pipelines/access/roles.py) so that a
refused file is reported as ``file:line, entry X, field y`` rather than as a traceback.
``read_yaml`` reads such a file (each text parsed once per process).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from pipelines.core.texts import Joined, Message, MessageError, in_language, messages

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=Loader)


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the parts of a pydantic location that are not in the YAML (union tags)."""
    clean, cur = [], data
    for part in loc:
        if isinstance(cur, dict) and part not in cur and part in cur.values():
            continue  # a discriminator tag such as 'gift_max_value'
        clean.append(part)
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            cur = None
    return tuple(clean)


def _node_at(node: yaml.Node | None, loc: tuple[Any, ...]) -> yaml.Node | None:
    """The YAML node at a location, or the deepest one that exists on the way there."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            child = node.value[part] if part < len(node.value) else None
        else:
            child = None
        if child is None:
            break
        node = child
    return node


def _entry_name(data: Any, loc: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """Name the innermost entry (by its id or code) and the field path below it."""
    entry, rest, cur = "", loc, data
    for depth, part in enumerate(loc):
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(cur, dict) and ("id" in cur or "code" in cur):
            entry, rest = str(cur.get("id", cur.get("code"))), loc[depth + 1 :]
    return entry, rest


def place(path: Path, root: yaml.Node | None, data: Any, loc: tuple[Any, ...]) -> Joined:
    """``file:line, entry X, field y`` in any language (text(lang); str(): Dutch)."""
    loc = _clean_loc(data, loc)
    node = _node_at(root, loc)
    where = f"{path}:{node.start_mark.line + 1}" if node is not None else str(path)
    entry, rest = _entry_name(data, loc)
    field = ".".join(str(p) for p in rest)
    parts: list[str | Message] = [where]
    if entry:
        parts.append(error_message("catalogue.entry", entry=entry))
    if field:
        parts.append(error_message("catalogue.field", field=field))
    return Joined(parts, sep=", ")


def problems(path: Path, text: str, data: Any, errors: list[Any]) -> Joined:
    """Every pydantic error of a YAML file, one per line: ``file:line, entry X, field y:
    what is wrong``, in any language (the roles file, the meldingen catalogues)."""
    root = compose(text)
    return Joined(
        error_message(
            "catalogue.problem",
            where=place(path, root, data, tuple(e["loc"])),
            problem=PydanticProblem(e),
        )
        for e in errors
    )


def find_entry_line(root: yaml.Node | None, entry: str) -> int | None:
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value in ("id", "code") and getattr(v, "value", None) == entry:
                    return node.start_mark.line + 1
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


class CatalogueError(MessageError, ValueError):
    """A catalogue file that cannot be used; the message says where and why (str(): Dutch,
    text(lang); locales/errors.yaml). Defined here with CatalogueRule;
    pipelines.core.catalogue re-exports both."""


class CatalogueRule(MessageError, ValueError):
    """A model's own check that failed (pydantic reports it as a value_error): raised with
    ``error_message(...)`` in a model validator, so the refusal speaks the reader's
    language. Here, below the catalogue, so that the settings models it reads
    (operating_evidence.py, procurement_settings.py) and the roles and meldingen files use
    it too; pipelines.core.catalogue re-exports it."""


def error_message(key: str, **values: Any) -> Message:
    """A text of locales/errors.yaml."""
    return Message(key, locale_file="errors", **values)


class PydanticProblem:
    """What pydantic found wrong with a value, in any language: its error type's text in
    locales/errors.yaml (pydantic.<type>, with the error's context), else pydantic's own
    English message."""

    def __init__(self, error: Any) -> None:
        self.error = error

    def text(self, lang: str = "nl") -> str:
        key = f"pydantic.{self.error['type']}"
        if key not in messages("errors"):
            return self.error["msg"]
        context = {k: in_language(v, lang) for k, v in (self.error.get("ctx") or {}).items()}
        if lang == "nl" and "expected" in context:  # pydantic's "'a', 'b' or 'c'"
            context["expected"] = context["expected"].replace("' or '", "' of '")
        try:
            return error_message(key, **context).text(lang)
        except (KeyError, IndexError):
            return self.error["msg"]

    def __str__(self) -> str:
        return self.text()


def located(path: Path, text: str, data: Any, err: Any, said: Any | None = None) -> tuple[str, Any]:
    """Where a column mapping's field is wrong (``file:line``, as the catalogue's refusals
    say it) and what is wrong: the mapping's own rule as it says itself (``said``), else
    pydantic's problem with the value the file holds (helper-193: 'veld header_row:
    verwacht een geheel getal' named neither the line nor 'drie')."""
    loc = _clean_loc(data, tuple(err["loc"]))
    key = getattr(getattr(said, "message", None), "key", "")
    if not loc and isinstance(data, dict) and key.partition(".")[2] in data:
        loc = (key.partition(".")[2],)  # a field the mapping's own check names (helper-196)
    try:  # a rule of the whole mapping has no place of its own: no line (helper-195: 1)
        node = _node_at(compose(text), loc) if loc else None
    except yaml.YAMLError:
        node = None
    where = f"{path}:{node.start_mark.line + 1}" if node is not None else str(path)
    if said is not None:
        return where, said
    value = err.get("input")
    if err["type"] in ("missing", "extra_forbidden") or isinstance(value, dict | list | None):
        return where, PydanticProblem(err)  # nothing there to quote (header_row: ~)
    shown = repr(value) if isinstance(value, str) else str(value).lower()
    found = error_message("pydantic.found", value=shown[:60])
    return where, Joined([PydanticProblem(err), found], sep="; ")


@functools.lru_cache(maxsize=32)
def _parse(text: str) -> Any:
    """A YAML text parsed, once per text: every page run and every build reads the
    catalogue (38 ms of parsing each time); a changed file is a new text. The result is
    shared, so it is only ever read (model_validate builds new objects from it)."""
    return yaml.load(text, Loader=Loader)


def read_yaml(path: Path) -> tuple[Any, str]:
    """The parsed YAML and its text (kept to locate errors by line when there are any)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(error_message("catalogue.missing", path=path)) from None
    except UnicodeDecodeError as exc:
        raise CatalogueError(
            error_message("catalogue.not_utf8", path=path, reason=exc.reason)
        ) from None
    try:
        return _parse(text), text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and mark.line >= len(text.splitlines()):
            # The problem shows only at the end of the file: point at where it began.
            mark = getattr(exc, "context_mark", None) or mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        context = getattr(exc, "context", None)
        reason = getattr(exc, "problem", None) or str(exc)
        detail = f"{reason} ({context})" if context else reason
        raise CatalogueError(
            error_message("catalogue.not_yaml", where=where, detail=detail)
        ) from None


# PyYAML's problems as a Dutch reader says them (helper-171: "expected ',' or ']', but
# got '<scalar>'" stood in a Dutch message); any other is quoted as the reader's words
YAML_PROBLEMS = (
    (
        "found character '\\t' that cannot start any token",
        "een tab, waar YAML alleen spaties kent om in te springen",
    ),
    ("expected ',' or ']'", "een [ die niet wordt gesloten, of een komma die ontbreekt"),
    ("expected ',' or '}'", "een { die niet wordt gesloten, of een komma die ontbreekt"),
    ("expected <block end>, but found '}'", "een } te veel"),
    ("expected <block end>, but found ']'", "een ] te veel"),
    ("expected <block end>", "een regel die anders is ingesprongen dan die erboven"),
    ("mapping values are not allowed here", "een dubbele punt waar geen veld kan beginnen"),
    ("could not find expected ':'", "een dubbele punt die ontbreekt"),
    (
        "found unknown escape character",
        "een \\ tussen dubbele aanhalingstekens (zet de tekst tussen enkele)",
    ),
    ("found unexpected end of stream", "een aanhalingsteken dat niet wordt gesloten"),
)


def yaml_problem(problem: str | None) -> object:
    """PyYAML's problem as a Message value: in Dutch where it is a known one, else the
    reader's own words quoted as such; in English as PyYAML said it."""
    from pipelines.core.texts import InLanguage

    said = problem or ""
    dutch = next((nl for en, nl in YAML_PROBLEMS if said.startswith(en)), None)
    return InLanguage(
        lambda lang: said if lang != "nl" else dutch or f"melding van de lezer: {said}"
    )
