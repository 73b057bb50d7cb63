"""UTF-16 text told by its bytes, and the first lines of a text cut where no character
is split (pipelines/ingest/readers.py decodes; these look at the bytes before it does)."""

from __future__ import annotations

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def first_lines(data: bytes, size: int) -> bytes:
    """The first ``size`` bytes of a text, cut after its last whole line; UTF-16 (a line
    end of two bytes) only at an even byte, so no character is split."""
    head = data[: size - size % 2]
    if len(head) == len(data) or data.startswith(UTF16_BOMS) or utf16_without_bom(data):
        return head
    return head[: head.rfind(b"\n") + 1] or head


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text without a byte order mark (as some
    database tools export), told by its zero bytes: text in Latin letters has a zero
    as every character's high byte and never as its low one; None otherwise."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if b"\x00" not in even and odd.count(0) >= half / 2:
        encoding = "utf-16-le"
    elif b"\x00" not in odd and even.count(0) >= half / 2:
        encoding = "utf-16-be"
    else:
        return None
    # and it reads as text: no control characters but tab and line ends
    text = sample.decode(encoding, "replace")
    return None if any(c < " " and c not in "\t\r\n\x1a" for c in text) else encoding
