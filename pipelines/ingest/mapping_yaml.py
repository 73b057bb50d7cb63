"""The YAML a column mapping is written in, read as a mapping needs it (MappingLoader):
plain values stay the text they are written as, and a key written twice is refused
(DuplicateKey) instead of PyYAML keeping the last without a word."""

from __future__ import annotations

import re

import yaml


class MappingLoader(yaml.SafeLoader):
    """YAML as a mapping needs it: a mapping maps the export's text to text, so a plain
    value stays the text it is written as, and only ``true``/``false`` are booleans (as
    in YAML 1.2) and ``null`` (or ``~``, or nothing) is null. PyYAML follows YAML 1.1:
    ``Yes``, ``No``, ``On`` and ``Off`` are booleans there, ``0101`` is the octal number
    65 and ``1_2`` is 12, so an English export's labels, a column called "Off" or an org
    unit code ``0101`` in ``values`` would no longer match the file's text. Numbers the
    mapping itself needs (``header_row: 3``) and dates (``export_date: 2026-07-01``) are
    read from that text by the model's own field types."""


class DuplicateKey(yaml.YAMLError):
    """A key written twice in one YAML mapping: its first value would be dropped."""

    def __init__(self, key: object, line: int, first: int) -> None:
        super().__init__(key)
        self.key, self.line, self.first = key, line, first


def _without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    """A YAML mapping, refusing a key written twice (PyYAML keeps the last without a word:
    helper-171, a second values: or columns: block dropped the first)."""
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":  # <<: *base, overridden after it: fine
            continue  # (helper-173: refused, the merge key taken for a value)
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool):
            continue  # an unhashable key: construct_mapping says so
        if key in seen:
            raise DuplicateKey(key, key_node.start_mark.line + 1, seen[key])
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=True)


MappingLoader.add_constructor("tag:yaml.org,2002:map", _without_duplicates)

MappingLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag
        not in (
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:timestamp",
        )
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
MappingLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
