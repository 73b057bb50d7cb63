"""Where in a YAML file a problem is: the file and line, the entry (by its id or code) and
the field that a pydantic error or a cross-check names.

Used by the catalogue (pipelines/core/catalogue.py) and the roles file
(pipelines/access/roles.py) so that a refused file is reported as ``file:line, entry X,
field y`` rather than as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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


def locate(path: Path, root: yaml.Node | None, data: Any, loc: tuple[Any, ...]) -> str:
    loc = _clean_loc(data, loc)
    node = _node_at(root, loc)
    where = f"{path}:{node.start_mark.line + 1}" if node is not None else str(path)
    entry, rest = _entry_name(data, loc)
    field = ".".join(str(p) for p in rest)
    parts = [where]
    if entry:
        parts.append(f"entry {entry}")
    if field:
        parts.append(f"field {field}")
    return ", ".join(parts)


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
