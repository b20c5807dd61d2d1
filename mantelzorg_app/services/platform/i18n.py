"""Languages and their catalogues, from Babel's compiled ``translations/<lang>/LC_MESSAGES/messages.mo``.

Message ids are the Dutch source sentences, whole and with named placeholders ("Welkom in {hub}").
``t("...")`` marks a string in pages, ``N_("...")`` marks one in plain Python data; both are
found by ``pybabel extract`` (see the Makefile).
"""

from functools import cache

from babel.messages.mofile import read_mo

from mantelzorg_app import settings

# Each language by its own name, in the order the language control shows them.
LANGUAGES: dict[str, str] = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"


def N_(msgid: str) -> str:
    """Marks a string for the catalogue without translating it yet."""
    return msgid


def supported(lang: str | None) -> str:
    """The language to use for a requested code: itself when we have it, else Dutch."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message id with its translation in ``lang``; an untranslated entry falls back to the id."""
    path = settings.TRANSLATIONS / supported(lang) / "LC_MESSAGES" / "messages.mo"
    with path.open("rb") as fileobj:
        mo = read_mo(fileobj)
    return {m.id: (m.string or m.id) for m in mo if m.id and isinstance(m.id, str)}


def gettext(lang: str, msgid: str, **values: object) -> str:
    text = catalogue(supported(lang)).get(msgid, msgid)
    return text.format(**values) if values else text
