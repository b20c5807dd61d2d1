"""Help requests: asking (oneself or on someone's behalf), following them, answering offers, stopping."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import (
    Consent,
    FollowUp,
    HelpOffer,
    HelpRequest,
    Membership,
    OfferStatus,
    Person,
    Role,
    Status,
)
from mantelzorg_app.services.help import requests
from mantelzorg_app.services.help.requests import (
    EXAMPLES,
    ON_BEHALF_CONSENT,
    TEXT_MAX,
    Draft,
    Invalid,
    OnBehalf,
)
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES
from mantelzorg_app.services.platform import audit
from tests.unit.auth_fixtures import NOW, audit_events
from tests.unit.help_fixtures import (
    Help,
    actor,
    add_offer,
    ask,
    draft,
    help_world,
    refused,
    save_profile,
    without_vog,
)

LATER = NOW + timedelta(hours=1)
DANA = OnBehalf(first_name="  Dana  ", email=" Dana@Example.ORG ", consent=True)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


# --- the form: new_form, examples, steps, drafts_from_form ----------------------------------------

FOUND = {
    "categories": ["oppas", "forged", "boodschappen"],
    "for_whom": ["ouder"],
    "wijk_id": 7,
    "postcode": None,
    "days": ["dinsdag", "forged"],
    "dayparts": ["avond", "ochtend"],
}


def test_a_form_from_the_wegwijzer_carries_every_help_chosen_and_when_and_where():
    form = requests.new_form(FOUND)
    assert form["kinds"] == ["boodschappen", "oppas"]  # known ones, in the order of the choices
    assert (form["for_whom"], form["wijk_id"], form["postcode"]) == (["ouder"], 7, "")
    assert (form["days"], form["dayparts"]) == (["dinsdag"], ["ochtend", "avond"])
    assert requests.new_form({})["kinds"] == [] and requests.new_form()["wijk_id"] is None


def test_staff_posting_for_a_caregiver_start_with_one_kind_as_their_form_posts_one_request():
    assert requests.new_form(FOUND, on_behalf=True)["kinds"] == ["boodschappen"]


def test_each_kind_gets_its_own_step_between_which_help_and_when():
    form = requests.new_form(FOUND)
    assert requests.form_steps(form, on_behalf=False) == [
        "hulp",
        "tekst:boodschappen",
        "tekst:oppas",
        "wanneer",
        "waar",
        "controle",
    ]
    assert requests.form_steps(requests.new_form(), on_behalf=True) == [
        "voor_wie",
        "hulp",
        "tekst:",
        "wanneer",
        "waar",
        "controle",
    ]


def test_examples_name_a_partner_or_a_child_and_never_guess_a_gender():
    assert (
        requests.examples("gezelschap", ["partner"])[0]
        == "Wie komt een uurtje koffie drinken met mijn partner?"
    )
    assert "mijn kind" in requests.examples("vervoer", ["kind"])[0]
    for whom in ([], ["ouder"], ["familie"], ["buur"], ["partner", "kind"]):
        assert requests.examples("gezelschap", whom) == EXAMPLES["gezelschap"], whom
    every = [s for fitting in requests.FITTING.values() for found in fitting.values() for s in found]
    for sentence in [*every, *(s for found in EXAMPLES.values() for s in found)]:
        assert not any(word in sentence for word in ("vader", "moeder", "zoon", "dochter", "man ", "vrouw"))
    assert all(
        len(found) == len(EXAMPLES[kind]) for f in requests.FITTING.values() for kind, found in f.items()
    )


def test_empty_fields_say_what_to_do():
    form = requests.new_form()
    assert requests.step_problems(form, "hulp") == {"category": requests.NO_CATEGORY}
    assert requests.step_problems(form, "waar") == {"place": requests.NO_PLACE}
    assert requests.step_problems({**form, "postcode": "nee"}, "waar") == {"place": requests.NOT_A_POSTCODE}
    assert requests.step_problems({**form, "postcode": "3831ab"}, "waar") == {}
    own = {**form, "kinds": ["vervoer"], "example": {"vervoer": requests.OWN_WORDS}, "own": {"vervoer": " "}}
    assert requests.step_problems(own, "tekst:vervoer") == {"text": requests.NO_TEXT}
    assert requests.NO_TEXT == "Vertel kort wat voor hulp u zoekt."
    too_long = {**own, "own": {"vervoer": "x" * (TEXT_MAX + 1)}}
    assert requests.step_problems(too_long, "tekst:vervoer") == {"text": requests.TOO_LONG}
    assert requests.step_problems(form, "voor_wie") == {
        "caregiver_first_name": requests.NO_FIRST_NAME,
        "caregiver_email": requests.NO_EMAIL,
        "consent": requests.NO_CONSENT,
    }
    typed = {**form, "caregiver_first_name": "Wim", "caregiver_email": "geen adres", "consent": True}
    assert requests.step_problems(typed, "voor_wie") == {"caregiver_email": requests.NOT_AN_EMAIL}
    assert requests.step_problems(form, "wanneer") == requests.step_problems(form, "controle") == {}


def test_the_form_gives_one_draft_per_kind_with_the_sentence_as_shown():
    form = {
        **requests.new_form(FOUND),
        "example": {"boodschappen": 1, "oppas": 0},
        "home_visit": {"boodschappen": True},
        "recurring": True,
    }
    shopping, sitting = requests.drafts_from_form(form, "nl")
    assert shopping == Draft(
        category="boodschappen",
        text=EXAMPLES["boodschappen"][1],
        wijk_id=7,
        days=["dinsdag"],
        dayparts=["ochtend", "avond"],
        recurring=True,
        home_visit=True,
    )
    assert (sitting.category, sitting.text, sitting.home_visit) == ("oppas", EXAMPLES["oppas"][0], True)
    (_, in_english) = requests.drafts_from_form(form, "en")  # saved in the language it was shown in
    assert in_english.text == "Who can stay for an afternoon, so I can go out for a while?"
    assert requests.drafts_from_form({**form, "example": {"oppas": 9}}, "nl")[1].text == EXAMPLES["oppas"][-1]


def test_their_own_words_are_kept_as_typed_and_may_not_be_empty():
    form = {**requests.new_form(FOUND), "kinds": ["vervoer"], "example": {"vervoer": requests.OWN_WORDS}}
    with pytest.raises(Invalid) as refused_text:
        requests.drafts_from_form({**form, "own": {"vervoer": "   "}}, "nl")
    assert refused_text.value.problems == {"text": requests.NO_TEXT}
    (draft,) = requests.drafts_from_form({**form, "own": {"vervoer": " Wie  rijdt mee? "}}, "en")
    assert draft.text == "Wie rijdt mee?"


def test_a_typed_postcode_stands_instead_of_the_chosen_wijk():
    form = requests.new_form(FOUND)
    (found, _) = requests.drafts_from_form({**form, "postcode": "3831 AB"}, "nl")
    assert (found.wijk_id, found.postcode) == (None, "3831 AB")
    assert requests.drafts_from_form({**form, "postcode": "  "}, "nl")[0].wijk_id == 7


def test_the_first_missing_step_is_named():
    form = requests.new_form(FOUND)
    assert requests.first_problem(form, on_behalf=False) is None
    assert requests.first_problem({**form, "wijk_id": None}, on_behalf=False) == (
        "waar",
        {"place": requests.NO_PLACE},
    )
    assert requests.first_problem(form, on_behalf=True)[0] == "voor_wie"


# --- create ----------------------------------------------------------------------------------------


def test_the_caregiver_asks_in_their_wijk(session: Session, world: Help):
    request = ask(
        session,
        world.caregiver,
        world.centrum,
        category="vervoer",
        text="  Wie brengt   mijn moeder\nnaar het ziekenhuis? ",
        days=["zondag", "forged", "maandag"],
        dayparts=["avond", "ochtend"],
        recurring=True,
    )
    session.expire_all()
    stored = session.get(HelpRequest, request.id)
    assert (stored.hub_id, stored.caregiver_id, stored.posted_by_id) == (
        world.leusden.id,
        world.carla.id,
        None,
    )
    assert (stored.category, stored.text) == ("vervoer", "Wie brengt mijn moeder naar het ziekenhuis?")
    assert (stored.wijk_id, stored.postcode) == (world.centrum.id, None)
    assert (stored.days, stored.dayparts) == ("maandag zondag", "ochtend avond")
    assert (stored.recurring, stored.home_visit) == (True, False)
    assert (stored.status, stored.volunteer_id, stored.agreed_at) == (Status.open, None, None)
    assert stored.created_at == NOW


def test_no_text_means_the_categorys_first_example(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum, category="klusjes", text="   ")
    assert request.text == EXAMPLES["klusjes"][0]


def test_a_postcode_is_kept_neatly_instead_of_a_wijk(session: Session, world: Help):
    request = ask(session, world.caregiver, None, postcode=" 3831ab ")
    assert (request.wijk_id, request.postcode) == (None, "3831 AB")


def test_a_home_visit_is_what_the_category_usually_needs_unless_said(session: Session, world: Help):
    cases = [
        ("gezelschap", None, True),
        ("oppas", None, True),
        ("boodschappen", None, False),
        ("vervoer", None, False),
        ("gezelschap", False, False),
        ("boodschappen", True, True),
    ]
    for category, home_visit, expected in cases:
        request = ask(session, world.caregiver, world.centrum, category=category, home_visit=home_visit)
        assert request.home_visit is expected, (category, home_visit)


def test_every_problem_is_named_by_field(session: Session, world: Help):
    with pytest.raises(Invalid) as invalid:
        ask(session, world.caregiver, None, category="forged", text="x" * (TEXT_MAX + 1), postcode="nee")
    assert set(invalid.value.problems) == {"category", "text", "place"}
    assert session.exec(select(HelpRequest)).all() == []


def test_the_text_may_be_as_long_as_allowed_but_not_longer(session: Session, world: Help):
    assert len(ask(session, world.caregiver, world.centrum, text="x" * TEXT_MAX).text) == TEXT_MAX
    with pytest.raises(Invalid) as invalid:
        ask(session, world.caregiver, world.centrum, text="x" * (TEXT_MAX + 1))
    assert set(invalid.value.problems) == {"text"}


def test_a_wijk_of_another_hub_is_no_place(session: Session, world: Help):
    with pytest.raises(Invalid) as invalid:
        ask(session, world.caregiver, world.abele)
    assert set(invalid.value.problems) == {"place"}
    request = ask(session, world.caregiver, world.abele, postcode="3832")
    assert (request.wijk_id, request.postcode) == (None, "3832")


def test_only_a_caregiver_asks_for_themselves(session: Session, world: Help):
    for roles in [(), (Role.volunteer,), (Role.professional, Role.coordinator)]:
        with refused(session, "create-request"):
            ask(session, actor(world.vera, world.leusden, *roles), world.centrum)
    assert session.exec(select(HelpRequest)).all() == []


def test_a_caregiver_of_another_hub_is_refused_in_this_one(session: Session, world: Help):
    with refused(session, "create-request"):
        ask(session, actor(world.bram, world.leusden), world.centrum)


def test_several_kinds_are_posted_together_or_not_at_all(session: Session, world: Help):
    made = requests.create_all(
        session,
        world.caregiver,
        [draft(world.centrum, category="boodschappen"), draft(world.centrum, category="oppas")],
        NOW,
    )
    assert [(r.category, r.home_visit, r.caregiver_id) for r in made] == [
        ("boodschappen", False, world.carla.id),
        ("oppas", True, world.carla.id),
    ]
    with pytest.raises(Invalid) as invalid:
        requests.create_all(
            session, world.caregiver, [draft(world.centrum, category="vervoer"), draft(None)], NOW
        )
    assert set(invalid.value.problems) == {"place"}
    assert len(session.exec(select(HelpRequest)).all()) == 2


def test_posting_several_counts_each_towards_the_daily_limit(session: Session, world: Help):
    for _ in range(requests.REQUESTS_PER_DAY - 2):
        ask(session, world.caregiver, world.centrum)
    three = [draft(world.centrum, category=c) for c in ("boodschappen", "vervoer", "klusjes")]
    with pytest.raises(Invalid) as invalid:
        requests.create_all(session, world.caregiver, three, NOW)
    assert invalid.value.problems == {"text": requests.TOO_MANY_REQUESTS}
    assert len(requests.create_all(session, world.caregiver, three[:2], NOW)) == 2


# --- create_on_behalf -------------------------------------------------------------------------------


def on_behalf(session: Session, world: Help, who: OnBehalf = DANA, by=None, **changes) -> HelpRequest:
    return requests.create_on_behalf(
        session, by or world.professional, draft(world.centrum, **changes), who, NOW
    )


def test_a_professional_posts_for_a_new_caregiver_who_said_yes(session: Session, world: Help):
    request = on_behalf(session, world, category="papierwerk")

    dana = session.exec(select(Person).where(Person.email == "dana@example.org")).one()
    assert (dana.first_name, dana.created_at) == ("Dana", NOW)
    assert (request.caregiver_id, request.posted_by_id, request.hub_id) == (
        dana.id,
        world.petra.id,
        world.leusden.id,
    )
    assert (request.category, request.home_visit, request.status) == ("papierwerk", True, Status.open)
    (membership,) = session.exec(select(Membership).where(Membership.person_id == dana.id)).all()
    assert (membership.hub_id, membership.role, membership.wijk_id, membership.pending) == (
        world.leusden.id,
        Role.caregiver,
        world.centrum.id,
        False,
    )
    (consent,) = session.exec(select(Consent).where(Consent.person_id == dana.id)).all()
    assert (consent.text_version, consent.given_at) == (ON_BEHALF_CONSENT, NOW)
    (event,) = audit_events(session, audit.REQUEST_ON_BEHALF)
    assert (event.hub_id, event.actor_id, event.subject_id) == (world.leusden.id, world.petra.id, dana.id)


def test_a_caregiver_with_an_account_keeps_it(session: Session, world: Help):
    people = len(session.exec(select(Person)).all())
    who = OnBehalf(first_name="Karel", email="CARLA@leusden.example.org", consent=True)

    first = on_behalf(session, world, who)
    second = on_behalf(session, world, who, by=world.coordinator, category="vervoer")

    assert first.caregiver_id == second.caregiver_id == world.carla.id
    assert second.posted_by_id == world.cora.id
    assert len(session.exec(select(Person)).all()) == people
    assert session.get(Person, world.carla.id).first_name == "Carla"
    roles = session.exec(select(Membership.role).where(Membership.person_id == world.carla.id)).all()
    assert roles == [Role.caregiver]
    consents = session.exec(select(Consent.text_version).where(Consent.person_id == world.carla.id)).all()
    assert consents == [ON_BEHALF_CONSENT, ON_BEHALF_CONSENT]
    assert len(audit_events(session, audit.REQUEST_ON_BEHALF)) == 2


def test_an_account_without_the_caregiver_role_here_gets_it_only_after_their_yes(
    session: Session, world: Help
):
    """Bram is caregiver in Poperinge only; Vera is a volunteer in Leusden. Their yes is asked by
    mail (tests/unit/test_confirmations.py); until then nothing is added and the request waits."""
    for person in (world.bram, world.vera):
        request = on_behalf(session, world, OnBehalf("Karel", person.email, True))
        assert (request.caregiver_id, request.status, request.caregiver_name) == (
            person.id,
            Status.waiting,
            "Karel",
        )
        assert not session.exec(
            select(Membership).where(
                Membership.person_id == person.id,
                Membership.hub_id == world.leusden.id,
                Membership.role == Role.caregiver,
            )
        ).first()
        assert not session.exec(select(Consent).where(Consent.person_id == person.id)).first()


def test_on_behalf_every_problem_is_named_and_nothing_is_kept(session: Session, world: Help):
    people = len(session.exec(select(Person)).all())
    with pytest.raises(Invalid) as invalid:
        on_behalf(session, world, OnBehalf(" ", "geen adres", False), category="forged")
    assert set(invalid.value.problems) == {"category", "caregiver_first_name", "caregiver_email", "consent"}
    with pytest.raises(Invalid) as invalid:
        requests.create_on_behalf(
            session, world.professional, draft(None), OnBehalf("x" * 61, "dana@example.org", True), NOW
        )
    assert set(invalid.value.problems) == {"place", "caregiver_first_name"}
    assert len(session.exec(select(Person)).all()) == people
    assert session.exec(select(HelpRequest)).all() == []
    assert session.exec(select(Consent)).all() == []
    assert audit_events(session, audit.REQUEST_ON_BEHALF) == []


def test_without_consent_nothing_is_posted(session: Session, world: Help):
    with pytest.raises(Invalid) as invalid:
        on_behalf(session, world, OnBehalf("Dana", "dana@example.org", False))
    assert set(invalid.value.problems) == {"consent"}
    assert session.exec(select(Person).where(Person.email == "dana@example.org")).first() is None


def test_only_staff_post_on_behalf(session: Session, world: Help):
    for roles in [(Role.caregiver,), (Role.volunteer, Role.trekker), ()]:
        with refused(session, "create-request-on-behalf"):
            on_behalf(session, world, by=actor(world.carla, world.leusden, *roles))
    assert session.exec(select(Person).where(Person.email == "dana@example.org")).first() is None


# --- may_answer and mine ------------------------------------------------------------------------------


def test_the_caregiver_and_the_poster_may_answer_nobody_else(session: Session, world: Help):
    request = on_behalf(session, world)
    dana = session.get(Person, request.caregiver_id)
    assert requests.may_answer(request, actor(dana, world.leusden, Role.caregiver))
    assert requests.may_answer(request, world.professional)
    assert not requests.may_answer(request, world.coordinator)
    assert not requests.may_answer(request, world.volunteer)
    assert not requests.may_answer(request, actor(dana, world.poperinge, Role.caregiver))
    assert not requests.may_answer(request, actor(world.petra, world.poperinge, Role.professional))


def test_mine_lists_the_requests_asked_or_posted_here_newest_first(session: Session, world: Help):
    older = ask(session, world.caregiver, world.centrum, category="vervoer")
    newer = ask(session, world.caregiver, None, LATER, postcode="3832 AB")
    posted = on_behalf(session, world, OnBehalf("Carla", world.carla.email, True), category="huishouden")
    dana = on_behalf(session, world)
    ask(session, world.elsewhere, world.abele)

    mine = requests.mine(session, world.caregiver)
    assert [m.request.id for m in mine] == [newer.id, posted.id, older.id]  # same moment: newest id first
    assert [m.wijk for m in mine] == ["3832 AB", "Centrum", "Centrum"]
    assert {m.caregiver for m in mine} == {"Carla"}
    assert all(m.offers == () and m.helper == "" for m in mine)

    by_petra = requests.mine(session, world.professional)
    assert [(m.request.id, m.caregiver) for m in by_petra] == [(dana.id, "Dana"), (posted.id, "Carla")]
    assert requests.mine(session, world.coordinator) == []
    assert requests.mine(session, actor(world.carla, world.poperinge, Role.caregiver)) == []


def test_mine_shows_waiting_offers_by_first_name_and_the_helper_once_matched(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    vera = add_offer(session, request, world.vera, OfferStatus.offered)
    victor = add_offer(session, request, world.victor, OfferStatus.offered)
    add_offer(session, request, world.bram, OfferStatus.suggested)

    (entry,) = requests.mine(session, world.caregiver)
    assert entry.offers == (requests.Offer(vera.id, "Vera"), requests.Offer(victor.id, "Victor"))
    assert entry.helper == ""

    requests.answer_offer(session, world.caregiver, victor.id, True, NOW)
    (entry,) = requests.mine(session, world.caregiver)
    assert (entry.offers, entry.helper, entry.request.status) == ((), "Victor", Status.matched)


def test_mine_says_offered_while_offers_wait_for_an_answer_and_the_status_otherwise(
    session: Session, world: Help
):
    request = ask(session, world.caregiver, world.centrum)
    add_offer(session, request, world.bram, OfferStatus.suggested)  # not an offer yet
    assert [m.shown for m in requests.mine(session, world.caregiver)] == [Status.open]

    vera = add_offer(session, request, world.vera, OfferStatus.offered)
    (entry,) = requests.mine(session, world.caregiver)
    assert entry.shown == requests.OFFERED == "offered"
    assert requests.STATUS_WORDS[entry.shown] == "Iemand wil u helpen. Wilt u dat?"

    requests.answer_offer(session, world.caregiver, vera.id, True, NOW)
    assert [m.shown for m in requests.mine(session, world.caregiver)] == [Status.matched]
    requests.stop(session, world.caregiver, request.id, NOW)
    assert [m.shown for m in requests.mine(session, world.caregiver)] == [Status.closed]
    assert all(m.shown in requests.STATUS_WORDS for m in requests.mine(session, world.caregiver))


# --- answer_offer -------------------------------------------------------------------------------------


@pytest.fixture
def offered(session: Session, world: Help) -> tuple[HelpRequest, HelpOffer, HelpOffer, HelpOffer]:
    """Carla's request on Tuesday evening: Vera and Victor offered, Bram was suggested."""
    request = ask(session, world.caregiver, world.centrum, days=["dinsdag"], dayparts=["avond"])
    return (
        request,
        add_offer(session, request, world.vera, OfferStatus.offered),
        add_offer(session, request, world.victor, OfferStatus.offered),
        add_offer(session, request, world.bram, OfferStatus.suggested),
    )


def _statuses(session: Session, *offers: HelpOffer) -> list[tuple[str, object]]:
    session.expire_all()
    return [(o.status, o.answered_at) for o in (session.get(HelpOffer, offer.id) for offer in offers)]


def test_yes_matches_declines_the_others_and_plans_the_follow_ups(session: Session, world: Help, offered):
    request, vera, victor, bram = offered

    answered = requests.answer_offer(session, world.caregiver, vera.id, True, LATER)

    assert (answered.status, answered.volunteer_id) == (Status.matched, world.vera.id)
    assert _statuses(session, vera, victor, bram) == [
        (OfferStatus.accepted, LATER),
        (OfferStatus.declined, LATER),
        (OfferStatus.declined, LATER),
    ]
    agreed = session.get(HelpRequest, request.id).agreed_at
    assert agreed.isoformat() == "2025-03-04T18:00:00+00:00"  # Tuesday 19:00 in Leusden
    follow_ups = session.exec(select(FollowUp).order_by(FollowUp.id)).all()
    assert [(f.person_id, f.due_at, f.answer) for f in follow_ups] == [
        (world.carla.id, agreed + timedelta(days=1), None),
        (world.vera.id, agreed + timedelta(days=1), None),
    ]


def test_no_declines_only_that_offer(session: Session, world: Help, offered):
    request, vera, victor, bram = offered

    answered = requests.answer_offer(session, world.caregiver, vera.id, False, LATER)

    assert (answered.status, answered.volunteer_id, answered.agreed_at) == (Status.open, None, None)
    assert _statuses(session, vera, victor, bram) == [
        (OfferStatus.declined, LATER),
        (OfferStatus.offered, None),
        (OfferStatus.suggested, None),
    ]
    assert session.exec(select(FollowUp)).all() == []
    requests.answer_offer(session, world.caregiver, victor.id, True, LATER)
    assert session.get(HelpRequest, request.id).volunteer_id == world.victor.id


def test_the_professional_who_posted_answers_offers(session: Session, world: Help):
    request = on_behalf(session, world)
    offer = add_offer(session, request, world.vera, OfferStatus.offered)
    answered = requests.answer_offer(session, world.professional, offer.id, True, NOW)
    assert (answered.status, answered.volunteer_id) == (Status.matched, world.vera.id)
    due_for = session.exec(select(FollowUp.person_id).order_by(FollowUp.id)).all()
    assert due_for == [request.caregiver_id, world.vera.id]


def test_strangers_answer_no_offer(session: Session, world: Help, offered):
    _, vera, *_ = offered
    strangers = (
        world.volunteer,
        world.coordinator,
        world.professional,
        actor(world.carla, world.poperinge, Role.caregiver),
        world.elsewhere,
    )
    for stranger in strangers:
        with refused(session, "answer-offer"):
            requests.answer_offer(session, stranger, vera.id, True, NOW)
    assert _statuses(session, vera) == [(OfferStatus.offered, None)]


def test_only_a_waiting_offer_on_an_open_request_is_answered(session: Session, world: Help, offered):
    _, vera, victor, bram = offered
    for offer_id in (bram.id, 10_000):  # a suggestion is no offer yet; no such offer
        with refused(session, "answer-offer"):
            requests.answer_offer(session, world.caregiver, offer_id, True, NOW)
    requests.answer_offer(session, world.caregiver, vera.id, False, NOW)
    with refused(session, "answer-offer"):  # answered already
        requests.answer_offer(session, world.caregiver, vera.id, True, NOW)
    requests.answer_offer(session, world.caregiver, victor.id, True, NOW)
    late = add_offer(session, session.get(HelpRequest, victor.request_id), world.petra, OfferStatus.offered)
    with refused(session, "answer-offer"):  # the request is matched already
        requests.answer_offer(session, world.caregiver, late.id, True, NOW)
    assert len(session.exec(select(FollowUp)).all()) == 2


# --- stop -------------------------------------------------------------------------------------------


def test_stopping_closes_and_declines_what_waits(session: Session, world: Help, offered):
    request, vera, victor, bram = offered
    stopped = requests.stop(session, world.caregiver, request.id, LATER)
    assert stopped.status == Status.closed
    assert _statuses(session, vera, victor, bram) == [(OfferStatus.declined, LATER)] * 3
    assert requests.stop(session, world.caregiver, request.id, LATER + timedelta(hours=1)).status == (
        Status.closed
    )
    assert _statuses(session, vera) == [(OfferStatus.declined, LATER)]


def test_stopping_a_matched_request_keeps_the_accepted_offer(session: Session, world: Help, offered):
    request, vera, *_ = offered
    requests.answer_offer(session, world.caregiver, vera.id, True, NOW)
    assert requests.stop(session, world.caregiver, request.id, LATER).status == Status.closed
    assert _statuses(session, vera) == [(OfferStatus.accepted, NOW)]


def test_a_done_request_stays_done(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    request.status = Status.done
    session.add(request)
    session.commit()
    assert requests.stop(session, world.caregiver, request.id, NOW).status == Status.done


def test_the_poster_may_stop_and_strangers_may_not(session: Session, world: Help):
    request = on_behalf(session, world)
    for stranger in (
        world.caregiver,
        world.coordinator,
        actor(world.petra, world.poperinge, Role.professional),
    ):
        with refused(session, "stop-request"):
            requests.stop(session, stranger, request.id, NOW)
    with refused(session, "stop-request"):
        requests.stop(session, world.professional, 10_000, NOW)
    assert requests.stop(session, world.professional, request.id, NOW).status == Status.closed


# --- helpers --------------------------------------------------------------------------------------------


def test_every_category_has_examples_and_a_known_value():
    assert set(EXAMPLES) == set(CATEGORY_VALUES)
    assert all(examples and all(len(e) <= TEXT_MAX for e in examples) for examples in EXAMPLES.values())
    assert set(CATEGORY_VALUES) >= requests.HOME_VISIT_BY_DEFAULT


def test_a_volunteers_profile_does_not_make_them_a_caregiver(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    with refused(session, "create-request"):
        ask(session, world.volunteer, world.centrum)


# --- limits ---------------------------------------------------------------------------------------------


def test_a_person_makes_at_most_so_many_requests_a_day(session: Session, world: Help):
    """Own requests and those posted for others count together; 24 hours later it may again."""
    yesterday = NOW - timedelta(days=1)
    ask(session, world.caregiver, world.centrum, yesterday)  # just outside the 24 hours
    for _ in range(requests.REQUESTS_PER_DAY - 1):
        ask(session, world.caregiver, world.centrum, NOW - timedelta(hours=1))
    requests.create_on_behalf(session, world.professional, draft(world.centrum), DANA, NOW)
    ask(session, world.caregiver, world.centrum)  # Carla's tenth today; the one for Dana is Petra's

    with pytest.raises(Invalid) as invalid:
        ask(session, world.caregiver, world.centrum, text="Wie helpt?")
    assert invalid.value.problems == {"text": requests.TOO_MANY_REQUESTS}
    for _ in range(requests.REQUESTS_PER_DAY - 1):
        requests.create_on_behalf(session, world.professional, draft(world.centrum), DANA, NOW)
    with pytest.raises(Invalid) as invalid:
        requests.create_on_behalf(session, world.professional, draft(world.centrum), DANA, NOW)
    assert invalid.value.problems == {"text": requests.TOO_MANY_REQUESTS}
    assert len(session.exec(select(HelpRequest)).all()) == 1 + 2 * requests.REQUESTS_PER_DAY
    ask(session, world.caregiver, world.centrum, NOW + timedelta(hours=23))  # the first went out


def test_no_offer_is_accepted_from_a_volunteer_who_no_longer_qualifies(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum, category="klusjes")  # help at home
    offer = add_offer(session, request, world.vera, OfferStatus.offered)
    without_vog(session, world.vera)
    with refused(session, "answer-offer"):
        requests.answer_offer(session, world.caregiver, offer.id, True, NOW)
    requests.answer_offer(session, world.caregiver, offer.id, False, NOW)  # a no still may
    assert session.get(HelpRequest, request.id).status == Status.open
