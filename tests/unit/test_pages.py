"""Every page, pinned: its route, its title and its on_load handlers in order, so the registry cannot drift.

A new page adds its row here; a changed row is a changed page, on purpose or not.
"""

import json

import pytest
import reflex as rx

from mantelzorg_app import routes
from mantelzorg_app.mantelzorg_app import app
from mantelzorg_app.pages import registry, shape
from mantelzorg_app.pages.registry import PAGES
from mantelzorg_app.pages.shape import HUB_ON_LOAD
from state.ui import UiState, t

HUB = ("TabOwnerState.check", "UiState.apply_language", "HubState.load", "NavState.load")
TITLE = "Mantelzorghub"

# route: on_load, by handler, in the order they run
PINNED = {
    "/": ("UiState.apply_language", "HubListState.load"),
    "/[hub]": (*HUB, "AuthState.load", "HomeState.load", "NextActivityState.load", "NewestNewsState.load"),
    "/[hub]/hulp": (*HUB, "QuestionnaireState.load"),
    "/[hub]/hulpvragen/nieuw": (*HUB, "RequestFormState.load"),
    "/[hub]/hulpvragen": (*HUB, "RequestsState.load", "FollowUpState.load"),
    "/[hub]/helpen": (*HUB, "HelpingState.load", "FollowUpState.load"),
    "/[hub]/helpen/profiel": (*HUB, "ProfileState.load"),
    "/[hub]/hulpvraag/[nr]": (*HUB, "RequestChatState.load"),
    "/[hub]/inloggen": (*HUB, "AuthState.load", "StaffSignInState.load", "SignInState.load"),
    "/[hub]/welkom": (*HUB, "SignUpState.load"),
    "/[hub]/mijn-gegevens": (*HUB, "AuthState.load", "PrivacyState.load", "BlockedState.load"),
    "/[hub]/beheer": (*HUB, "AuthState.load", "CoordinationState.load"),
    "/[hub]/sociale-kaart": (*HUB, "KaartState.load"),
    "/[hub]/sociale-kaart/[dienst]": (*HUB, "ServiceState.load", "ShareState.load"),
    "/[hub]/zoeken": (*HUB, "SearchState.load"),
    "/[hub]/wie-is-wie": (*HUB, "WhoState.load"),
    "/[hub]/beheer/sociale-kaart": (*HUB, "AuthState.load", "ManageState.load"),
    "/[hub]/mijn-organisatie": (*HUB, "PartnerState.load"),
    "/[hub]/praten": (*HUB, "ChatListState.load"),
    "/[hub]/praten/[gesprek]": (*HUB, "AuthState.load", "ConversationState.load"),
    "/[hub]/beheer/praten": (*HUB, "AuthState.load", "ModerationState.load"),
    "/[hub]/agenda": (*HUB, "AgendaState.load"),
    "/[hub]/agenda/maand/[maand]": (*HUB, "MonthState.load"),
    "/[hub]/activiteit/[activiteit]": (*HUB, "ActivityState.load", "ShareState.load"),
    "/[hub]/mijn-aanmeldingen": (*HUB, "MyBookingsState.load"),
    "/[hub]/activiteit/[activiteit]/aanmeldingen": (*HUB, "SignUpsState.load"),
    "/[hub]/beheer/agenda": (*HUB, "OrganiserState.load"),
    "/[hub]/beheer/agenda/nieuw": (*HUB, "ActivityFormState.load"),
    "/[hub]/activiteit/[activiteit]/bewerken": (*HUB, "ActivityFormState.load"),
    "/[hub]/nieuws": (*HUB, "NewsState.load"),
    "/[hub]/nieuws/[bericht]": (*HUB, "PostState.load", "ShareState.load"),
    "/[hub]/nieuws/algemeen/[item]": (*HUB, "ItemState.load"),
    "/[hub]/beheer/nieuws/bronnen": (*HUB, "AuthState.load", "SourcesState.load"),
    "/[hub]/nieuws/schrijven": (*HUB, "WritingState.load"),
    "/[hub]/nieuws/mijn-berichten": (*HUB, "MyPostsState.load"),
    "/[hub]/beheer/nieuws": (*HUB, "AuthState.load", "NewsModerationState.load"),
    "/[hub]/uw-stem": HUB,
}


def _names(handlers) -> tuple[str, ...]:
    return tuple(handler.fn.__qualname__ for handler in handlers)


def test_the_hub_loads_its_own_first():
    assert _names(HUB_ON_LOAD) == HUB


def test_every_page_is_pinned_in_order():
    assert [page.route for page in PAGES] == list(PINNED)
    assert {page.route: _names(page.on_load) for page in PAGES} == PINNED


def test_every_page_has_its_own_title_in_the_visitors_language():
    # The <title> is a Var: the heading (or the page's own part), the section, the hub's name.
    titles = {page.route: str(page.title) for page in PAGES}
    assert len(set(titles.values())) == len(titles), "two pages share a title"
    for route, title in titles.items():
        assert TITLE in title and "ui_state.lang" in title, route
        assert ("hub_state.name" in title) == (route != routes.START), route
    assert "questionnaire_state.key" in titles[routes.hub_route(routes.HELP)]  # follows the question
    assert '["Hulp"]' in titles[routes.hub_route(routes.REQUEST_NEW)]  # the help section
    assert '["Hulp"]' not in titles[routes.HUB]


def test_the_app_adds_exactly_the_registered_pages():
    # Reflex keeps the pages it was given, before compiling, under its own route keys.
    added = app._unevaluated_pages
    keys = {"index" if page.route == routes.START else page.route.lstrip("/"): page for page in PAGES}
    assert list(added) == list(keys)
    for key, page in keys.items():
        assert added[key].component is page.component
        assert str(added[key].title) == str(page.title)
        assert _names(added[key].on_load) == _names(page.on_load)


@pytest.mark.parametrize("page", [p for p in PAGES if p.route != routes.START], ids=lambda p: p.route)
def test_every_hub_page_is_named_after_its_module_function(page):
    # functools.wraps keeps the page function's name and module: Reflex names the compiled page after them.
    assert page.component.__module__.startswith("mantelzorg_app.pages.")
    assert page.component.__module__ != "mantelzorg_app.pages.shape"
    assert page.component.__name__ != "full_page"


def test_only_the_pages_one_may_come_back_to_ask_a_visitor_to_sign_in_first():
    # A Guard with signed_in links to sign in with ?verder=<this page>; only AFTER_SIGN_IN is honoured there.
    asking = {}
    for page in PAGES:
        rendered = json.dumps(page.component().render(), default=str)
        if "verder=" in rendered:
            asking[page.route] = rendered
    # A conversation refused to a visitor sends them to sign in and on to the list of Praten; an
    # activity's page back to itself.
    conversation, activity = routes.hub_route(routes.CONVERSATION), routes.hub_route(routes.ACTIVITY)
    assert set(asking) == {routes.hub_route(part) for part in routes.AFTER_SIGN_IN} | {conversation, activity}
    for part in routes.AFTER_SIGN_IN:
        assert f"verder={part}" in asking[routes.hub_route(part)]
    assert f"verder={routes.CHAT}" in asking[conversation]
    assert "verder=activiteit/" in asking[activity]


@pytest.mark.parametrize(
    ("asked", "goes_to"),
    [
        ("activiteit/12", "activiteit/12"),
        ("praten", "praten"),
        ("activiteit/0", ""),
        ("activiteit/12/bewerken", ""),
        ("activiteit/12?x=1", ""),
        ("//evil.example", ""),
        (None, ""),
    ],
)
def test_signing_in_goes_on_only_to_a_known_part_or_an_activity(asked, goes_to):
    assert routes.after_sign_in(asked) == goes_to


def test_a_page_from_a_module_not_listed_stops_the_app(monkeypatch):
    stray = shape.Page("/[hub]/ergens", rx.fragment, ())  # rx.fragment's module is not a page module
    monkeypatch.setattr(shape, "_REGISTERED", [*shape.registered(), stray])
    with pytest.raises(RuntimeError, match="list these page modules"):
        registry.pages_of(registry.MODULES)


def test_a_guard_wraps_one_component(monkeypatch):
    monkeypatch.setattr(shape, "_REGISTERED", [])

    @shape.hub_page_at("ergens", heading=t("Welkom"), guard=shape.Guard(UiState, t("Welkom")))
    def two_parts() -> tuple[rx.Component, ...]:
        return (rx.fragment(), rx.fragment())

    with pytest.raises(TypeError, match="one component"):
        two_parts()


def _rendered(component: rx.Component) -> str:
    return json.dumps(component.render(), default=str)


def test_single_choices_are_radios_and_several_are_toggles():
    from components.choices import choice_button, choice_buttons

    chosen = rx.Var.create(True)
    radio = choice_button("sun", "Middag", chosen, rx.noop(), single=True)
    one = _rendered(choice_buttons("Wanneer?", radio, single=True))
    assert 'role:\\"radiogroup\\"' in one and 'role:\\"radio\\"' in one and "aria-checked" in one
    assert "aria-pressed" not in one
    several = _rendered(choice_buttons("Dagen", choice_button("sun", "Dinsdag", chosen, rx.noop())))
    assert 'role:\\"group\\"' in several and "aria-pressed" in several and "radio" not in several
    named = _rendered(choice_buttons("Waar?", field="place", message=rx.Var.create("Kies een plek.")))
    assert 'id:\\"place\\"' in named and "place-probleem" in named


def test_the_error_summary_links_each_problem_to_its_field():
    from components.form import summary

    problems = rx.Var.create([{"field": "phone", "message": "Vul uw telefoonnummer in."}])
    rendered = _rendered(summary(t("Er is een probleem"), problems, show=t))
    assert '\\"#\\"+' in rendered and '?.[\\"field\\"]' in rendered  # href="#<field>"
    assert "tabIndex:-1" in rendered and "data-summary" in rendered and 'role:\\"alert\\"' in rendered
