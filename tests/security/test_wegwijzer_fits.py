"""The Wegwijzer's result shows the demo sociale kaart's services that fit the answers, and only there."""

from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Wijk
from mantelzorg_app.services.help.wegwijzer import place_for_wijk
from tests.security.conftest import call_in_turn


def _walk(wijk: str, help: tuple[str, ...], often: str) -> list[tuple]:
    """The taps from the first question to the result: ``often`` on every self-check question."""
    return [
        ("load",),
        ("choose", "ja"),
        ("choose", "ouder"),
        ("go_on",),
        ("choose", "8-20"),
        ("choose", "1-5j"),
        *(("choose", often) for _ in range(6)),
        *(("choose", value) for value in help),
        ("go_on",),
        ("go_on",),  # any day
        ("go_on",),  # any daypart
        ("choose", wijk),
    ]


def _wijk(db, hub: str, name: str) -> str:
    with Session(db) as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == hub)).one()
        wijk_id = session.exec(select(Wijk.id).where(Wijk.hub_id == hub_id, Wijk.name == name)).one()
    return place_for_wijk(wijk_id)


def test_the_result_shows_the_services_that_fit(db):
    from state.help.wegwijzer import QuestionnaireState

    state = call_in_turn(
        QuestionnaireState, *_walk(_wijk(db, "leusden", "Centrum"), ("boodschappen", "oppas"), "vaak")
    )
    assert state.key == "" and state.band == "heavy"
    names = [row["name"] for row in state.services]
    assert names[0] == "Consulent mantelzorg" and len(names) == 3  # a heavy load: the consulent first
    assert {row["category"] for row in state.services} == {
        "mantelzorgondersteuning",
        "respijtzorg",
        "boodschappen",
    }
    assert all(row["tel"].startswith("tel:") for row in state.services)


def test_the_wijk_counts_and_another_hub_shows_its_own(db):
    from state.help.wegwijzer import QuestionnaireState

    state = call_in_turn(
        QuestionnaireState, *_walk(_wijk(db, "leusden", "Achterveld"), ("boodschappen",), "nooit")
    )
    assert [row["name"] for row in state.services] == ["Boodschappenmaatje Achterveld", "Boodschappendienst"]
    with Session(db) as session:
        poperinge = session.exec(select(Hub.id).where(Hub.slug == "poperinge")).one()
        first = session.exec(select(Wijk).where(Wijk.hub_id == poperinge).order_by(Wijk.name)).first()
    state = call_in_turn(
        QuestionnaireState, *_walk(place_for_wijk(first.id), ("huishouden",), "nooit"), hub="poperinge"
    )
    assert state.services and "Gezinszorg en poetshulp" in [row["name"] for row in state.services]


def test_no_services_before_the_result_or_for_who_cares_for_no_one(db):
    from state.help.wegwijzer import QuestionnaireState

    walk = _walk(_wijk(db, "leusden", "Centrum"), ("boodschappen",), "soms")
    assert call_in_turn(QuestionnaireState, *walk[:-1]).services == []  # on the place question
    assert call_in_turn(QuestionnaireState, ("load",), ("choose", "nee")).services == []
