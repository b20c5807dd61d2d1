"""What makes a sociale kaart service right: the one set of rules for the partner form
(``edits``), the HSDS import (``validation``, ``hsds``) and the card (``state.directory.service``).

Both ways in check the same: what the import lets in, the partner's form does not refuse later for
a field they never typed, and what a partner sends (and the coordinator approves) the hub's own
export can load again. A phone that dials, a website (http or https only), an e-mail address, the
texts a service must have, an address that is whole, texts that fit their columns, the language
and day names (Babel's, in every language of the app) and the province of a hub.
"""

import re
from urllib.parse import urlsplit

from babel import Locale
from babel.dates import get_day_names

from mantelzorg_app.models import Service
from mantelzorg_app.services.identity.login_codes import normalise_email
from mantelzorg_app.services.platform import i18n
from mantelzorg_app.services.platform.i18n import N_

# A service has these, in the form as in a file: its name and what they do.
REQUIRED = ("name", "description")
# An address is whole with these three; the form and a file give all of them or none.
ADDRESS = ("address_1", "postal_code", "city")

TOO_LONG = N_("Dit is te lang. Gebruik niet meer dan {most} tekens.")
WRONG_PHONE = N_("Dit telefoonnummer klopt niet. Typ alleen cijfers, spaties of een streepje.")
SHORT_PHONE = N_("Dit telefoonnummer is te kort. Typ het hele nummer, met het netnummer.")

PHONE_DIGITS = (9, 15)  # a whole number with its area code, up to the longest international one
_PHONE = re.compile(r"\+?[0-9][0-9 \-./()]*|\([0-9][0-9 \-./()]*")  # "(033) 123 45 67" too
_SHORT_NUMBER = re.compile(r"14\d{3,4}")  # a Dutch municipality's 14 + area code: "14 033"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_HOST = re.compile(r"[a-z0-9.-]+")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # Monday first, as Babel counts
# The languages the form offers; a service may hold others (from a file), which stay.
LANGUAGE_CODES = ("nl", "en", "de", "fr", "ar", "tr", "pl", "uk")
# The province a hub lies in (HSDS requires address.state_province): a hub lies in one province as
# in one country, and this says it for each hub by its slug. Not read from the hub's services: a
# file with a wrong province would spread it, and a hub's first service would have none.
PROVINCES = {"leusden": "Utrecht", "poperinge": "West-Vlaanderen"}


def limit(table: type, column: str) -> int | None:
    """The most characters a text column holds; None for a column without a length."""
    found = table.__table__.c.get(column)
    return getattr(found.type, "length", None) if found is not None else None


def too_long(table: type, column: str, value: object) -> int | None:
    """The column's length when ``value`` is a text longer than it; else None."""
    most = limit(table, column)
    return most if isinstance(value, str) and most and len(value) > most else None


# Reaching them


def phone_problem(number: str) -> str | None:
    """What is wrong with a phone number (``WRONG_PHONE``, ``SHORT_PHONE``); None when a phone can
    call it: digits with spaces, dashes, dots, slashes or brackets, a + first for abroad, of a whole
    number's length, or a Dutch 14-number."""
    typed = " ".join(number.split())
    if not _PHONE.fullmatch(typed):
        return WRONG_PHONE
    digits = re.sub(r"\D", "", typed)
    if len(digits) > PHONE_DIGITS[1]:
        return WRONG_PHONE
    if len(digits) < PHONE_DIGITS[0] and not _SHORT_NUMBER.fullmatch(digits):
        return SHORT_PHONE
    return None


def dials(number: str) -> bool:
    """Whether a phone can call this number (``phone_problem`` finds nothing)."""
    return phone_problem(number) is None


def email(typed: str) -> str | None:
    """The e-mail address as kept (small letters, no spaces around), None when it is none."""
    found = normalise_email(typed) if isinstance(typed, str) else None
    return found if found and len(found) <= (limit(Service, "email") or 254) else None


def website(typed: str) -> str | None:
    """The website as kept: "www.voorbeeld.nl" becomes "https://www.voorbeeld.nl"; None for anything
    but an http or https address of a host with a dot (never "javascript:", "data:", "mailto:")."""
    typed = typed.strip() if isinstance(typed, str) else ""
    if not typed or any(c.isspace() for c in typed):
        return None
    has_scheme = re.match(r"https?://", typed, re.IGNORECASE) is not None
    if _SCHEME.match(typed) and not has_scheme:
        return None  # javascript:, data:, mailto:, ftp:
    address = typed if has_scheme else f"https://{typed}"
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- a port that is no number raises
    except ValueError:
        return None
    if parts.username or parts.password or "." not in host or not _HOST.fullmatch(host):
        return None
    if host.startswith(".") or host.endswith(".") or ".." in host:
        return None
    return address


def web_link(url: str) -> tuple[str, str]:
    """A website as (what the link says, where it goes); ("", "") when ``website`` refuses it."""
    address = website(url)
    if address is None:
        return "", ""
    parts = urlsplit(address)
    shown = ((parts.hostname or "").removeprefix("www.") + parts.path).rstrip("/")
    return shown, parts.geturl()


# Names in every language


def language_name(code: str, lang: str) -> str:
    """A language's name in ``lang`` (Babel's): "Engels" for "en" in Dutch; the code when unknown."""
    return Locale.parse(i18n.supported(lang)).languages.get(code, code)


def language_names(code: str) -> dict[str, str]:
    """A language's name in every language of the app."""
    return {lang: language_name(code, lang) for lang in i18n.LANGUAGES}


def day_name(code: str, lang: str) -> str:
    """A weekday's name ("MO") as a form's label in ``lang``: "Maandag", "Monday"."""
    name = get_day_names("wide", locale=i18n.supported(lang))[DAY_CODES.index(code)]
    return name[:1].upper() + name[1:]


def day_names(code: str) -> dict[str, str]:
    """A weekday's label in every language of the app."""
    return {lang: day_name(code, lang) for lang in i18n.LANGUAGES}


# Where


def province(hub_slug: str) -> str:
    """The province of a hub's addresses ("" for a hub this does not know: HSDS takes that too)."""
    return PROVINCES.get(hub_slug, "")
