"""Which one-byte code page a file that is not UTF-8 was written in, where the bytes can
tell: Windows-1252 (the default), Mac OS Roman (Excel for Mac's CSV) or DOS code page
850 (older packages' exports). All three decode any byte without an error, so an error
cannot tell them apart; their letters can.

A high byte right after a letter is read in each: a reading is plausible when it is a
letter that fits the case around it (next to a small letter a small one: not 'CafŽ',
'MŸller'), or an apostrophe (auto’s); neutral when it is a space or a dash, or a
closing mark at a word's end (a closing quote, an ellipsis, ™); otherwise implausible
(a quote or permille sign inside a word: 'K”se', 'Dani‘lle', or an opening one at
its end: 'Caf‚'). A word is evidence for the other code page where Windows-1252's
reading is implausible and the other's plausible, and against it the other way round
(Windows-1252's 'Dušan' is Mac's 'Duõan', both letters: neither). More evidence
for than against, at least two (one in a file whose lines end in CR alone, as Excel for
Mac writes them), refuses the file naming both readings; it is never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

# The code pages told apart from Windows-1252, in the order a tie is decided
OTHERS = ("mac-roman", "cp850")
APOSTROPHE = "\u2019"
# Where both other code pages read a letter (DOS's ö is Mac's î), the one whose letter
# Dutch writes counts double; a tie goes to Mac's in a file with CR alone, DOS's otherwise
DUTCH_LETTERS = set("áàäâéèëêíïóöôúüûç")
WORD_BEFORE, WORD_AFTER = re.compile(rb'[^\s;,\t|"]*$'), re.compile(rb'[^\s;,\t|"]*')


@dataclass(frozen=True)
class Lookalike:
    """A word that reads as another code page's: where, and in both readings."""

    codec: str
    at: int  # the byte that marks it
    cp1252: str
    other: str


@cache
def plausible(sign: str, small: bool, letter_follows: bool) -> bool | None:
    """Whether ``sign`` is plausible after a letter (True), implausible (False), or tells
    nothing (None); ``small``: a small letter is before it or after it (a word's capitals
    come first: 'MŸller' is no word)."""
    if sign.isalpha():
        return sign.islower() or not small
    if sign == APOSTROPHE:
        return True
    kind = unicodedata.category(sign)
    if kind in ("Zs", "Pd"):
        return None
    if not letter_follows and kind not in ("Ps", "Pi"):
        return None  # a closing quote, an ellipsis, ™ or ² at a word's end
    return False


def _dutch(byte: int, codec: str) -> bool:
    """Whether ``byte`` reads in ``codec`` as a letter Dutch writes with an accent."""
    return bytes([byte]).decode(codec).lower() in DUTCH_LETTERS


def _verdict(key: int, codec: str) -> int:
    """+1 where the word reads as ``codec`` rather than Windows-1252, -1 the other way."""
    small_before, byte, follows = key >> 10, (key >> 2) & 0xFF, key & 3
    small, letter_follows = small_before or follows == SMALL, follows != NONE
    sign = bytes([byte])
    windows = plausible(sign.decode("cp1252"), small, letter_follows)
    other = plausible(sign.decode(codec), small, letter_follows)
    if windows is False and other is True:
        return 1
    if windows is True and other is False:
        return -1
    return 0


NONE, SMALL, OTHER_LETTER = 0, 1, 2  # what follows the high byte


def high_after_letter(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Each high byte right after an ASCII letter, as its position and its key: the case
    before it, the byte, and what follows (none, a small letter, another letter); in
    numpy, as a 50 MB file's every byte is looked at (a regular expression took 2 s)."""
    signs = np.frombuffer(data, dtype=np.uint8)
    at = np.flatnonzero(signs[1:] >= 0x80) + 1
    before = signs[at - 1]
    folded = before | 0x20
    at = at[(folded >= ord("a")) & (folded <= ord("z"))]
    before = signs[at - 1]
    after = signs[np.minimum(at + 1, len(signs) - 1)]
    small_after = (after >= ord("a")) & (after <= ord("z"))
    letter = small_after | ((after >= ord("A")) & (after <= ord("Z"))) | (after >= 0x80)
    follows = np.where(small_after, SMALL, np.where(letter, OTHER_LETTER, NONE))
    follows[at + 1 >= len(signs)] = NONE
    keys = ((before >= ord("a")).astype(np.int64) << 10) | (signs[at].astype(np.int64) << 2)
    return at, keys | follows


def lookalike(data: bytes) -> Lookalike | None:
    """The first word that marks ``data`` (which Windows-1252 decodes) as written in
    another code page, or None when Windows-1252 is as plausible."""
    at, found = high_after_letter(data)
    if not len(at):
        return None
    distinct, first, counts = np.unique(found, return_index=True, return_counts=True)
    keys = {int(k): (int(n), int(at[i])) for k, i, n in zip(distinct, first, counts, strict=True)}
    cr_only = b"\r" in data and b"\n" not in data
    best, rank = None, None
    for codec in OTHERS:
        verdicts = {key: _verdict(key, codec) for key in keys}
        evidence = sum(keys[key][0] for key, v in verdicts.items() if v > 0)
        against = sum(keys[key][0] for key, v in verdicts.items() if v < 0)
        if evidence < (1 if cr_only and codec == "mac-roman" else 2) or evidence <= against:
            continue
        marking = [key for key, verdict in verdicts.items() if verdict > 0]
        dutch = sum(keys[key][0] for key in marking if _dutch((key >> 2) & 0xFF, codec))
        ours = (evidence + dutch - against, cr_only == (codec == "mac-roman"))
        if rank is None or ours > rank:
            best, rank, where = codec, ours, min(keys[key][1] for key in marking)
    if best is None:
        return None
    word = WORD_BEFORE.search(data[max(0, where - 80) : where]).group()
    word += WORD_AFTER.match(data, where, where + 80).group()
    return Lookalike(best, where, word.decode("cp1252"), word.decode(best))
