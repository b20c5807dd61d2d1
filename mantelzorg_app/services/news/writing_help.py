"""The writing helper: while a trekker types, it points out what makes a post hard to read. It
never blocks: a post with hints can be saved and sent as it is.

Three rules, from the B1 guidelines (/work/shared/ui-guidelines.md):
- a sentence of more than SENTENCE_MOST words ("De zin “Wij nodigen alle …” is lang: 21 woorden");
- a word of more than LONG_WORD letters (Dutch glues words together: "mantelzorgondersteuning");
- a word of the jargon list with its plain alternative ("indicatie": "toestemming voor zorg"). The
  list is data (jargon.json, per language), matched on whole words, any case, also inflected
  ("indicaties", "casemanagers"): the text's words and the list's are compared by their snowball stem.

Links (``https://...``, ``www....``) and e-mail addresses count as one word of a sentence and are
never a long word; numbers are never words.
"""

import json
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.search.text import plain

SENTENCE_MOST = 15  # words a sentence may have
LONG_WORD = 14  # letters a word may have
QUOTED_WORDS = 5  # a long sentence is named by its first words
MOST = 10  # hints shown at once: the first ones in the text

LONG_SENTENCE = "long_sentence"
LONG_WORD_KIND = "long_word"
JARGON = "jargon"
MESSAGES = {
    LONG_SENTENCE: N_("De zin “{words} …” is lang: {n} woorden. Maak er twee zinnen van."),
    LONG_WORD_KIND: N_("“{words}” is een lang woord. Is er een korter woord voor?"),
    JARGON: N_("“{words}” is een moeilijk woord. Schrijf liever: {plain}."),
}
STEMMERS = {"nl": "dutch", "en": "english"}
ENDINGS = ("s", "'s", "e", "en", "n", "er", "ers", "es", "d", "ed", "t", "te", "ten")  # "bijdrage-n"

_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\s*\n\s*")  # a line break ends a sentence too (lists)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+")  # letters only: digits and signs separate words
_LINK_MARK = "\x00"  # stands for a link while the text is read
_local = threading.local()  # a snowball stemmer keeps state while it works: one per thread


@dataclass(frozen=True)
class Hint:
    """One thing that makes the text harder to read: its ``kind``, the ``words`` it is about (as
    written; a long sentence's first words), the ``plain`` alternative of jargon, and ``n``, the
    words of a long sentence."""

    kind: str
    words: str
    plain: str = ""
    n: int = 0
    at: int = 0  # where in the text: hints come in the text's order

    @property
    def message(self) -> str:
        return MESSAGES[self.kind]

    @property
    def values(self) -> dict[str, str]:
        return {"words": self.words, "plain": self.plain, "n": str(self.n)}


@cache
def jargon(lang: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The language's list: each entry's words (plain, lower case) with its plain alternative,
    the entries of most words first (so "respijtzorg" is found before "respijt")."""
    data = json.loads(resources.files(__package__).joinpath("jargon.json").read_text(encoding="utf-8"))
    entries = [(tuple(_WORD.findall(plain(word))), alternative) for word, alternative in data[lang].items()]
    return tuple(sorted(entries, key=lambda entry: -len(entry[0])))


def _same(word: str, listed: str, lang: str) -> bool:
    """Whether a text's word (plain) is the listed word, inflected: the same stem, or the listed
    word with an ending (the stemmer makes "bijdraag" of "bijdragen" but "bijdrag" of "bijdrage")."""
    if word == listed or _stem(word, lang) == _stem(listed, lang):
        return True
    return word.startswith(listed) and word[len(listed) :] in ENDINGS


@lru_cache(maxsize=16384)
def _stem(word: str, lang: str) -> str:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if lang not in stemmers:
        stemmers[lang] = snowballstemmer.stemmer(STEMMERS[lang])
    return stemmers[lang].stemWord(word)


def hints(text: str, lang: str) -> list[Hint]:
    """What the writer may want to change in ``text``, in the text's order, at most MOST."""
    lang = i18n.supported(lang)
    masked = _LINK.sub(lambda m: _LINK_MARK * len(m.group()), text)  # same length: positions stay
    found = _long_sentences(text, masked)
    taken = _jargon(masked, lang, found)
    _long_words(masked, taken, found)
    return sorted(found, key=lambda hint: hint.at)[:MOST]


def _long_sentences(text: str, masked: str) -> list[Hint]:
    found = []
    start = 0
    for end in [m.start() for m in _SENTENCE_END.finditer(masked)] + [len(masked)]:
        tokens = [t for t in _TOKEN.finditer(masked, start, end) if _counts(t.group())]
        if len(tokens) > SENTENCE_MOST:
            first = text[tokens[0].start() : tokens[QUOTED_WORDS - 1].end()]
            found.append(Hint(LONG_SENTENCE, first, n=len(tokens), at=tokens[0].start()))
        start = end
    return found


def _counts(token: str) -> bool:
    """A word of a sentence: anything with a letter or digit in it, or a link."""
    return _LINK_MARK in token or any(char.isalnum() for char in token)


def _jargon(masked: str, lang: str, found: list[Hint]) -> set[int]:
    """Adds each listed word the text uses (once, where it first appears); answers the positions
    of the text's words that were part of one, so they are not named a long word as well."""
    words = list(_WORD.finditer(masked))
    plains = [plain(w.group()) for w in words]
    taken: set[int] = set()
    seen: set[tuple[str, ...]] = set()
    for index in range(len(words)):
        for listed, alternative in jargon(lang):
            size = len(listed)
            span = plains[index : index + size]
            if len(span) < size or not all(_same(w, one, lang) for w, one in zip(span, listed, strict=True)):
                continue
            taken |= set(range(index, index + size))
            if listed not in seen:
                seen.add(listed)
                as_written = masked[words[index].start() : words[index + size - 1].end()]
                found.append(Hint(JARGON, as_written, alternative, at=words[index].start()))
            break
    return {words[i].start() for i in taken}


def _long_words(masked: str, taken: set[int], found: list[Hint]) -> None:
    seen: set[str] = set()
    for word in _WORD.finditer(masked):
        text = word.group()
        if len(text) > LONG_WORD and word.start() not in taken and text.casefold() not in seen:
            seen.add(text.casefold())
            found.append(Hint(LONG_WORD_KIND, text, at=word.start()))
