"""Which one-byte code page a file that is not UTF-8 was written in, where the bytes can
tell: Windows-1252 (the default), Mac OS Roman (Excel for Mac's CSV) or DOS code page
850 (older packages' exports). All three decode any byte without an error, so an error
cannot tell them apart; their letters can.

A high byte right after a letter is read in each (plausible): a letter that fits the
case around it (next to a small letter a small one: not 'CafŽ', 'MŸller'; inside a word
of capitals a capital: not 'MšLLER', 'CAFƒ') or an apostrophe (auto’s, AUTO´S) is plausible; a
space, a dash, an ellipsis or a times sign (glued: jaren…prima), and a closing mark at a
word's end (a closing quote, ™, €), tell nothing; anything else is implausible (a quote
or sign inside a word: 'K”se', 'Dani‘lle', 'Chƒteau'; at its end an opening quote, ‘ or
‰: 'Caf‚', 'Zo‘', 'Belgi‰'). A word is evidence for the other code page where
Windows-1252's reading is implausible and the other's plausible, and against it the
other way round (Windows-1252's 'Dušan' is Mac's 'Duöan', both letters: neither). More
evidence for than against, at least two (one in a file whose lines end in CR alone, as
Excel for Mac writes them), refuses the file naming both readings; it is never guessed.
A code page a column mapping declares (cp850, mac-roman, ...) is held against the three
the same way (``lookalike(data, base)``); a declared Windows-1252 is taken at its word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np

# The code pages told apart from Windows-1252, in the order a tie is decided
OTHERS = ("mac-roman", "cp850")
# What stands for an apostrophe in a word: the right quote, and the acute accent and the
# grave that keyboards without one typed (DOS's AUTO´S; helper-181: as a sign inside a
# word it outvoted DOS's Müller and Café for Mac's AUTOÔS)
APOSTROPHES = frozenset("\u2019\u00b4`")
# Where both other code pages read a letter (DOS's ö is Mac's î), the one whose letter
# Dutch writes counts double; a tie goes to Mac's in a file with CR alone, DOS's otherwise
DUTCH_LETTERS = set("áàäâéèëêíïóöôúüûç")
WORD_BEFORE, WORD_AFTER = re.compile(rb'[^\s;,\t|"]*$'), re.compile(rb'[^\s;,\t|"]*')


@dataclass(frozen=True)
class Lookalike:
    """A word that reads as another code page's: where, and in both readings."""

    codec: str
    at: int  # the byte that marks it
    read: str  # the word as the code page it was held against reads it
    other: str


# Signs that glue to words in any text and tell nothing anywhere (jaren…prima, L×B×H)
ANYWHERE = frozenset("…×·")
# At a word's end also what closes one: a closing quote (and “, as German closes one:
# „Bedankt“), ™, ², °, €; not ‘ (Mac's ë: België), an opening low quote (DOS's é:
# Café), ‰ (DOS's ë) or ƒ (the guilder, no letter here, goes before an amount: Mac's É)
CLOSING = ("Pf", "Pe", "So", "No", "Sc")


@cache
def plausible(sign: str, small: bool, capital: bool, letter_follows: bool) -> bool | None:
    """Whether ``sign`` is plausible after a letter (True), implausible (False), or tells
    nothing (None). ``small``: a small letter is before it or after it (a word's capitals
    come first: 'MŸller' is no word); ``capital``: it stands in a word of capitals ('MšLLER',
    'CAFƒ' are none)."""
    if sign.isalpha() and sign != "ƒ":
        return sign.islower() if small else (sign.isupper() if capital else True)
    if sign in APOSTROPHES:
        return True
    kind = unicodedata.category(sign)
    if kind in ("Zs", "Pd") or sign in ANYWHERE:
        return None
    if not letter_follows and (kind in CLOSING or sign == "“"):
        return None
    return False


def _dutch(byte: int, codec: str) -> bool:
    """Whether ``byte`` reads in ``codec`` as a letter Dutch writes with an accent."""
    return bytes([byte]).decode(codec).lower() in DUTCH_LETTERS


def _verdict(key: int, codec: str, base: str = "cp1252") -> int:
    """+1 where the word reads as ``codec`` rather than ``base``, -1 the other way."""
    before, byte, follows = key >> 11, (key >> 3) & 0xFF, key & 7
    small = before == SMALL or follows == SMALL
    capital = not small and (before == CAPITALS or follows == CAPITAL)
    letter_follows = follows != NONE
    sign = bytes([byte])
    windows = plausible(sign.decode(base), small, capital, letter_follows)
    other = plausible(sign.decode(codec), small, capital, letter_follows)
    if windows is False and other is True:
        return 1
    if windows is True and other is False:
        return -1
    return 0


# Around the high byte: before it a small letter, a capital after a capital (a word in
# capitals) or a capital; after it nothing, a small letter, a capital or a high byte
NONE, SMALL, CAPITAL, CAPITALS, HIGH = 0, 1, 2, 3, 4


KINDS = np.full(256, NONE, dtype=np.int8)  # each byte's kind, looked up (int8: a 50 MB
KINDS[ord("a") : ord("z") + 1] = SMALL  # file of accents took 955 MB in int64 arrays)
KINDS[ord("A") : ord("Z") + 1] = CAPITAL
KINDS[0x80:] = HIGH


def high_after_letter(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Each high byte right after an ASCII letter, as its position and its key: what
    stands before it and after it, and the byte; in numpy, as a 50 MB file's every byte
    is looked at (a regular expression took 2 s)."""
    signs = np.frombuffer(data, dtype=np.uint8)
    at = np.flatnonzero(signs[1:] >= 0x80) + 1
    folded = signs[at - 1] | 0x20
    at = at[(folded >= ord("a")) & (folded <= ord("z"))]
    before = KINDS[signs[at - 1]]
    two_before = KINDS[signs[np.maximum(at - 2, 0)]]
    two_before[at < 2] = NONE
    before[(before == CAPITAL) & (two_before == CAPITAL)] = CAPITALS
    follows = KINDS[signs[np.minimum(at + 1, len(signs) - 1)]]
    follows[at + 1 >= len(signs)] = NONE
    keys = (before.astype(np.int32) << 11) | (signs[at].astype(np.int32) << 3) | follows
    return at, keys


# Bytes Windows-1252 has no character for: a file holding one is in no Windows-1252
NOT_WINDOWS = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def lookalike(data: bytes, base: str = "cp1252") -> Lookalike | None:
    """The first word that marks ``data`` (which ``base`` decodes: Windows-1252, or the
    code page a column mapping declares) as written in another of Windows-1252, Mac OS
    Roman and DOS 850, or None when ``base`` is as plausible."""
    at, found = high_after_letter(data)
    if not len(at):
        return None
    distinct, first, counts = np.unique(found, return_index=True, return_counts=True)
    keys = {int(k): (int(n), int(at[i])) for k, i, n in zip(distinct, first, counts, strict=True)}
    cr_only = b"\r" in data and b"\n" not in data
    best, rank = None, None
    others = [c for c in ("cp1252", *OTHERS) if c != base]
    if NOT_WINDOWS.search(data):
        others = [c for c in others if c != "cp1252"]
    for codec in others:
        verdicts = {key: _verdict(key, codec, base) for key in keys}
        evidence = sum(keys[key][0] for key, v in verdicts.items() if v > 0)
        against = sum(keys[key][0] for key, v in verdicts.items() if v < 0)
        if evidence < (1 if cr_only and codec == "mac-roman" else 2) or evidence <= against:
            continue
        marking = [key for key, verdict in verdicts.items() if verdict > 0]
        dutch = sum(keys[key][0] for key in marking if _dutch((key >> 3) & 0xFF, codec))
        ours = (evidence + dutch - against, cr_only == (codec == "mac-roman"))
        if rank is None or ours > rank:
            best, rank, where = codec, ours, min(keys[key][1] for key in marking)
    if best is None:
        return None
    word = WORD_BEFORE.search(data[max(0, where - 80) : where]).group()
    word += WORD_AFTER.match(data, where, where + 80).group()
    return Lookalike(best, where, word.decode(base), word.decode(best))
