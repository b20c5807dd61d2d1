"""Looking up hubs by their URL slug and listing their wijken."""

import pytest
from sqlmodel import Session

from mantelzorg_app.models import Hub, Wijk
from mantelzorg_app.services.platform.hubs import active_hubs, hub_by_slug, wijken


def _hub(slug: str, name: str, *, active: bool = True, country: str = "NL") -> Hub:
    return Hub(
        slug=slug,
        name=name,
        country=country,
        timezone="Europe/Amsterdam" if country == "NL" else "Europe/Brussels",
        speech_locale=f"nl-{country}",
        active=active,
    )


@pytest.fixture
def hubs(session: Session) -> dict[str, Hub]:
    made = {
        "leusden": _hub("leusden", "Leusden"),
        "poperinge": _hub("poperinge", "Poperinge", country="BE"),
        "amersfoort": _hub("amersfoort", "Amersfoort"),
        "gesloten": _hub("gesloten", "Gesloten", active=False),
    }
    session.add_all(made.values())
    session.commit()
    for hub in made.values():
        session.refresh(hub)
    return made


@pytest.mark.parametrize("slug", ["leusden", "Leusden", "LEUSDEN", "lEuSdEn"])
def test_hub_by_slug_is_case_insensitive(session: Session, hubs: dict[str, Hub], slug: str) -> None:
    found = hub_by_slug(session, slug)
    assert found is not None
    assert found.id == hubs["leusden"].id


@pytest.mark.parametrize("slug", ["utrecht", "", "leusden-zuid", "leusde", "%", "leusden%"])
def test_hub_by_slug_unknown_is_none(session: Session, hubs: dict[str, Hub], slug: str) -> None:
    assert hub_by_slug(session, slug) is None


@pytest.mark.parametrize("slug", ["gesloten", "Gesloten"])
def test_hub_by_slug_inactive_is_none(session: Session, hubs: dict[str, Hub], slug: str) -> None:
    assert hub_by_slug(session, slug) is None


def test_active_hubs_sorted_by_name_without_inactive(session: Session, hubs: dict[str, Hub]) -> None:
    assert [hub.name for hub in active_hubs(session)] == ["Amersfoort", "Leusden", "Poperinge"]


def test_active_hubs_empty_database(session: Session) -> None:
    assert active_hubs(session) == []


def test_wijken_only_of_that_hub(session: Session, hubs: dict[str, Hub]) -> None:
    leusden, poperinge = hubs["leusden"], hubs["poperinge"]
    session.add_all(
        [
            Wijk(hub_id=leusden.id, slug="zuid", name="Zuid", kind="wijk"),
            Wijk(hub_id=leusden.id, slug="centrum", name="Centrum", kind="wijk"),
            Wijk(hub_id=poperinge.id, slug="watou", name="Watou", kind="deelgemeente"),
            # The same slug in another hub is allowed and must not leak either.
            Wijk(hub_id=poperinge.id, slug="centrum", name="Centrum", kind="deelgemeente"),
        ]
    )
    session.commit()

    in_leusden = wijken(session, leusden.id)
    in_poperinge = wijken(session, poperinge.id)

    assert [(w.name, w.hub_id) for w in in_leusden] == [("Centrum", leusden.id), ("Zuid", leusden.id)]
    assert sorted(w.name for w in in_poperinge) == ["Centrum", "Watou"]
    assert all(w.hub_id == poperinge.id for w in in_poperinge)
    assert wijken(session, hubs["amersfoort"].id) == []
