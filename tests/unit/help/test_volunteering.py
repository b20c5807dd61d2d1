"""Volunteers: their profile, the requests that fit them (never another hub's), "Ik help", and helping."""

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from mantelzorg_app.models import (
    HelpOffer,
    HelpRequest,
    Membership,
    OfferStatus,
    Role,
    Status,
    VolunteerProfile,
)
from mantelzorg_app.services.help import coordination, privacy, requests, volunteering
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import (
    Help,
    actor,
    add_offer,
    ask,
    help_world,
    matched,
    profile_form,
    refused,
    save_profile,
    vet,
)

LATER = NOW + timedelta(hours=1)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def _fits(session: Session, who) -> list[int]:
    return [f.request.id for f in volunteering.fits(session, who, NOW)]


# --- the profile ----------------------------------------------------------------------------------------


def test_the_profile_keeps_known_values_in_order(session: Session, world: Help):
    assert volunteering.profile(session, world.volunteer) is None
    form = profile_form(
        [world.zuid, world.abele, world.centrum],  # Abele is Poperinge's: ignored
        categories=["praten", "forged", "boodschappen"],
        days=["zondag", "maandag", "someday"],
        dayparts=["avond", "ochtend"],
        languages=["tr", "xx", "nl"],
        max_km=7,  # not one of the distances
    )
    saved = volunteering.save_profile(session, world.volunteer, form, NOW)

    session.expire_all()
    stored = volunteering.profile(session, world.volunteer)
    assert stored.id == saved.id
    assert (stored.person_id, stored.hub_id) == (world.vera.id, world.leusden.id)
    assert stored.categories == "boodschappen praten"
    assert stored.wijk_ids == " ".join(str(i) for i in sorted([world.centrum.id, world.zuid.id]))
    assert (stored.postcode, stored.max_km) == (None, None)
    assert (stored.days, stored.dayparts, stored.languages) == ("maandag zondag", "ochtend avond", "nl tr")
    assert stored.updated_at == NOW


def test_a_postcode_and_a_distance_do_instead_of_wijken(session: Session, world: Help):
    saved = save_profile(session, world.volunteer, [], postcode=" 3832ab", max_km=5)
    assert (saved.wijk_ids, saved.postcode, saved.max_km) == ("", "3832 AB", 5)


def test_saving_again_changes_the_one_profile(session: Session, world: Help):
    first = save_profile(session, world.volunteer, [world.centrum])
    second = volunteering.save_profile(
        session, world.volunteer, profile_form([world.zuid], categories=["vervoer"]), LATER
    )
    assert second.id == first.id
    assert (second.categories, second.wijk_ids, second.updated_at) == ("vervoer", str(world.zuid.id), LATER)
    assert len(session.exec(select(VolunteerProfile)).all()) == 1


def test_every_problem_is_named_by_field(session: Session, world: Help):
    cases = [
        ({"categories": []}, {"categories"}),
        ({"categories": ["forged"]}, {"categories"}),
        ({"postcode": "geen postcode"}, {"postcode"}),
        ({"wijken": []}, {"wijken"}),
        ({"wijken": [world.abele]}, {"wijken"}),  # only another hub's wijk
        ({"wijken": [], "postcode": "3831"}, {"max_km"}),  # a postcode without a distance
        ({"wijken": [], "postcode": "3831", "max_km": 3}, {"max_km"}),  # not one of the distances
        ({"wijken": [], "max_km": 5}, {"postcode"}),  # a distance from nowhere
        ({"wijken": [], "postcode": "nee"}, {"postcode"}),  # one thing to fix at a time
        (
            {"wijken": [], "postcode": "nee", "max_km": 5, "categories": []},
            {"categories", "postcode"},
        ),
    ]
    for changes, problems in cases:
        fields = {"wijken": [world.centrum]} | changes
        with pytest.raises(Invalid) as invalid:
            save_profile(session, world.volunteer, **fields)
        assert set(invalid.value.problems) == problems, changes
    assert volunteering.profile(session, world.volunteer) is None


def test_an_empty_field_says_what_to_do(session: Session, world: Help):
    cases = [
        ({"categories": []}, "categories", "Kies minstens één soort hulp."),
        ({"wijken": []}, "wijken", "Kies een wijk of dorp, of typ uw postcode en kies een afstand."),
        ({"wijken": [], "postcode": "3831 AB"}, "max_km", "Kies hoe ver u wilt gaan."),
        ({"wijken": [], "max_km": 5}, "postcode", "Typ uw postcode. Of kies een wijk of dorp."),
    ]
    for changes, field, message in cases:
        with pytest.raises(Invalid) as invalid:
            save_profile(session, world.volunteer, **({"wijken": [world.centrum]} | changes))
        assert invalid.value.problems == {field: message}, changes


def test_only_a_volunteer_of_this_hub_keeps_a_profile(session: Session, world: Help):
    strangers = (
        world.caregiver,
        world.professional,
        actor(world.vera, world.poperinge, Role.volunteer),  # a volunteer in Leusden only
    )
    for stranger in strangers:
        with refused(session, "save-volunteer-profile"):
            save_profile(session, stranger, [world.centrum, world.abele])
        with refused(session, "volunteer-requests"):
            volunteering.fits(session, stranger, NOW)
        with refused(session, "volunteer-requests"):
            volunteering.overview(session, stranger, NOW)
    assert session.exec(select(VolunteerProfile)).all() == []


def test_a_volunteer_waiting_for_approval_is_not_one_yet(session: Session, world: Help):
    membership = session.exec(select(Membership).where(Membership.person_id == world.victor.id)).one()
    membership.pending = True
    session.add(membership)
    session.commit()
    with refused(session, "save-volunteer-profile"):
        save_profile(session, world.unvetted, [world.centrum])


def test_vetted_is_the_coordinators_vog_check(session: Session, world: Help):
    assert volunteering.overview(session, world.volunteer, NOW).vetted
    assert not volunteering.overview(session, world.unvetted, NOW).vetted
    vet(session, world.victor, world.leusden)
    assert volunteering.overview(session, world.unvetted, NOW).vetted


# --- fits -----------------------------------------------------------------------------------------------


def test_no_profile_no_requests(session: Session, world: Help):
    ask(session, world.caregiver, world.centrum)
    assert volunteering.fits(session, world.volunteer, NOW) == []


def test_open_requests_that_fit_are_listed_without_who_asked(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum], categories=["boodschappen", "vervoer"])
    shopping = ask(session, world.caregiver, world.centrum)
    by_postcode = ask(session, world.caregiver, None, category="vervoer", postcode="3831 XY")
    ask(session, world.caregiver, world.centrum, category="praten")  # not one of Vera's kinds
    ask(session, world.caregiver, world.zuid)  # not one of Vera's wijken, and she set no distance

    found = volunteering.fits(session, world.volunteer, NOW)

    assert {f.request.id: f.wijk for f in found} == {shopping.id: "Centrum"}
    assert by_postcode.id not in _fits(session, world.volunteer)
    (fit,) = found
    assert (fit.match.id, fit.suggested, fit.offered) == (shopping.id, False, False)
    assert fit.match.reasons


def test_a_distance_reaches_requests_by_postcode_and_by_wijk(session: Session, world: Help):
    save_profile(session, world.volunteer, [], postcode="3832", max_km=5)
    in_centrum = ask(session, world.caregiver, world.centrum)  # Centrum lies in 3831, about 2 km off
    by_postcode = ask(session, world.caregiver, None, postcode="3833 AA")
    far = ask(session, world.caregiver, None, postcode="9999 AA")
    found = {f.request.id: f.wijk for f in volunteering.fits(session, world.volunteer, NOW)}
    assert found == {in_centrum.id: "Centrum", by_postcode.id: "3833 AA"}
    assert far.id not in found


def test_home_visits_only_for_vetted_volunteers(session: Session, world: Help):
    for who in (world.volunteer, world.unvetted):
        save_profile(session, who, [world.centrum])
    visit = ask(session, world.caregiver, world.centrum, category="gezelschap")
    outside = ask(session, world.caregiver, world.centrum, category="gezelschap", home_visit=False)
    shopping_at_home = ask(session, world.caregiver, world.centrum, home_visit=True)

    assert set(_fits(session, world.volunteer)) == {visit.id, outside.id, shopping_at_home.id}
    assert _fits(session, world.unvetted) == [outside.id]
    with refused(session, "offer-help"):
        volunteering.offer(session, world.unvetted, visit.id, NOW)

    vet(session, world.victor, world.leusden)
    assert set(_fits(session, world.unvetted)) == {visit.id, outside.id, shopping_at_home.id}


def test_another_hubs_requests_are_never_shown(session: Session, world: Help):
    """Bram asks in Poperinge with a Leusden postcode and an id-forged wijk; Vera reaches both."""
    save_profile(session, world.volunteer, [world.centrum], postcode="3831", max_km=20)
    elsewhere = ask(session, world.elsewhere, world.abele, postcode="3831 AB")
    forged = ask(session, world.elsewhere, world.abele)
    forged.wijk_id = world.centrum.id  # a row no service writes, to be sure the hub decides
    session.add(forged)
    session.commit()
    here = ask(session, world.caregiver, world.centrum)

    assert _fits(session, world.volunteer) == [here.id]
    for request in (elsewhere, forged):
        with refused(session, "offer-help"):
            volunteering.offer(session, world.volunteer, request.id, NOW)


def test_the_caregivers_own_request_is_not_shown_to_them(session: Session, world: Help):
    """Bram is caregiver and volunteer in Poperinge."""
    save_profile(session, world.elsewhere, [world.abele])
    own = ask(session, world.elsewhere, world.abele)
    assert _fits(session, world.elsewhere) == []
    with refused(session, "offer-help"):
        volunteering.offer(session, world.elsewhere, own.id, NOW)
    session.add(Membership(person_id=world.pieter.id, hub_id=world.poperinge.id, role=Role.caregiver))
    session.commit()
    theirs = ask(session, actor(world.pieter, world.poperinge, Role.caregiver), world.abele)
    assert _fits(session, world.elsewhere) == [theirs.id]


def test_only_open_requests_are_shown(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    save_profile(session, world.unvetted, [world.centrum])
    stopped = ask(session, world.caregiver, world.centrum)
    requests.stop(session, world.caregiver, stopped.id, NOW)
    taken = matched(session, world)
    still_open = ask(session, world.caregiver, world.centrum)
    assert _fits(session, world.unvetted) == [still_open.id]
    assert taken.id not in _fits(session, world.volunteer)


def test_an_offer_waits_on_the_list_and_a_declined_one_takes_the_request_off(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    first = ask(session, world.caregiver, world.centrum)
    second = ask(session, world.caregiver, world.centrum, category="vervoer")

    offer = volunteering.offer(session, world.volunteer, first.id, LATER)
    assert (offer.request_id, offer.volunteer_id, offer.status, offer.created_at) == (
        first.id,
        world.vera.id,
        OfferStatus.offered,
        LATER,
    )
    listed = {f.request.id: f.offered for f in volunteering.fits(session, world.volunteer, NOW)}
    assert listed == {first.id: True, second.id: False}

    requests.answer_offer(session, world.caregiver, offer.id, False, LATER)
    assert _fits(session, world.volunteer) == [second.id]
    with refused(session, "offer-help"):
        volunteering.offer(session, world.volunteer, first.id, LATER)
    assert session.get(HelpOffer, offer.id).status == OfferStatus.declined


def test_the_coordinators_suggestions_come_first(session: Session, world: Help):
    """Vera can do Mondays: a request in her wijk on a Monday ranks above one on Sunday, until the
    coordinator suggests her for the Sunday one."""
    save_profile(session, world.volunteer, [world.centrum, world.zuid], days=["maandag"])
    monday = ask(session, world.caregiver, world.centrum, days=["maandag"])
    also_monday = ask(session, world.caregiver, world.zuid, days=["maandag"])
    sunday = ask(session, world.caregiver, world.zuid, days=["zondag"])
    assert _fits(session, world.volunteer) == [monday.id, also_monday.id, sunday.id]

    add_offer(session, sunday, world.vera, OfferStatus.suggested)

    found = volunteering.fits(session, world.volunteer, NOW)
    assert [(f.request.id, f.suggested, f.offered) for f in found] == [
        (sunday.id, True, False),
        (monday.id, False, False),
        (also_monday.id, False, False),
    ]


def test_a_suggested_request_becomes_an_offer_in_the_same_row(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    request = ask(session, world.caregiver, world.centrum)
    suggested = add_offer(session, request, world.vera, OfferStatus.suggested)

    offer = volunteering.offer(session, world.volunteer, request.id, LATER)

    assert offer.id == suggested.id
    assert session.exec(select(HelpOffer.status)).all() == [OfferStatus.offered]
    assert [o.first_name for o in requests.mine(session, world.caregiver)[0].offers] == ["Vera"]


def test_a_repeated_ik_help_changes_nothing(session: Session, world: Help):
    """So the caregiver is mailed once, however often the volunteer taps (state/volunteering.py)."""
    save_profile(session, world.volunteer, [world.centrum])
    request = ask(session, world.caregiver, world.centrum)
    offer = volunteering.offer(session, world.volunteer, request.id, LATER)

    for minutes in range(1, 25):
        assert (
            volunteering.offer(session, world.volunteer, request.id, LATER + timedelta(minutes=minutes))
            is None
        )

    stored = session.exec(select(HelpOffer)).one()
    assert (stored.id, stored.status, stored.created_at) == (offer.id, OfferStatus.offered, LATER)


def test_no_offer_after_the_caregivers_no(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    request = ask(session, world.caregiver, world.centrum)
    offer = volunteering.offer(session, world.volunteer, request.id, LATER)
    requests.answer_offer(session, world.caregiver, offer.id, False, LATER)

    with refused(session, "offer-help"):
        volunteering.offer(session, world.volunteer, request.id, LATER)
    assert session.exec(select(HelpOffer.status)).all() == [OfferStatus.declined]


def test_offers_on_requests_that_do_not_fit_are_refused(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum], categories=["boodschappen"])
    other_kind = ask(session, world.caregiver, world.centrum, category="vervoer")
    other_wijk = ask(session, world.caregiver, world.zuid)
    for request_id in (other_kind.id, other_wijk.id, 10_000):
        with refused(session, "offer-help"):
            volunteering.offer(session, world.volunteer, request_id, NOW)
    with refused(session, "offer-help"):  # not a volunteer at all
        volunteering.offer(session, world.caregiver, other_kind.id, NOW)
    with refused(session, "offer-help"):  # a volunteer without a profile
        volunteering.offer(session, world.unvetted, other_wijk.id, NOW)
    assert session.exec(select(HelpOffer)).all() == []


def _many_requests(session: Session, world: Help, count: int) -> list[int]:
    """``count`` shopping requests in Centrum, one an hour older than the next: ids, newest first."""
    rows = [
        HelpRequest(
            hub_id=world.leusden.id,
            caregiver_id=world.carla.id,
            category="boodschappen",
            text="x",
            wijk_id=world.centrum.id,
            created_at=NOW - timedelta(hours=i),
        )
        for i in range(count)
    ]
    session.add_all(rows)
    session.commit()
    return [row.id for row in rows]


def test_the_list_is_kept_short_and_a_suggestion_stays_on_it(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    ids = _many_requests(session, world, volunteering.LIST_LIMIT + 5)
    found = volunteering.fits(session, world.volunteer, NOW)
    assert len(found) == volunteering.LIST_LIMIT
    ages = [NOW - f.request.created_at for f in found]
    assert ages == sorted(ages, reverse=True)  # the longest waiting first
    assert ids[0] not in [f.request.id for f in found]

    add_offer(session, session.get(HelpRequest, ids[0]), world.vera, OfferStatus.suggested)
    found = volunteering.fits(session, world.volunteer, NOW)
    assert len(found) == volunteering.LIST_LIMIT
    assert (found[0].request.id, found[0].suggested) == (ids[0], True)
    assert [f.request.id for f in found[1:]] == list(reversed(ids))[: volunteering.LIST_LIMIT - 1]


def test_a_request_that_fits_may_be_offered_beyond_the_list(session: Session, world: Help):
    """New requests may push a shown one off the first LIST_LIMIT before the volunteer taps "Ik help"."""
    save_profile(session, world.volunteer, [world.centrum])
    newest = _many_requests(session, world, volunteering.LIST_LIMIT + 1)[0]
    assert newest not in _fits(session, world.volunteer)
    offer = volunteering.offer(session, world.volunteer, newest, NOW)
    assert offer.status == OfferStatus.offered


# --- helping --------------------------------------------------------------------------------------------


def test_helping_lists_the_matched_requests_with_the_caregivers_name(session: Session, world: Help):
    first = matched(session, world)
    second = matched(session, world, category="vervoer")
    requests.stop(session, world.caregiver, second.id, NOW)
    third = matched(session, world, category="klusjes")

    assert [(h.request.id, h.caregiver) for h in volunteering.helping(session, world.volunteer)] == [
        (first.id, "Carla"),
        (third.id, "Carla"),
    ]
    assert volunteering.helping(session, world.unvetted) == []
    assert volunteering.helping(session, actor(world.vera, world.poperinge, Role.volunteer)) == []
    assert session.exec(select(HelpRequest.status).order_by(col(HelpRequest.id))).all() == [
        Status.matched,
        Status.closed,
        Status.matched,
    ]


def _volunteer_membership(session: Session, world: Help) -> Membership:
    return session.exec(
        select(Membership).where(Membership.person_id == world.vera.id, Membership.role == Role.volunteer)
    ).one()


def test_helping_shows_only_what_the_volunteer_still_qualifies_for(session: Session, world: Help):
    """Without a VOG no home visit (the VOG changed outside set_vetted, so no request reopened);
    without the volunteer role nothing, and so no caregiver's name."""
    shopping = matched(session, world)
    matched(session, world, category="klusjes")  # a home visit
    membership = _volunteer_membership(session, world)
    membership.vog_checked_on = None
    session.add(membership)
    session.commit()

    assert [h.request.id for h in volunteering.helping(session, world.volunteer)] == [shopping.id]
    assert [h.request.id for h in volunteering.overview(session, world.volunteer, NOW).helping] == [
        shopping.id
    ]

    session.delete(membership)
    session.commit()
    assert volunteering.helping(session, world.volunteer) == []


# --- taking back "Ik help" --------------------------------------------------------------------------


def test_ik_help_can_be_taken_back_until_the_caregiver_says_yes(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    request = ask(session, world.caregiver, world.centrum)
    volunteering.offer(session, world.volunteer, request.id, LATER)

    volunteering.take_back(session, world.volunteer, request.id)

    assert session.exec(select(HelpOffer.status)).all() == [OfferStatus.withdrawn]
    assert requests.mine(session, world.caregiver)[0].offers == ()
    [fit] = volunteering.fits(session, world.volunteer, NOW)
    assert (fit.request.id, fit.offered, fit.suggested) == (request.id, False, False)  # may offer again
    with refused(session, "take-back-offer"):  # nothing left to take back
        volunteering.take_back(session, world.volunteer, request.id)


def test_ik_help_again_after_taking_it_back_tells_the_caregiver_nobody_new(session: Session, world: Help):
    """However often a volunteer offers and takes back, from however many tabs, the caregiver hears of
    their offer once: only the first `offer` returns a row for the caller to mail about."""
    save_profile(session, world.volunteer, [world.centrum])
    request = ask(session, world.caregiver, world.centrum)
    first = volunteering.offer(session, world.volunteer, request.id, LATER)
    assert first is not None

    for minutes in range(1, 25):
        volunteering.take_back(session, world.volunteer, request.id)
        again = LATER + timedelta(minutes=minutes)
        assert volunteering.offer(session, world.volunteer, request.id, again) is None

    stored = session.exec(select(HelpOffer)).one()  # the same row, waiting again
    assert (stored.id, stored.status) == (first.id, OfferStatus.offered)
    [mine] = requests.mine(session, world.caregiver)
    assert [(o.id, o.first_name) for o in mine.offers] == [(first.id, "Vera")]  # she sees it again
    [fit] = volunteering.fits(session, world.volunteer, NOW)
    assert (fit.request.id, fit.offered) == (request.id, True)

    requests.answer_offer(session, world.caregiver, first.id, True, LATER)  # her yes
    with refused(session, "take-back-offer"):
        volunteering.take_back(session, world.volunteer, request.id)
    assert session.get(HelpOffer, first.id).status == OfferStatus.accepted


def test_a_withdrawn_offer_is_nowhere_but_in_the_volunteers_own_data(session: Session, world: Help):
    """The coordinator does not suggest them again; their export shows the row; a wipe deletes it."""
    save_profile(session, world.volunteer, [world.centrum])
    weeks_ago = NOW - timedelta(days=14)  # waited long enough for the coordinator to look
    request = ask(session, world.caregiver, world.centrum, weeks_ago)
    untouched = ask(session, world.caregiver, world.centrum, weeks_ago)
    volunteering.offer(session, world.volunteer, request.id, LATER)
    volunteering.take_back(session, world.volunteer, request.id)

    assert [m.offers for m in requests.mine(session, world.caregiver)] == [(), ()]
    listed = {w.request.id: w for w in coordination.waiting(session, world.coordinator, NOW)}
    assert world.vera.id in {person_id for person_id, _ in listed[untouched.id].candidates}
    assert world.vera.id not in {person_id for person_id, _ in listed[request.id].candidates}
    assert listed[request.id].suggested == ()
    exported = privacy.stored(session, world.vera.id)["help_offers"]
    assert [o["status"] for o in exported] == [OfferStatus.withdrawn]
    privacy.forget(session, world.vera.id)
    session.commit()
    assert session.exec(select(HelpOffer)).all() == []


def test_an_accepted_or_declined_offer_stays(session: Session, world: Help):
    helped = matched(session, world)
    with refused(session, "take-back-offer"):
        volunteering.take_back(session, world.volunteer, helped.id)
    assert session.exec(select(HelpOffer.status)).all() == [OfferStatus.accepted]

    other = ask(session, world.caregiver, world.centrum)
    offer = volunteering.offer(session, world.volunteer, other.id, LATER)
    requests.answer_offer(session, world.caregiver, offer.id, False, LATER)
    with refused(session, "take-back-offer"):
        volunteering.take_back(session, world.volunteer, other.id)
    assert session.get(HelpOffer, offer.id).status == OfferStatus.declined


def test_only_the_volunteer_takes_back_their_own_offer_in_their_hub(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    request = ask(session, world.caregiver, world.centrum, category="vervoer")
    offer = volunteering.offer(session, world.volunteer, request.id, LATER)
    save_profile(session, world.unvetted, [world.centrum])
    with refused(session, "take-back-offer"):  # another volunteer of the hub
        volunteering.take_back(session, world.unvetted, request.id)
    with refused(session, "take-back-offer"):  # Bram is a volunteer, of Poperinge
        volunteering.take_back(session, world.elsewhere, request.id)
    with refused(session, "take-back-offer"):  # the caregiver is no volunteer
        volunteering.take_back(session, world.caregiver, request.id)
    with refused(session, "take-back-offer"):  # a request that is not there
        volunteering.take_back(session, world.volunteer, request.id + 999)
    assert session.get(HelpOffer, offer.id).status == OfferStatus.offered


def test_a_stopped_request_has_no_offer_to_take_back(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    request = ask(session, world.caregiver, world.centrum)
    volunteering.offer(session, world.volunteer, request.id, LATER)
    requests.stop(session, world.caregiver, request.id, LATER)
    with refused(session, "take-back-offer"):
        volunteering.take_back(session, world.volunteer, request.id)
