"""Postcodes: the one reader of what people type and what the tables hold, and where a wijk lies.

A postcode is Dutch, "3831 AB" (4 digits, the first not 0, then 2 letters) or its 4 digits alone, or
Belgian, "8970" (4 digits). Typed text may have any spaces and small letters; it is kept as "3831 AB"
or "8970". Its 4 digits are its area, which distance works on (services.help.matching): never an
address, so nobody's address is needed. Areas have no country: a hub lies in one country.

This replaces three readers that differed: the Wegwijzer's (the whole text a postcode, at most
`TYPED_MAX` characters), which volunteering also used, is the rule now; matching's took the first
four characters of anything ("3831 XYZ" and "38312" were area 3831), and now takes postcodes only.
"""

import re
from functools import lru_cache

from mantelzorg_app.models import Wijk

TYPED_MAX = 40  # a longer text is no postcode, however it is spaced
_POSTCODE = re.compile(r"([1-9][0-9]{3})([A-Z]{2})?")


def normalise(typed: object) -> str | None:
    """The postcode as stored ("3831 AB", "3831", "8970"); None when ``typed`` is none."""
    if not isinstance(typed, str) or len(typed) > TYPED_MAX:
        return None
    match = _POSTCODE.fullmatch("".join(typed.split()).upper())
    if not match:
        return None
    digits, letters = match.groups()
    return f"{digits} {letters}" if letters else digits


@lru_cache(maxsize=4096)  # matching reads the area of every candidate; a hub has few postcodes
def area(postcode: str | None) -> int | None:
    """The 4-digit area of a postcode ("3831 AB" is 3831); None when it is none."""
    found = normalise(postcode)
    return int(found[:4]) if found else None


def wijk_postcode(wijk: Wijk | None) -> str | None:
    """Where a wijk lies for distance: the first of its postcode areas; None without one."""
    found = wijk.postcodes.split() if wijk is not None else []
    return found[0] if found else None


def wijk_of(wijken: list[Wijk], wijk_id: int | None, postcode: str | None) -> Wijk | None:
    """The wijk a place answer names: the wijk chosen, or the one whose postcode areas hold the
    postcode typed; None when none does."""
    if wijk_id is not None:
        return next((w for w in wijken if w.id == wijk_id), None)
    found = area(postcode)
    if found is None:
        return None
    return next((w for w in wijken if found in {area(p) for p in w.postcodes.split()}), None)
