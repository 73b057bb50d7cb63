"""UTF-16 and UTF-32 text told by its bytes, and the first lines of a text cut where no
character is split (pipelines/ingest/readers.py decodes; these look at the bytes before it
does)."""

from __future__ import annotations

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# UTF-32's little-endian mark begins as UTF-16's: looked at first (helper-207: a UTF-32
# file was read as UTF-16, its header '\x00o\x00r...' a missing column)
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def first_lines(data: bytes, size: int) -> bytes:
    """The first ``size`` bytes of a text, cut after its last whole line; UTF-16 (a line
    end of two bytes) only at an even byte, UTF-32 at a fourth, so no character is split."""
    if utf32(data):
        return data[: size - size % 4]
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


def utf32(data: bytes) -> str | None:
    """``utf-32`` for UTF-32 text with its byte order mark, ``utf-32-le`` or ``utf-32-be``
    for text in Latin letters without it (each character's highest byte zero, the next
    nearly always, its lowest nearly never); None otherwise."""
    if data.startswith(UTF32_BOMS):
        return "utf-32"
    sample = data[: min(len(data), 4096) // 4 * 4]
    if len(sample) < 8:
        return None
    zeros = [sample[i::4].count(0) for i in range(4)]
    quarter = len(sample) // 4
    if zeros[3] == quarter and zeros[2] >= quarter * 0.9 and zeros[0] < quarter / 4:
        return "utf-32-le"
    if zeros[0] == quarter and zeros[1] >= quarter * 0.9 and zeros[3] < quarter / 4:
        return "utf-32-be"
    return None
