"""Postcodes: one reader for what is typed and what is stored, its area, and where a wijk lies."""

import pytest

from mantelzorg_app.models import Wijk
from mantelzorg_app.services.platform import places


@pytest.mark.parametrize(
    ("typed", "postcode"),
    [
        ("3832 AB", "3832 AB"),
        ("3832ab", "3832 AB"),
        ("  3832  aB ", "3832 AB"),
        ("3832", "3832"),
        ("8970", "8970"),
        (" 8970 ", "8970"),
        ("0832 AB", None),
        ("383", None),
        ("38321", None),
        ("3832 A", None),
        ("3832 ABC", None),
        ("3831 XYZ", None),
        ("3831-AB", None),
        ("٣٨٣١", None),  # digits, but not the ASCII ones a postcode has
        ("Leusden", None),
        ("", None),
        ("3" * 5000, None),
        (None, None),
        (3831, None),
    ],
)
def test_a_typed_postcode(typed: object, postcode: str | None) -> None:
    assert places.normalise(typed) == postcode
    if postcode:
        assert places.normalise(postcode) == postcode, "a stored postcode reads back as itself"


def test_spacing_counts_within_the_limit_only() -> None:
    assert places.normalise(" " * 30 + "3832 AB") == "3832 AB"
    assert places.normalise(" " * (places.TYPED_MAX - 6) + "3832 AB") is None


@pytest.mark.parametrize(
    ("postcode", "area"),
    [
        *[("3831 AB", 3831), ("3831AB", 3831), (" 8970 ", 8970), ("8970", 8970)],
        *[("383", None), ("0831 AB", None), ("abcd", None), ("", None), (None, None)],
        # matching once took the first four characters of anything; now only postcodes have an area
        *[("3831 XYZ", None), ("38312", None), ("n.v.t.", None)],
    ],
)
def test_postcode_area(postcode: str | None, area: int | None) -> None:
    assert places.area(postcode) == area


@pytest.mark.parametrize(
    ("postcodes", "found"), [("3831 3832", "3831"), ("8970", "8970"), ("", None), ("  ", None)]
)
def test_a_wijk_lies_at_its_first_postcode_area(postcodes: str, found: str | None) -> None:
    wijk = Wijk(hub_id=1, slug="centrum", name="Centrum", kind="wijk", postcodes=postcodes)
    assert places.wijk_postcode(wijk) == found


def test_no_wijk_lies_nowhere() -> None:
    assert places.wijk_postcode(None) is None


def test_a_place_answer_names_the_wijk_chosen_or_the_one_whose_areas_hold_the_postcode():
    centrum = Wijk(id=1, hub_id=1, slug="centrum", name="Centrum", kind="wijk", postcodes="3831 3832")
    achterveld = Wijk(id=2, hub_id=1, slug="achterveld", name="Achterveld", kind="kern", postcodes="3791")
    wijken = [centrum, achterveld]
    assert places.wijk_of(wijken, 2, None) is achterveld
    assert places.wijk_of(wijken, None, "3832 ab") is centrum
    assert places.wijk_of(wijken, None, "9999 ZZ") is None
    assert places.wijk_of(wijken, 7, None) is None and places.wijk_of(wijken, None, None) is None
