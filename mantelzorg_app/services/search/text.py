"""Words as the index holds them: lower case, without accents, Dutch-stemmed ("boodschappen" and
"boodschap" both become "boodschap"). The same function makes the index's terms and a query's, on
SQLite and on PostgreSQL alike, so both databases match the same words.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_QUERY = 200  # characters of a query we read; the rest is cut
_WORD = re.compile(r"[^\W_]+")  # letters and digits; everything else (FTS syntax too) separates words
_local = threading.local()  # a snowball stemmer keeps state while it works: one per thread


def plain(text: str) -> str:
    """Lower case without accents: "Café één" -> "cafe een"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of a text, plain, in order."""
    return _WORD.findall(plain(text))


@lru_cache(maxsize=65536)  # the same words come again and again, in the index as in queries
def stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch")
    return stemmer.stemWord(word)


def terms(text: str) -> str:
    """The text's stemmed words, space-separated: what the full-text columns hold."""
    return " ".join(stem(word) for word in words(text))
