"""Every State handler is listed here: public, with the reason, or protected, with forged calls.

A new handler fails ``test_every_handler_is_listed`` until it is added. For a protected one, list
the arguments a real coordinator (or other rightful user) would send; the suite then forges them:
no session, the wrong role, a coordinator of another hub, and another hub's ids. Each forged call
must change nothing and leave a "refused" line in the audit log.
"""

import asyncio
import inspect
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import Session, select

from mantelzorg_app.models import (
    Activity,
    ActivityChange,
    Booking,
    CallbackTask,
    ChatBlock,
    ChatMember,
    ChatMessage,
    ChatReport,
    Conversation,
    FollowUp,
    HelpOffer,
    HelpRequest,
    Membership,
    NewsPost,
    Person,
    SearchSynonym,
    Service,
    ServiceEdit,
    VolunteerProfile,
)
from mantelzorg_app.services.directory.taxonomy import BY_VALUE
from mantelzorg_app.services.platform import cookies
from tests.security.chat_fixtures import reported
from tests.security.conftest import People, call, call_in_turn, refusals, root_state, run_handler
from tests.security.news_fixtures import news_post
from tests.security.photo_fixtures import chosen, drafted
from tests.security.sign_ups_fixtures import listed, phone_form

PUBLIC = {
    "UiState.apply_language": "display only",
    "UiState.set_language": "the visitor's own display choice; unknown codes fall back to Dutch",
    "UiState.toggle_big_text": "display only",
    "HubState.load": "the public hub named in the URL",
    "HubListState.load": "the public list of hubs",
    "AuthState.load": "the caller's own first name, from their own session cookie",
    "AuthState.sign_out": "ends only the caller's own sessions, found by their cookie",
    "TabOwnerState.check": "empties only the caller's own tab, when the person it held is gone",
    "HomeState.load": "the caller's own lines and main action, from their own session cookie",
    "NavState.load": "whether the person this tab's owner check found has a request; nothing else",
    "SignInState.start_over": "display only",
    "SignInState.send_code": "anyone may ask; limits apply and the answer never tells if an account exists",
    "SignInState.check_code": "needs the code from the mail; 5 tries",
    "SignInState.send_again": "a new code to the address of this tab's last code (server-side); limits apply",
    "SignInState.tapped_link": "reloads the caller's own tab, which then reads its own session cookie",
    "SignUpState.change_wijk": "display only: shows the wijk question",
    "SignUpState.change_role": "display only: shows the role question",
    "SignUpState.load": "needs the sign-up ticket cookie of a checked address",
    "SignUpState.submit": "needs the sign-up ticket cookie of a checked address, for this hub",
    "StaffSignInState.load": "whether the public hub offers staff sign-in; the caller's own ?probleem= text",
    "PrivacyState.load": "the caller's own data, from their own session cookie",
    "PrivacyState.ask_to_delete": "display only",
    "PrivacyState.keep_account": "display only",
    "PrivacyState.delete_account": "wipes only the caller's own account, found by their cookie (test below)",
    "PrivacyState.set_chat_mail": "switches only the caller's own unread mail, found by their cookie (below)",
    "QuestionnaireState.load": "the caller's own answers in this tab; the public wijken of the hub",
    "QuestionnaireState.choose": "the caller's own answers; only a choice of the question on screen counts",
    "QuestionnaireState.go_on": "the caller's own answers; only on a question with several choices",
    "QuestionnaireState.use_postcode": "the caller's own answers; only on the place question",
    "QuestionnaireState.back": "moves through the caller's own answers",
    "QuestionnaireState.start_over": "forgets the caller's own answers",
    "QuestionnaireState.begin": "display only: the first question after the first screen",
    "QuestionnaireState.go_to": "moves through the caller's own answers; only to a step already reached",
    "QuestionnaireState.ask_start_over": "display only",
    "QuestionnaireState.keep_answers": "display only",
    "QuestionnaireState.keep_phone": "keeps what the caller typed in their own tab; sends nothing",
    "QuestionnaireState.keep_name": "keeps what the caller typed in their own tab; sends nothing",
    "QuestionnaireState.ask_callback": "anyone may ask for a call; once per tab, after the questions (below)",
    "SignInState.load": "remembers where to go on after signing in; only parts of routes.AFTER_SIGN_IN",
    "RequestsState.load": "the caller's own requests, from their own session cookie",
    "RequestFormState.load": "the caller's own Wegwijzer answers in this tab; the public wijken of the hub",
    "RequestFormState.choose": "the caller's own form in this tab; only known values count",
    "RequestFormState.toggle": "the caller's own form in this tab; only known values count",
    "RequestFormState.keep": "the caller's own form in this tab, once loaded for them; lengths capped",
    "RequestFormState.agree": "the caller's own form in this tab, once loaded for them",
    "RequestFormState.go_on": "checks the caller's own form in this tab and shows its next step",
    "RequestFormState.back": "shows the previous step of the caller's own form in this tab",
    "HelpingState.load": "the requests that fit the caller's own profile, from their own session cookie",
    "ProfileState.load": "the caller's own profile, from their own session cookie",
    "ProfileState.toggle": "the caller's own form in this tab; only known values count",
    "ProfileState.keep_postcode": "the caller's own form in this tab; save checks it like a typed one",
    "RequestsState.ask_stop": "display only: asks 'Weet u het zeker?'; stop checks everything itself",
    "RequestsState.keep": "display only",
    "FollowUpState.load": "the caller's own follow-ups, from their own session cookie",
    "ReportState.report": "acts only on the message this tab's open() checked and kept (server-side); "
    "the service checks access again (tests/security/test_chat_reports.py)",
    "ReportState.block": "acts only on the message this tab's open() checked and kept (server-side); "
    "the service checks access again (tests/security/test_chat_reports.py)",
    "ReportState.close": "display only",
    "ReportState.ask_block": "display only: says what blocking does above 'Ja, blokkeer'; block checks "
    "everything itself",
    "ReportState.keep_unblocked": "display only",
    "BlockedState.load": "the first names of whom the caller blocked, from their own session cookie; the "
    "ids stay in the tab's backend var",
    "BlockedState.unblock": "undoes only a block of the caller's own, by its place in the list this tab "
    "loaded for that same person (test below)",
    "ChatListState.load": "the caller's own conversations and their hub's rooms, from their session cookie",
    "RequestChatState.load": "conversations.for_request refuses, and logs, anyone not in the request "
    "(test below)",
    "ConversationState.load": "conversations.access refuses, and logs, anyone not a member, also with the "
    "id of another hub's conversation; the tab then keeps nothing of it (test below)",
    "ConversationState.older": "reads only the conversation this tab's load checked (server-side), and asks "
    "conversations.access again (test below)",
    "ConversationState.leave": "leaves only the room this tab's load checked (server-side); "
    "conversations.leave asks access again (test below)",
    "ConversationState.edit": "display only: the question about a phone number goes",
    "ConversationState.seen": "marks read only in the conversation this tab's load checked (server-side), "
    "after conversations.access again, never past what the tab holds nor what exists (test below)",
    "WhoState.pick": "display only: narrows the rows load gave this tab's staff member (server-side)",
    "SearchState.load": "the public hub's wijken and number; cards for the words this tab itself holds",
    "SearchState.typed": "searches the hub's public index for any text, cut to MAX_QUERY (test below)",
    "SearchState.submit": "searches the hub's public index for any text, cut to MAX_QUERY (test below)",
    "SearchState.choose_category": "narrows the caller's own search; only a category of the list counts",
    "SearchState.choose_wijk": "narrows the caller's own search; only one of this hub's wijken counts",
    "SearchState.clear_filters": "display only",
    "SearchState.from_home": "keeps the caller's own words in their tab and opens Zoeken, never in its URL",
    "KaartState.load": "the public sociale kaart of the hub the server looked up from the address",
    "AgendaState.load": "the public agenda of the hub the server looked up; 'U komt' only for the person "
    "the tab's owner check found from the session cookie",
    "AgendaState.choose_kind": "narrows the caller's own agenda; only a kind the chips offered counts",
    "AgendaState.choose_wijk": "narrows the caller's own agenda; only a wijk the chips offered counts",
    "AgendaState.show_all": "display only",
    "MonthState.load": "one public month of the hub's agenda; the month from the address, parsed and bounded",
    "NextActivityState.load": "the hub's next public activity; 'U komt' only for the tab owner's own booking",
    "NewsState.load": "the published posts and general news of the hub the server looked up; the person's "
    "own wijk from their own session cookie; a ?wijk= of another hub counts for nothing",
    "NewsState.choose_wijk": "narrows the caller's own list; only one of the hub's wijken counts",
    "NewsState.more": "the next published cards of one of the caller's own sections",
    "NewestNewsState.load": "the hub's newest published post; the wijk from the caller's own session cookie",
    "PostState.load": "one published post of the hub the server looked up; before it is published only its "
    "writer and the coordinator see it (tests/security/test_news_reading.py)",
    "ItemState.load": "one public general news item of the hub's own feeds; another hub's id finds nothing",
    "WritingState.load": "a new post's form for a trekker or the coordinator; a draft in the address only "
    "the writer's own (posts.own_if_there refuses and logs anyone else's id; a missing one is not found) "
    "(tests/security/test_news_writing.py)",
    "WritingState.choose_wijk": "the caller's own form in this tab, once loaded; only a wijk offered to the "
    "coordinator counts, and the save checks the wijk again (tests/security/test_news_writing.py)",
    "WritingState.choose_activity": "the caller's own form in this tab, once loaded; only an activity "
    "offered counts, and the save checks its hub again",
    "MyPostsState.load": "the caller's own posts, from their own session cookie",
    "MyPostsState.ask_discard": "display only: 'Zeker weten?' about a draft of the list this tab loaded "
    "(held server-side); discard checks everything itself",
    "MyPostsState.keep_post": "display only",
    "NewsModerationState.open_note": "display only: opens a note field; the decision checks it all itself",
    "NewsModerationState.close_note": "display only",
    "SourcesState.ask_remove": "display only: asks 'Zeker weten?' about a feed this tab's load listed "
    "(server-side ids); remove checks the coordinator and the feed's hub itself",
    "SourcesState.keep": "display only",
    "PhotoState.rejected": "display only: says the browser refused the chosen file; stores nothing",
    "PhotoState.sending": "display only: says the chosen photo is on its way",
    "ServiceState.load": "one public service of the hub the server looked up; another hub's id finds nothing",
    "ServiceState.ask": "opens only the caller's own question to the organisation this tab's load found; a "
    "visitor, someone of another hub or of that organisation is refused (tests/security/test_chat_share.py)",
    "ShareState.load": "the caller's own conversations with a volunteer, from their own session cookie",
    "ShareState.send": "a card made from the database, only into the caller's own conversation with their "
    "volunteer; anything else is refused and logged (tests/security/test_chat_share.py)",
    "ManageState.ask_refuse": "display only: opens a reason field; refuse checks everything itself",
    "ManageState.keep": "display only",
    "UploadState.rejected": "display only: says the browser refused the chosen file; loads nothing",
    "UploadState.forget": "display only: empties the upload's report in this tab",
    "PartnerState.load": "the caller's own organisation's entries (services.directory.edits decides whose)",
    "PartnerState.keep": "the caller's own form in this tab, once opened for them; lengths capped",
    "PartnerState.toggle": "the caller's own form in this tab, once opened; only known wijken and languages",
    "PartnerState.choose_category": "the caller's own form in this tab, once opened; only a listed category",
    "PartnerState.back": "display only: the list again; send checks everything itself",
    "ActivityState.load": "one public activity of the hub the server looked up; another hub's id finds "
    "nothing; 'U komt' only for the person found from the session cookie",
    "ActivityState.choose": "display only: a date of the activity this tab's load found (server-side)",
    "ActivityState.choose_slot": "display only: one of the slots this tab's load found (server-side)",
    "ActivityState.toggle_someone": "display only: sign up as two, where the activity offers it",
    "ActivityState.sign_up": "signs up only the signed-in person of the hub, for the activity and date this "
    "tab's load found; a visitor or someone of another hub is refused "
    "(tests/security/test_calendar_sign_up.py)",
    "ActivityState.cancel": "cancels only the caller's own booking of the date this tab's load found; "
    "refused and logged otherwise (tests/security/test_calendar_sign_up.py)",
    "ActivityState.ask_cancel": "display only: 'Zeker weten?' about the date this tab's load found "
    "(held server-side); cancel checks everything itself",
    "ActivityState.keep_booking": "display only",
    "MyBookingsState.load": "the caller's own bookings, from their own session cookie",
    "MyBookingsState.ask_cancel": "display only: 'Zeker weten?' about a place of the list this tab "
    "loaded (held server-side); cancel checks everything itself",
    "MyBookingsState.keep_booking": "display only",
    "MyBookingsState.cancel": "a place in the list this tab loaded for the caller, never an id; another "
    "person's booking is refused and logged (tests/security/test_calendar_sign_up.py)",
    "MyBookingsState.make_feed": "makes or renews only the caller's own private feed; a visitor is refused "
    "(tests/security/test_calendar_sign_up.py)",
    "SignUpsState.load": "services.calendar.attendees refuses, and logs, anyone who does not organise the "
    "activity, also with another hub's id (tests/security/test_calendar_sign_ups.py)",
    "OrganiserState.load": "the activities the caller organises, from their own session cookie "
    "(services.calendar.editing.organised decides whose); anyone else gets an empty list",
    "ActivityFormState.load": "the form of a new activity, or of the activity in the address only for one "
    "who organises it (activities.may_organise); another hub's id or someone else's finds nothing",
    "ActivityFormState.keep": "the caller's own form in this tab, once loaded for them; lengths capped",
    "ActivityFormState.choose": "the caller's own form in this tab, once loaded; only listed values count",
    "ActivityFormState.start_move": "display only: opens the small form of a date this tab's load listed "
    "(server-side keys); move checks everything itself",
    "ActivityFormState.keep_move": "the caller's own small form in this tab, once opened; lengths capped",
    "ActivityFormState.stop_move": "display only",
    "ActivityFormState.ask_cancel": "display only: asks 'Weet u het zeker?'; cancel_activity checks "
    "everything itself",
    "ActivityFormState.keep_activity": "display only",
    "ActivityFormState.ask_cancel_date": "display only: asks 'Weet u het zeker?' about a date this tab's "
    "load listed; cancel_date checks the organiser again",
    "ActivityFormState.keep_date": "display only",
    "SignUpsState.ask_cancel": "display only: asks 'Zeker weten?'; cancel checks everything itself",
    "SignUpsState.keep_booking": "display only",
    "setvar": "sets plain display vars only; no handler trusts them (server-side copies are _vars)",
}


@dataclass(frozen=True)
class Protected:
    """How the rightful user calls a handler, and ids of another hub to forge with."""

    state: str
    rightful: str  # who may do it, a key of People.tokens
    args: Callable[[People], tuple]
    other_hub_args: Callable[[People], tuple] | None = None
    others_allowed: tuple[str, ...] = ()  # intruders who may rightfully call it too
    page_also_for: tuple[str, ...] = ()  # intruders who may see the page, though not do this


def coordination():
    from state.help.coordination import CoordinationState

    return CoordinationState


def requests():
    from state.help.requests import RequestsState

    return RequestsState


def request_form():
    from state.help.request_form import RequestFormState

    return RequestFormState


def helping():
    from state.help.volunteering import HelpingState

    return HelpingState


def profile():
    from state.help.volunteering import ProfileState

    return ProfileState


def follow_ups():
    from state.help.follow_ups import FollowUpState

    return FollowUpState


def partner():
    from state.directory.partner import PartnerState

    return PartnerState


def who():
    from state.directory.who import WhoState

    return WhoState


def upload():
    from state.directory.upload import UploadState

    return UploadState


def hsds_file(*records: dict) -> list:
    """The coordinator's chosen file as Reflex's upload hands it over: in memory."""
    data = json.dumps(list(records)).encode()
    return [rx.UploadFile(file=io.BytesIO(data), path=Path("kaart.json"), size=len(data))]


NEW_SERVICE = {  # one new Leusden service, clean in every way: the rightful upload adds it
    "id": "5b1e0c8a-2f4d-4c6b-9a8e-7d6c5b4a3f21",
    "name": "Uploadproef",
    "description": "Een dienst die alleen de upload toevoegt.",
    "status": "active",
    "organization": {"id": "6c2f1d9b-3e5a-4d7c-8b9f-8e7d6c5b4a32", "name": "Uploadproef", "description": ""},
    "phones": [{"id": "7d3a2e0c-4f6b-4e8d-9ca0-9f8e7d6c5b43", "number": "033-000 00 99"}],
    "service_areas": [{"id": "8e4b3f1d-5a7c-4f9e-8db1-a09f8e7d6c54", "name": "Centrum"}],
    "attributes": [
        {"id": "9f5c4a2e-6b8d-4a0f-9ec2-b1a09f8e7d65", "taxonomy_term_id": BY_VALUE["buurthulp"].term_id}
    ],
}


def news_photo():
    from state.news.photo import PhotoState

    return PhotoState


def news_sources():
    from state.news.sources import SourcesState

    return SourcesState


def news_moderation():
    from state.news.moderation import NewsModerationState

    return NewsModerationState


def _noted(slug: str, status: str = "waiting", decision: str = "wijziging") -> dict:
    """Nieuws controleren's note form: the post, the decision and the coordinator's words."""
    return {"bericht": str(news_post(slug, status)), "besluit": decision, "notitie": "Zet er de tijd bij."}


def news_writing():
    from state.news.writing import WritingState

    return WritingState


def my_posts():
    from state.news.mine import MyPostsState

    return MyPostsState


def manage():
    from state.directory.manage import ManageState

    return ManageState


def report():
    from state.chat.report import ReportState

    return ReportState


def activity_form():
    from state.calendar.editing import ActivityFormState

    return ActivityFormState


def sign_ups():
    from state.calendar.sign_ups import SignUpsState

    return SignUpsState


def moderation():
    from state.chat.moderation import ModerationState

    return ModerationState


PROFILE_FORM = {"postcode": "3831 AB"}


PROTECTED = {
    # "Doe mee": anyone with a role in the hub joins its rooms; a visitor, someone of another hub,
    # and another hub's room are refused (tests/security/test_chat_push.py: the rightful join).
    "ChatListState.join": Protected(
        "chat_list",
        "caregiver",
        lambda p: (room_of("leusden"),),
        lambda p: (room_of("poperinge"),),
        others_allowed=("volunteer", "professional"),
    ),
    "CoordinationState.load": Protected("coordination", "coordinator", lambda p: ()),
    "CoordinationState.grant_trekker": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["pending_trekker_membership"],),
        lambda p: (p.ids["other_hub_trekker_membership"],),
    ),
    "CoordinationState.set_vetted": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["volunteer_membership"], True),
        lambda p: (p.ids["other_hub_volunteer_membership"], True),
    ),
    "CoordinationState.invite": Protected(
        "coordination",
        "coordinator",
        lambda p: ({"invite_first_name": "Zora", "invite_email": "zora.voorbeeld@example.org"},),
    ),
    # Fatima keeps the Partnerorganisatie's entries; the rightful call unlinks her, another hub's
    # organisation is forged with (tests/security/test_organisation_links.py: the whole flow).
    "CoordinationState.link_organization": Protected(
        "coordination",
        "coordinator",
        lambda p: ({"medewerker": str(p.ids["professional_membership"]), "organisatie": ""},),
        lambda p: (
            {
                "medewerker": str(p.ids["professional_membership"]),
                "organisatie": str(p.ids["other_hub_partner_organization"]),
            },
        ),
    ),
    "CoordinationState.called": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["callback_task"],),
        lambda p: (p.ids["other_hub_callback_task"],),
    ),
    "CoordinationState.not_reached": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["callback_task"],),
        lambda p: (p.ids["other_hub_callback_task"],),
    ),
    # The rightful call undoes nothing here (this tab marked nothing); the test below undoes one.
    "CoordinationState.undo_called": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["callback_task"],),
        lambda p: (p.ids["other_hub_callback_task"],),
    ),
    "CoordinationState.settle": Protected("coordination", "coordinator", lambda p: ()),
    # "Stuur een bericht": a call-back of a signed-in person (tests/security/test_chat_share.py: the rest)
    "CoordinationState.write_to": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["person_callback_task"],),
        lambda p: (p.ids["other_hub_callback_task"],),
    ),
    "CoordinationState.handled": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["matched_request"],),
        lambda p: (p.ids["other_hub_matched_request"],),
    ),
    "CoordinationState.suggest": Protected(
        "coordination",
        "coordinator",
        lambda p: (p.ids["stale_request"], p.ids["stale_candidate"]),
        lambda p: (p.ids["other_hub_stale_request"], p.ids["other_hub_stale_candidate"]),
    ),
    "RequestsState.answer": Protected(
        "requests",
        "caregiver",
        lambda p: (p.ids["offer"], True),
        lambda p: (p.ids["other_hub_offer"], True),
        page_also_for=("professional",),  # the requests they posted for caregivers
    ),
    "RequestsState.stop": Protected(
        "requests",
        "caregiver",
        lambda p: (p.ids["open_request"],),
        lambda p: (p.ids["other_hub_open_request"],),
        page_also_for=("professional",),
    ),
    # A professional may post too, on a caregiver's behalf (a form without the caregiver changes nothing).
    "RequestFormState.submit": Protected(
        "request_form", "caregiver", lambda p: ({"text": "Hulp"},), others_allowed=("professional",)
    ),
    "HelpingState.offer": Protected(
        "helping",
        "volunteer",
        lambda p: (p.ids["open_request"],),
        lambda p: (p.ids["other_hub_open_request"],),
    ),
    # Carla's own waiting offer; Ivo's (another hub) is forged with. Not after a yes: a test below.
    "HelpingState.take_back": Protected(
        "helping",
        "volunteer",
        lambda p: (p.ids["open_request"],),
        lambda p: (p.ids["other_hub_open_request"],),
    ),
    "ProfileState.save": Protected("profile", "volunteer", lambda p: (PROFILE_FORM,)),
    "FollowUpState.answer": Protected(
        "follow_ups",
        "caregiver",
        lambda p: (p.ids["follow_up"], "yes"),
        lambda p: (p.ids["other_hub_follow_up"], "yes"),
        page_also_for=("volunteer", "professional", "other_hub_coordinator"),  # anyone signed in
    ),
    # Anna writes in her 1:1 with Carla (the demo's); Carla may too. Poperinge's café is forged with.
    "ConversationState.send": Protected(
        "conversation",
        "caregiver",
        lambda p: (_message_form(pair_of_anna_and_carla()),),
        lambda p: (_message_form(room_of("poperinge")),),
        others_allowed=("volunteer",),
    ),
    # Mijn organisatie: Fatima keeps the Partnerorganisatie's entries; a coordinator may too.
    "PartnerState.choose": Protected(
        "partner",
        "professional",
        lambda p: (p.ids["partner_organization"],),
        lambda p: (p.ids["other_hub_partner_organization"],),
    ),
    "PartnerState.edit": Protected(
        "partner",
        "professional",
        lambda p: (p.ids["partner_service"],),
        lambda p: (p.ids["other_hub_partner_service"],),
    ),
    "PartnerState.edit_waiting": Protected(
        "partner",
        "professional",
        lambda p: (p.ids["partner_edit"],),
        lambda p: (p.ids["other_hub_service_edit"],),
    ),
    "PartnerState.new_service": Protected("partner", "professional", lambda p: ()),
    # Sends nothing from a tab that opened no form (the test below sends one).
    "PartnerState.send": Protected("partner", "professional", lambda p: ({"name": "Partnerrit"},)),
    # Wie is wie: the partners' contact people, for the hub's professionals and coordinators only.
    "WhoState.load": Protected("who", "professional", lambda p: ()),
    # The coordinator's sociale kaart page: partners' changes, the hub's own search words.
    "ManageState.load": Protected("manage", "coordinator", lambda p: ()),
    # A post's photo: only on the writer's own post to edit (tests/security/test_news_photos.py). The
    # rightful writer here is the coordinator, with a draft of his own; another hub's draft by id.
    **{
        f"PhotoState.{name}": Protected(
            "news_photo",
            "coordinator",
            lambda p, tail=tail: (drafted("leusden")["post"], *tail),
            lambda p, tail=tail: (drafted("poperinge")["post"], *tail),
        )
        for name, tail in (("load", ()), ("remove", ()), ("describe", ("Koffie in het buurthuis",)))
    },
    "PhotoState.upload": Protected(
        "news_photo",
        "coordinator",
        lambda p: (chosen(), drafted("leusden")["post"]),
        lambda p: (chosen(), drafted("poperinge")["post"]),
    ),
    # Nieuwsbronnen: the coordinator's feeds (tests/security/test_news_sources.py: another hub's feed).
    "SourcesState.load": Protected("news_sources", "coordinator", lambda p: ()),
    "SourcesState.add": Protected(
        "news_sources",
        "coordinator",
        lambda p: ({"bron_naam": "Proefbron", "bron_adres": "https://bron.example.org/nieuws.rss"},),
    ),
    # Removes only the feed this tab asked about (none here): the forged calls are refused before that.
    "SourcesState.remove": Protected("news_sources", "coordinator", lambda p: ()),
    # The demo's feed was tried at its load: told "net opgehaald", or fetched (its made-up
    # address fails at once).
    "SourcesState.fetch": Protected("news_sources", "coordinator", lambda p: ()),
    # The HSDS file the coordinator uploads there (tests/security/test_hsds_upload.py: what it loads).
    "UploadState.upload": Protected("upload", "coordinator", lambda p: (hsds_file(NEW_SERVICE),)),
    "ManageState.approve": Protected(
        "manage",
        "coordinator",
        lambda p: (p.ids["service_edit"],),
        lambda p: (p.ids["other_hub_service_edit"],),
    ),
    "ManageState.refuse": Protected(
        "manage",
        "coordinator",
        lambda p: ({"edit": str(p.ids["service_edit"]), "weigering": "Klopt niet."},),
        lambda p: ({"edit": str(p.ids["other_hub_service_edit"]), "weigering": "Klopt niet."},),
    ),
    "ManageState.add_synonym": Protected(
        "manage", "coordinator", lambda p: ({"synonym_word": "busje", "synonym_means": "vervoer"},)
    ),
    "ManageState.remove_synonym": Protected(
        "manage", "coordinator", lambda p: (p.ids["synonym"],), lambda p: (p.ids["other_hub_synonym"],)
    ),
    # "Meld" on a message: only a member who may read it, not its author (Carla wrote it).
    "ReportState.open": Protected(
        "report",
        "caregiver",
        lambda p: (reported("leusden")["message"],),
        lambda p: (reported("poperinge")["message"],),
    ),
    # Nieuws controleren: the coordinator of the hub decides on a post of the hub. A tab that loaded
    # no list holds no version, so the rightful call decides nothing (tests/security/
    # test_news_moderation.py decides after a load); whoever is not that coordinator is refused first.
    "NewsModerationState.load": Protected("news_moderation", "coordinator", lambda p: ()),
    "NewsModerationState.more": Protected("news_moderation", "coordinator", lambda p: ()),
    "NewsModerationState.approve": Protected(
        "news_moderation",
        "coordinator",
        lambda p: (news_post("leusden"),),
        lambda p: (news_post("poperinge"),),
    ),
    "NewsModerationState.decide_noted": Protected(
        "news_moderation",
        "coordinator",
        lambda p: (_noted("leusden"),),
        lambda p: (_noted("poperinge"),),
    ),
    # Schrijf een bericht: a trekker or the coordinator saves as they type and sends. A tab that loaded
    # no form saves nothing (tests/security/test_news_writing.py: a trekker's own wijk only, another's
    # draft never); whoever writes no news in the hub is refused first.
    "WritingState.keep": Protected("news_writing", "coordinator", lambda p: ("title", "Proef")),
    "WritingState.send": Protected(
        "news_writing", "coordinator", lambda p: ({"title": "Proef", "body": "Tekst."},)
    ),
    # "Bewaar wat hier staat": the tab's own form over the writer's own draft (posts.save_over).
    "WritingState.save_over": Protected("news_writing", "coordinator", lambda p: ()),
    # Mijn berichten' "Ja, gooi weg": a place in the list this tab loaded, asked first; anyone with a
    # role in the hub may have posts (the test file above throws away only the writer's own).
    "MyPostsState.discard": Protected(
        "my_posts", "coordinator", lambda p: ("0",), others_allowed=("caregiver", "volunteer", "professional")
    ),
    # "Haal terug": a waiting post of the list this tab loaded, back to the writer's drafts.
    "MyPostsState.take_back": Protected(
        "my_posts", "coordinator", lambda p: ("0",), others_allowed=("caregiver", "volunteer", "professional")
    ),
    # Meldingen: the coordinator of the hub decides on a report of the hub.
    "ModerationState.load": Protected("moderation", "coordinator", lambda p: ()),
    # The organiser's list of a date: Lijstproef is organised by no professional, so only the hub's
    # coordinator may add to it (Fatima, a professional, is refused); Poperinge's is forged with.
    "SignUpsState.add": Protected(
        "sign_ups", "coordinator", lambda p: (phone_form("leusden"),), lambda p: (phone_form("poperinge"),)
    ),
    # The organiser's form: a new activity (a professional may too; a tab that loaded no form saves
    # nothing); "Gaat niet door" on Lijstproef, which no professional organises (Fatima is refused).
    "ActivityFormState.save": Protected(
        "activity_form", "coordinator", lambda p: ({"title": "Proef"},), others_allowed=("professional",)
    ),
    "ActivityFormState.cancel_date": Protected(
        "activity_form",
        "coordinator",
        lambda p: (listed("leusden")["activity"],),
        lambda p: (listed("poperinge")["activity"],),
        page_also_for=("professional",),  # Fatima organises activities of her own
    ),
    # These need a step of this tab first (a date's "Verzet", "Zeg de hele activiteit af"), which these
    # calls lack: they change nothing, but whoever does not organise the activity is refused first.
    "ActivityFormState.move": Protected(
        "activity_form",
        "coordinator",
        lambda p: ({"activiteit": str(listed("leusden")["activity"])},),
        lambda p: ({"activiteit": str(listed("poperinge")["activity"])},),
        page_also_for=("professional",),
    ),
    "ActivityFormState.cancel_activity": Protected(
        "activity_form",
        "coordinator",
        lambda p: (listed("leusden")["activity"],),
        lambda p: (listed("poperinge")["activity"],),
        page_also_for=("professional",),
    ),
    "SignUpsState.cancel": Protected(
        "sign_ups",
        "coordinator",
        lambda p: (listed("leusden")["booking"],),
        lambda p: (listed("poperinge")["booking"],),
    ),
    **{
        f"ModerationState.{name}": Protected(
            "moderation",
            "coordinator",
            lambda p: (reported("leusden")["report"],),
            lambda p: (reported("poperinge")["report"],),
        )
        for name in ("hide", "warn", "remove", "keep")
    },
}


def chat_list():
    from state.chat.listing import ChatListState

    return ChatListState


def blocked():
    from state.chat.blocked import BlockedState

    return BlockedState


def conversation():
    from state.chat.conversation import ConversationState

    return ConversationState


def _message_form(conversation_id: int, text: str = "Tot donderdag!") -> dict:
    return {"text": text, "local_id": "security-send-0001", "conversation": str(conversation_id)}


def pair_of_anna_and_carla() -> int:
    """The demo's 1:1 of Anna (caregiver) and Carla (her volunteer) in Leusden."""
    from mantelzorg_app.models import Hub, Kind

    with rx.session() as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        names = select(ChatMember.conversation_id).join(Person, Person.id == ChatMember.person_id)
        return session.exec(
            select(Conversation.id)
            .where(
                Conversation.hub_id == hub_id,
                Conversation.kind == Kind.pair,
                Conversation.id.in_(names.where(Person.first_name == "Anna")),
                Conversation.id.in_(names.where(Person.first_name == "Carla")),
            )
            .order_by(Conversation.id)
        ).first()


def room_of(slug: str) -> int:
    """The online café of a demo hub (made when missing: ensure_rooms is idempotent)."""
    from mantelzorg_app.models import Conversation, Hub, Kind
    from mantelzorg_app.models.base import utcnow
    from mantelzorg_app.services.chat import conversations

    with rx.session() as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        conversations.ensure_rooms(session, hub_id, utcnow())
        session.commit()
        return session.exec(
            select(Conversation.id).where(
                Conversation.hub_id == hub_id,
                Conversation.kind == Kind.room,
                Conversation.wijk_id == None,  # noqa: E711
            )
        ).one()


STATES = {
    "report": report,
    "news_moderation": news_moderation,
    "moderation": moderation,
    "chat_list": chat_list,
    "news_writing": news_writing,
    "my_posts": my_posts,
    "upload": upload,
    "partner": partner,
    "manage": manage,
    "news_sources": news_sources,
    "news_photo": news_photo,
    "who": who,
    "coordination": coordination,
    "requests": requests,
    "request_form": request_form,
    "helping": helping,
    "profile": profile,
    "follow_ups": follow_ups,
    "conversation": conversation,
    "sign_ups": sign_ups,
    "activity_form": activity_form,
}
INTRUDERS = ["nobody", "caregiver", "volunteer", "professional", "other_hub_coordinator"]


def search():
    from state.search import SearchState

    return SearchState


def share():
    from state.chat.share import ShareState

    return ShareState


def activity_page():
    from state.calendar.activity import ActivityState

    return ActivityState


def my_bookings():
    from state.calendar.mine import MyBookingsState

    return MyBookingsState


def agenda_page():
    from state.calendar.agenda import AgendaState

    return AgendaState


# Junk arguments (test_junk_arguments_change_nothing_and_raise_nothing): every handler that takes
# arguments, of each state listed here, gets each of JUNK as each argument, from a visitor and from
# the rightful user with the page open (the calls before). A state of the sociale kaart or search
# with such a handler must be listed. JUNK_NAMES: right first arguments, so the second's junk is
# read; JUNK_FORMS: a form's fields, each sent as junk too.
JUNK = (
    *("", "abc", "__class__", "é" * 5000, "١٢", "9999999999999999999999", "1e9"),
    *(None, True, 0, -1, 1.5, float("inf"), float("nan"), 10**30, ["1"], [], {"id": 1}, {}),
)
JUNK_CALLERS = {
    "ManageState": (manage, "coordinator", (("load",),)),
    # Not loaded: a loaded form saves what is typed, and "abc" is a fine title (the test file checks it)
    "WritingState": (news_writing, "coordinator", ()),
    "MyPostsState": (my_posts, "coordinator", (("load",),)),
    "NewsModerationState": (news_moderation, "coordinator", (("load",),)),
    "SourcesState": (news_sources, "coordinator", (("load",),)),
    "PhotoState": (news_photo, "coordinator", ()),
    "PartnerState": (partner, "professional", (("load",), ("new_service",))),
    "UploadState": (upload, "coordinator", ()),
    "WhoState": (who, "professional", (("load",),)),
    "SearchState": (search, None, (("load",),)),
    "ShareState": (share, "caregiver", (("load",),)),
    "ReportState": (report, "caregiver", ()),
    "ModerationState": (moderation, "coordinator", (("load",),)),
    "ConversationState": (conversation, "caregiver", (("load",),)),
    "ChatListState": (chat_list, "caregiver", (("load",),)),
    "BlockedState": (blocked, "caregiver", (("load",),)),
    "SignUpsState": (sign_ups, "coordinator", (("load",),)),
    "ActivityFormState": (activity_form, "coordinator", (("load",),)),
    "ActivityState": (activity_page, "caregiver", (("load",),)),
    "MyBookingsState": (my_bookings, "caregiver", (("load",),)),
    "AgendaState": (agenda_page, None, (("load",),)),
}
JUNK_NAMES = {
    "PartnerState.keep": ("name", "phone"),
    "PartnerState.toggle": ("area", "languages"),
    "ActivityFormState.keep": ("title", "date"),
    "ActivityFormState.choose": ("kind", "repeat", "wijk"),
    "WritingState.keep": ("title", "body"),
}
JUNK_FORMS = {
    "ManageState.refuse": ("edit", "weigering"),
    "NewsModerationState.decide_noted": ("bericht", "besluit", "notitie"),
    "ManageState.add_synonym": ("synonym_word", "synonym_means"),
    "SourcesState.add": ("bron_naam", "bron_adres"),
    "PartnerState.send": ("name", "summary", "hours_MO"),
    "ActivityFormState.save": ("title", "place", "date", "start", "end", "capacity", "count"),
    "WritingState.send": ("title", "body"),
    "ActivityFormState.move": ("activiteit", "move_date", "move_start", "move_end"),
    "SearchState.submit": ("zoekwoorden",),
    "SearchState.from_home": ("zoekwoorden",),
    "ConversationState.send": ("text", "local_id", "conversation", "share"),
    "ConversationState.seen": ("seq", "conversation"),
    "SignUpsState.add": ("activiteit", "datum", "name", "phone", "two"),
}


def _our_handlers() -> set[str]:
    found = set()
    stack = [rx.State]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("state."):
            found |= {f"{cls.__name__}.{name}" for name in cls.event_handlers}
    return found


def test_every_handler_is_listed():
    unlisted = {
        name
        for name in _our_handlers()
        if name not in PUBLIC and name not in PROTECTED and name.split(".")[1] not in PUBLIC
    }
    assert not unlisted, f"list these handlers in tests/security/test_handlers.py: {sorted(unlisted)}"


def _snapshot(db) -> tuple:
    with Session(db) as session:
        memberships = session.exec(select(Membership).order_by(Membership.id)).all()
        people = session.exec(select(Person.id)).all()
        calls = session.exec(
            select(CallbackTask.id, CallbackTask.done_at, CallbackTask.tries, CallbackTask.tried_at).order_by(
                CallbackTask.id
            )
        ).all()
        rows = [
            (m.id, m.person_id, m.hub_id, m.role, m.wijk_id, m.pending, m.vog_checked_on, m.organization_id)
            for m in memberships
        ]
        return rows, sorted(people), list(calls), _help_snapshot(session)


def _help_snapshot(session: Session) -> tuple:
    def all_of(*columns) -> list:
        return list(session.exec(select(*columns).order_by(columns[0])).all())

    return (
        all_of(HelpRequest.id, HelpRequest.status, HelpRequest.volunteer_id, HelpRequest.needs_attention),
        all_of(HelpOffer.id, HelpOffer.volunteer_id, HelpOffer.status),
        all_of(ChatMessage.id, ChatMessage.author_id, ChatMessage.text, ChatMessage.hidden_at),
        all_of(Conversation.id, Conversation.last_seq, Conversation.closed_at),
        all_of(ChatMember.id, ChatMember.person_id, ChatMember.removed_at),
        all_of(ChatBlock.id, ChatBlock.blocker_id, ChatBlock.blocked_id),
        all_of(ChatReport.id, ChatReport.reporter_id, ChatReport.handled_at, ChatReport.outcome),
        all_of(FollowUp.id, FollowUp.answer),
        all_of(VolunteerProfile.id, VolunteerProfile.updated_at),
        all_of(ServiceEdit.id, ServiceEdit.outcome, ServiceEdit.note),
        all_of(ServiceEdit.id, ServiceEdit.fields, ServiceEdit.author_id, ServiceEdit.created_at),
        all_of(Service.id, Service.summary, Service.checked_on),
        all_of(SearchSynonym.id, SearchSynonym.word, SearchSynonym.means),
        all_of(Booking.id, Booking.status, Booking.name, Booking.phone, Booking.places),
        all_of(Activity.id, Activity.title, Activity.starts_at, Activity.capacity, Activity.cancelled_at),
        all_of(ActivityChange.id, ActivityChange.cancelled, ActivityChange.starts_at),
        all_of(NewsPost.id, NewsPost.status, NewsPost.note, NewsPost.version, NewsPost.decided_at),
    )


def _forged_calls():
    for name, rule in PROTECTED.items():
        for who in INTRUDERS:
            if who != rule.rightful and who not in rule.others_allowed:
                yield pytest.param(name, who, "own", id=f"{name}-as-{who}")
        if rule.other_hub_args:
            yield pytest.param(name, rule.rightful, "other-hub-ids", id=f"{name}-other-hub-ids")


@pytest.mark.parametrize(("name", "who", "which_args"), list(_forged_calls()))
def test_forged_calls_are_refused_and_logged(db, people: People, name: str, who: str, which_args: str):
    rule = PROTECTED[name]
    state_class = STATES[rule.state]()
    args = rule.args(people) if which_args == "own" else rule.other_hub_args(people)
    before, refused_before = _snapshot(db), refusals(db)
    state, _ = call(state_class, name.split(".")[1], *args, token=people.tokens.get(who))
    assert _snapshot(db) == before, f"{name} as {who} changed data"
    assert refusals(db) > refused_before, f"{name} as {who} was not logged as refused"
    if who != rule.rightful and who not in rule.page_also_for:
        assert not getattr(state, "allowed", False), f"{name} showed the page to {who}"


@pytest.mark.parametrize("name", PROTECTED)
def test_the_rightful_user_gets_through(db, people: People, name: str):
    """The same calls work for the person they are meant for, so the refusals above mean something."""
    rule = PROTECTED[name]
    refused_before = refusals(db)
    state, _ = call(
        STATES[rule.state](), name.split(".")[1], *rule.args(people), token=people.tokens[rule.rightful]
    )
    assert refusals(db) == refused_before
    assert state.allowed


def test_deleting_an_account_takes_the_callers_own_and_nothing_without_a_session(db, people: People):
    from state.privacy import PrivacyState

    before, refused_before = _snapshot(db), refusals(db)
    call(PrivacyState, "delete_account")
    assert _snapshot(db) == before
    assert refusals(db) > refused_before

    call_in_turn(PrivacyState, ("ask_to_delete",), ("delete_account",), token=people.tokens["caregiver"])
    _, persons, _, _ = _snapshot(db)
    assert people.ids["caregiver_person"] not in persons
    assert people.ids["volunteer_person"] in persons


def test_the_chat_mail_switch_changes_only_the_callers_own(db, people: People):
    from state.privacy import PrivacyState

    def switches() -> dict[int, bool]:
        with Session(db) as session:
            return dict(session.exec(select(Person.id, Person.chat_mail)).all())

    caregiver = people.ids["caregiver_person"]
    before, refused_before = switches(), refusals(db)
    call(PrivacyState, "set_chat_mail", False)  # nobody signed in
    assert switches() == before
    assert refusals(db) > refused_before
    for junk in ("false", "", 0, None, [], {"on": False}):
        call(PrivacyState, "set_chat_mail", junk, token=people.tokens["caregiver"])
    assert switches() == before

    state = call_in_turn(PrivacyState, ("set_chat_mail", False), token=people.tokens["caregiver"])

    assert state.chat_mail is False
    assert switches() == before | {caregiver: False}  # hers only
    call(PrivacyState, "set_chat_mail", True, token=people.tokens["caregiver"])
    assert switches() == before


def test_unblocking_undoes_only_the_callers_own_blocks(db, people: People):
    """Mijn gegevens' "Deblokkeer": a place in the list the tab loaded for the caller, never an id."""
    from mantelzorg_app.models.base import utcnow
    from state.chat.blocked import BlockedState

    anna, carla, fatima = (people.ids[f"{who}_person"] for who in ("caregiver", "volunteer", "professional"))
    with Session(db) as session:
        for blocker, blocked_id in ((anna, carla), (anna, fatima), (carla, anna)):
            session.add(ChatBlock(blocker_id=blocker, blocked_id=blocked_id, created_at=utcnow()))
        session.commit()

    def blocks() -> set[tuple[int, int]]:
        with Session(db) as session:
            return set(session.exec(select(ChatBlock.blocker_id, ChatBlock.blocked_id)).all())

    before, refused_before = blocks(), refusals(db)
    call(BlockedState, "unblock", 0)  # nobody signed in
    call(BlockedState, "unblock", 0, token=people.tokens["caregiver"])  # no list loaded in this tab
    assert blocks() == before
    assert refusals(db) >= refused_before + 2

    async def tab_of_anna_then_carla() -> None:
        """A tab that holds Anna's list, tapped by Carla's session (an owner check that did not run)."""
        state = await (await root_state(people.tokens["volunteer"], "leusden")).get_state(BlockedState)
        state._blocked, state._owner = [carla, fatima], anna
        await run_handler(state, "unblock", 0)

    refused_before = refusals(db)
    asyncio.run(tab_of_anna_then_carla())
    assert blocks() == before
    assert refusals(db) > refused_before

    state = call_in_turn(
        BlockedState,
        ("load",),
        *(("unblock", junk) for junk in (2, -1, "1.0", "x", None, True, [1], str(carla), carla + 1000)),
        token=people.tokens["caregiver"],
    )
    assert state.names == ["Carla", "Fatima"]  # first names only: the ids stay in the backend var
    assert blocks() == before

    state = call_in_turn(BlockedState, ("load",), ("unblock", "1"), token=people.tokens["caregiver"])
    assert blocks() == before - {(anna, fatima)}  # Carla's block of Anna stays
    assert (state.names, state.unblocked) == (["Carla"], "Fatima")


def test_an_account_is_wiped_only_after_the_confirm_step_on_the_server(db, people: People):
    """A raw websocket that sends delete_account alone, or sets the page's flag first, wipes nothing."""
    from state.privacy import PrivacyState

    caregiver = people.tokens["caregiver"]
    before = _snapshot(db)
    call(PrivacyState, "delete_account", token=caregiver)
    call_in_turn(PrivacyState, ("ask_to_delete",), ("keep_account",), ("delete_account",), token=caregiver)
    assert _snapshot(db) == before

    async def confirm_then_wait(minutes: int):
        state = await (await root_state(caregiver, "leusden")).get_state(PrivacyState)
        await run_handler(state, "ask_to_delete")
        state._confirmed_at -= timedelta(minutes=minutes)
        await run_handler(state, "delete_account")

    async def flag_only():  # the page's own flag, as if the browser could set it
        state = await (await root_state(caregiver, "leusden")).get_state(PrivacyState)
        state.confirming = True
        await run_handler(state, "delete_account")

    asyncio.run(flag_only())
    asyncio.run(confirm_then_wait(11))  # "Weet u het zeker?" answered too long ago
    assert _snapshot(db) == before
    asyncio.run(confirm_then_wait(9))
    assert people.ids["caregiver_person"] not in _snapshot(db)[1]


def test_a_call_back_needs_finished_questions_and_is_asked_once_per_tab(db):
    from state.help.wegwijzer import QuestionnaireState

    def calls() -> int:
        with Session(db) as session:
            return len(session.exec(select(CallbackTask)).all())

    form = {"phone": "06 12345678", "good_time": "ochtend"}
    before = calls()
    state, _ = call(QuestionnaireState, "ask_callback", form)  # never loaded: no questions done
    assert calls() == before and not state.asked

    state = call_in_turn(
        QuestionnaireState, ("load",), ("choose", "nee"), ("ask_callback", form), ("ask_callback", form)
    )
    assert state.asked and calls() == before + 1


def test_only_a_choice_of_the_question_on_screen_counts(db):
    from state.help.wegwijzer import QuestionnaireState

    state = call_in_turn(
        QuestionnaireState,
        ("load",),
        ("choose", "vaak"),  # a choice of a later question
        ("choose", ["ja"]),
        ("go_on",),  # only for a question with several choices
        ("use_postcode", {"postcode": "3831 AB"}),  # only on the place question
    )
    assert state._current == "zorgt" and state._answers == {}
    state = call_in_turn(QuestionnaireState, ("load",), ("choose", "ja"), ("choose", "wijk:999999"))
    assert state._current == "voor_wie" and state._answers == {"zorgt": "ja"}


def test_back_and_forward_open_only_a_step_already_reached(db):
    from state.help.wegwijzer import QuestionnaireState

    state = call_in_turn(
        QuestionnaireState, ("load",), ("go_to", {"step": "plek"}), ("go_to", {"step": "uitkomst"})
    )
    assert state._current == "zorgt" and state._answers == {}, "not reached: the walk stays where it goes on"
    state = call_in_turn(
        QuestionnaireState,
        ("load",),
        ("choose", "ja"),
        ("go_to", "zorgt"),  # not a form
        ("go_to", {"step": ["zorgt"]}),
        ("go_to", {"step": "__class__"}),
    )
    assert state._current == "voor_wie" and state._answers == {"zorgt": "ja"}
    state = call_in_turn(QuestionnaireState, ("load",), ("choose", "ja"), ("go_to", {"step": "zorgt"}))
    assert state._current == "zorgt" and state.chosen == ["ja"]
    state = call_in_turn(QuestionnaireState, ("load",), ("begin",), ("go_to", {"step": "intro"}))
    assert state.intro and state._current == "zorgt"


def test_a_requests_conversation_opens_only_for_the_people_of_its_request(db, people: People):
    from state.chat.request_chat import RequestChatState

    async def open_as(who: str) -> tuple[rx.State, object]:
        params = {"nr": str(people.ids["matched_request"])}
        root = await root_state(people.tokens.get(who), "leusden", params=params)
        state = await root.get_state(RequestChatState)
        return state, await run_handler(state, "load")

    for who in INTRUDERS[:1] + INTRUDERS[2:]:  # all but the caregiver, whose request it is
        before, refused_before = _snapshot(db), refusals(db)
        state, answer = asyncio.run(open_as(who))
        assert not state.allowed and answer is None, f"{who} opened the request's conversation"
        assert refusals(db) > refused_before
        assert _snapshot(db) == before
    state, answer = asyncio.run(open_as("caregiver"))
    assert state.allowed and "/leusden/praten/" in str(answer)


async def _conversation_tab(token: str | None, conversation_id: object, hub: str = "leusden"):
    from state.chat.conversation import ConversationState

    root = await root_state(token, hub, params={"gesprek": str(conversation_id)})
    state = await root.get_state(ConversationState)
    await run_handler(state, "load")
    return state


def test_a_conversation_shows_nothing_to_anyone_outside_it(db, people: People):
    """Signed out, another person of the hub, another hub's coordinator, or a member with another
    hub's conversation id: load shows nothing, and the tab's quick replies, older messages and
    leave then act on nothing."""
    pair, far = pair_of_anna_and_carla(), room_of("poperinge")
    forged = [(None, pair), (people.tokens["professional"], pair), (people.tokens["coordinator"], pair)]
    forged += [(people.tokens["other_hub_coordinator"], pair), (people.tokens["caregiver"], far)]
    forged += [(people.tokens["caregiver"], junk) for junk in ("", "abc", "-1", "9999999999999999999999")]

    async def go(token, conversation_id):
        tab = await _conversation_tab(token, conversation_id)
        seen = (tab.allowed, tab.messages, tab.title, tab.conversation_id, tab._conversation_id)
        quick = {"quick": "thanks", "local_id": "security-quick-0001", "conversation": str(conversation_id)}
        for handler, *args in (("send", quick), ("older",), ("leave",), ("send", _message_form(pair))):
            await run_handler(tab, handler, *args)
        return seen, tab

    for token, conversation_id in forged:
        before, refused_before = _snapshot(db), refusals(db)
        seen, tab = asyncio.run(go(token, conversation_id))
        assert seen == (False, [], "", "", None), f"{conversation_id} opened for {token and token[:4]}"
        if isinstance(conversation_id, int):  # junk in the address is no id at all: nothing to log
            assert refusals(db) > refused_before
        assert not tab.allowed and tab.messages == [] and tab._last_seq == 0
        if token != people.tokens["caregiver"]:  # Anna's own send into her own 1:1 is hers to make
            assert _snapshot(db) == before, f"{conversation_id} changed for {token and token[:4]}"
    for who in ("caregiver", "volunteer"):  # the two of them read it
        tab = asyncio.run(_conversation_tab(people.tokens[who], pair))
        assert tab.allowed and tab.messages and tab.title == {"caregiver": "Carla", "volunteer": "Anna"}[who]


def test_a_tab_that_lost_its_conversation_sends_and_reads_nothing_more(db, people: People):
    """Anna has the Centrum room open; the coordinator removes her from it. Her tab's quick reply,
    older messages, send and leave are refused on the server, and the tab forgets the room."""
    from mantelzorg_app.models import Kind

    with Session(db) as session:
        centrum = session.exec(
            select(Conversation.id).where(Conversation.kind == Kind.room, Conversation.title == "Centrum")
        ).first()
    token = people.tokens["caregiver"]

    async def go():
        tab = await _conversation_tab(token, centrum)
        assert tab.allowed and tab.messages
        with Session(db) as session:
            member = session.exec(
                select(ChatMember).where(
                    ChatMember.conversation_id == centrum,
                    ChatMember.person_id == people.ids["caregiver_person"],
                )
            ).one()
            member.removed_at = member.joined_at
            session.add(member)
            session.commit()
        before, refused_before = _snapshot(db), refusals(db)
        quick = {**_message_form(centrum), "quick": "thanks"}
        for handler, *args in (("send", quick), ("older",), ("send", _message_form(centrum)), ("leave",)):
            await run_handler(tab, handler, *args)
            assert not tab.allowed and tab.messages == [] and tab.title == "", handler
            tab._conversation_id = centrum  # as if the tab still held it: the server asks again
        assert refusals(db) >= refused_before + 4
        assert _snapshot(db) == before
        await tab._pushed(centrum)  # a push for it shows nothing either
        assert tab.messages == []

    asyncio.run(go())


def _read_seqs(db, conversation_id: int) -> dict[int, int]:
    with Session(db) as session:
        return dict(
            session.exec(
                select(ChatMember.person_id, ChatMember.read_seq).where(
                    ChatMember.conversation_id == conversation_id
                )
            ).all()
        )


def test_seen_marks_read_only_for_a_member_and_only_what_exists(db, people: People):
    """chat.js's ``seen`` forged: from outside the conversation (signed out, another person of the
    hub, another hub, a tab that claims to hold it), with another conversation's id, with junk:
    nobody's messages are marked read. A member's seen stops at the last message."""
    pair = pair_of_anna_and_carla()
    forged = [None, people.tokens["professional"], people.tokens["coordinator"]]
    forged += [people.tokens["other_hub_coordinator"]]

    async def go(token, form, claim: bool):
        tab = await _conversation_tab(token, pair)
        if claim:  # as if the tab held the conversation: the server asks again
            tab._conversation_id, tab._last_seq = pair, 10**6
        await run_handler(tab, "seen", form)
        return tab

    big = {"seq": str(10**6), "conversation": str(pair)}
    with Session(db) as session:  # Anna has messages to read
        anna = session.exec(
            select(ChatMember).where(
                ChatMember.conversation_id == pair, ChatMember.person_id == people.ids["caregiver_person"]
            )
        ).one()
        anna.read_seq = 0
        session.add(anna)
        session.commit()
        last = session.get(Conversation, pair).last_seq
    assert last > 0
    before = _read_seqs(db, pair)
    for token in forged:
        refused_before = refusals(db)
        tab = asyncio.run(go(token, big, True))
        assert not tab.allowed and tab._conversation_id is None
        assert _read_seqs(db, pair) == before
        if token is not None:
            assert refusals(db) > refused_before
    far = room_of("poperinge")
    for form in (
        {"seq": str(10**6), "conversation": str(far)},  # not the conversation the tab shows
        {"seq": "-1", "conversation": str(pair)},
        {"seq": "abc", "conversation": str(pair)},
        {"seq": str(10**30), "conversation": "9999999999999999999999"},
    ):
        asyncio.run(go(people.tokens["caregiver"], form, False))
        assert _read_seqs(db, pair) == before, form
    asyncio.run(go(people.tokens["caregiver"], big, False))
    assert _read_seqs(db, pair) == {**before, people.ids["caregiver_person"]: last}  # not past the last


async def _tab_holds(root: rx.State) -> dict[str, dict]:
    """Every var of the tab's app states that differs from its default: what the tab still holds."""
    from state.tab import app_states

    held = {}
    for cls in app_states():
        state = await root.get_state(cls)
        changed = {
            name: getattr(state, name)
            for name, field in cls.__fields__.items()
            if field._owner is cls and getattr(state, name) != field.default_value()
        }
        if changed:
            held[cls.__name__] = changed
    return held


@pytest.mark.parametrize("everywhere", [False, True])
def test_signing_out_leaves_nothing_of_the_person_in_the_tab(db, people: People, everywhere: bool):
    """A coordinator's tab held the call-back list; after signing out, every state is at its default."""
    from state.auth import AuthState
    from state.help.coordination import CoordinationState
    from state.privacy import PrivacyState

    async def go() -> tuple[dict, object]:
        root = await root_state(people.tokens["coordinator"], "leusden")
        await run_handler(await root.get_state(AuthState), "load")
        await run_handler(await root.get_state(CoordinationState), "load")
        await run_handler(await root.get_state(PrivacyState), "load")
        assert (await root.get_state(CoordinationState)).callbacks, "the list was there to begin with"

        then = await run_handler(await root.get_state(AuthState), "sign_out", everywhere)
        return await _tab_holds(root), then

    held, then = asyncio.run(go())
    assert held == {}
    assert "sessionStorage.removeItem" in str(then)  # the browser takes a new tab token


def test_a_wipe_leaves_nothing_of_the_person_in_the_tab(db, people: People):
    from state.help.request_form import RequestFormState
    from state.help.requests import RequestsState
    from state.privacy import PrivacyState

    async def go() -> dict:
        root = await root_state(people.tokens["caregiver"], "leusden")
        await run_handler(await root.get_state(RequestFormState), "load")
        await run_handler(await root.get_state(RequestsState), "load")
        privacy_state = await root.get_state(PrivacyState)
        await run_handler(privacy_state, "load")
        assert privacy_state.email
        await run_handler(privacy_state, "ask_to_delete")
        await run_handler(privacy_state, "delete_account")
        return await _tab_holds(root)

    assert asyncio.run(go()) == {}


def test_another_tab_of_the_person_is_emptied_on_its_next_load_once_they_are_signed_out(db, people: People):
    """Signed out everywhere from the phone: the tab left open on a shared computer holds the
    call-back list; its next page load empties it. A visitor who signs in keeps the tab's answers."""
    from mantelzorg_app.services.identity import sessions
    from state.auth import TabOwnerState
    from state.help.coordination import CoordinationState
    from state.help.wegwijzer import QuestionnaireState

    async def go() -> tuple[dict, dict]:
        root = await root_state(people.tokens["coordinator"], "leusden")
        await run_handler(await root.get_state(TabOwnerState), "check")
        await run_handler(await root.get_state(CoordinationState), "load")
        await run_handler(await root.get_state(TabOwnerState), "check")  # the next page, still signed in
        still_there = await _tab_holds(root)
        with Session(db) as session:
            sessions.end_all(session, people.ids["coordinator_person"])
        await run_handler(await root.get_state(TabOwnerState), "check")
        return still_there, await _tab_holds(root)

    still_there, after = asyncio.run(go())
    assert still_there.get("CoordinationState", {}).get("callbacks")
    assert after == {}

    async def visitor_signs_in() -> dict:
        root = await root_state(None, "leusden")
        await run_handler(await root.get_state(TabOwnerState), "check")
        await run_handler(await root.get_state(QuestionnaireState), "load")
        await run_handler(await root.get_state(QuestionnaireState), "choose", "ja")
        root.router = RouterData.from_router_data(
            {
                "headers": {"cookie": f"{cookies.SESSION}={people.tokens['caregiver']}"},
                "pathname": "/leusden",
                "query": {"hub": "leusden"},
                "ip": "192.0.2.1",
            }
        )
        await run_handler(await root.get_state(TabOwnerState), "check")
        return (await root.get_state(QuestionnaireState))._answers

    assert asyncio.run(visitor_signs_in()) == {"zorgt": "ja"}


@pytest.mark.parametrize("how", ["sign_out", "sign_out_everywhere", "wipe"])
def test_the_persons_other_tabs_are_emptied_when_they_sign_out_or_are_wiped(
    db, people: People, monkeypatch, how
):
    """The coordinator's page open in a second tab (another device, a shared computer) keeps no
    call-back list in its stored state once the first tab signs out or wipes the account."""
    from reflex.istate.manager.memory import StateManagerMemory

    from state import tab
    from state.auth import AuthState, TabOwnerState
    from state.help.coordination import CoordinationState
    from state.privacy import PrivacyState

    manager = StateManagerMemory()
    monkeypatch.setattr(tab, "get_state_manager", lambda: manager)
    coordinator = people.tokens["coordinator"]
    second = rx.BaseStateToken(ident="2b7e1516-28ae-4d2a-a6f7-15882b7e1516", cls=rx.State)

    async def go() -> dict:
        async with manager.modify_state(second) as other:
            other.router = RouterData.from_router_data(
                {
                    "headers": {"cookie": f"{cookies.SESSION}={coordinator}"},
                    "pathname": "/leusden/beheer",
                    "query": {"hub": "leusden"},
                    "token": second.ident,
                }
            )
            await run_handler(await other.get_state(TabOwnerState), "check")
            await run_handler(await other.get_state(CoordinationState), "load")
            assert (await other.get_state(CoordinationState)).callbacks
        first = await root_state(coordinator, "leusden")
        if how == "wipe":
            privacy_state = await first.get_state(PrivacyState)
            await run_handler(privacy_state, "ask_to_delete")
            await run_handler(privacy_state, "delete_account")
        else:
            await run_handler(await first.get_state(AuthState), "sign_out", how == "sign_out_everywhere")
        return await _tab_holds(await manager.get_state(second))

    assert asyncio.run(go()) == {}


def test_gebeld_is_undone_only_in_the_tab_that_marked_it_and_only_for_a_while(db, people: People):
    """'Ongedaan maken' trusts the server's record of this tab's tap, never an id alone."""
    from state.help.coordination import CoordinationState

    task_id, token = people.ids["callback_task"], people.tokens["coordinator"]

    def open_calls() -> list[int]:
        with Session(db) as session:
            return list(session.exec(select(CallbackTask.id).where(CallbackTask.done_at.is_(None))).all())

    call_in_turn(CoordinationState, ("load",), ("called", task_id), token=token)
    assert task_id not in open_calls()
    call_in_turn(CoordinationState, ("load",), ("undo_called", task_id), token=token)  # another tab
    assert task_id not in open_calls()

    async def mark_then_undo(wait: timedelta):
        with Session(db) as session:  # the task is open again for this round
            session.get(CallbackTask, task_id).done_at = None
            session.commit()
        state = await (await root_state(token, "leusden")).get_state(CoordinationState)
        await run_handler(state, "load")
        await run_handler(state, "called", task_id)
        assert [(row.id, row.outcome) for row in state.callbacks if row.id == str(task_id)] == [
            (str(task_id), "called")
        ], "the called row stays in place, saying so"
        outcome, marked_at = state._recent[task_id]
        state._recent[task_id] = (outcome, marked_at - wait)
        with Session(db) as session:
            session.get(CallbackTask, task_id).done_at = marked_at - wait
            session.commit()
        await run_handler(state, "undo_called", task_id)

    asyncio.run(mark_then_undo(timedelta(minutes=2)))  # too long ago
    assert task_id not in open_calls()
    asyncio.run(mark_then_undo(timedelta(seconds=3)))
    assert task_id in open_calls()


def test_an_offer_cannot_be_taken_back_once_the_caregiver_said_yes(db, people: People):
    from state.help.requests import RequestsState
    from state.help.volunteering import HelpingState

    call(RequestsState, "answer", people.ids["offer"], True, token=people.tokens["caregiver"])
    before, refused_before = _snapshot(db), refusals(db)
    state, _ = call(HelpingState, "take_back", people.ids["open_request"], token=people.tokens["volunteer"])
    assert _snapshot(db) == before and refusals(db) > refused_before
    assert not state.taken_back
    with Session(db) as session:
        assert session.get(HelpOffer, people.ids["offer"]).status == "accepted"


def test_offering_and_taking_back_in_fresh_tabs_mails_the_caregiver_once(
    db, people: People, monkeypatch: pytest.MonkeyPatch
):
    """The server remembers the caregiver was told (the withdrawn offer row), not the tab."""
    from mantelzorg_app.services.platform import mail
    from state.help.volunteering import HelpingState

    sent = []
    monkeypatch.setattr(mail, "send", sent.append)
    volunteer = people.tokens["volunteer"]
    for request in ("stale_request", "open_request"):  # not offered on yet; offered on already
        for _ in range(4):  # a new tab each time
            call(HelpingState, "offer", people.ids[request], token=volunteer)
            state, _ = call(HelpingState, "take_back", people.ids[request], token=volunteer)
            assert state.taken_back
        call(HelpingState, "offer", people.ids[request], token=volunteer)
    assert [m.to for m in sent] == ["anna.voorbeeld@leusden.example.org"]  # stale_request's first
    with Session(db) as session:
        assert session.get(HelpOffer, people.ids["offer"]).status == "offered"


def test_stopping_a_request_asks_once_and_only_for_the_callers_own(db, people: People):
    from state.help.requests import RequestsState

    caregiver = people.tokens["caregiver"]
    state = call_in_turn(RequestsState, ("load",), ("ask_stop", people.ids["open_request"]), token=caregiver)
    assert state.stopping == str(people.ids["open_request"])
    state = call_in_turn(
        RequestsState, ("load",), ("ask_stop", people.ids["other_hub_open_request"]), token=caregiver
    )
    assert state.stopping == ""  # not one of the caller's: no question, and stop refuses it anyway
    before = _snapshot(db)
    state = call_in_turn(
        RequestsState, ("load",), ("ask_stop", people.ids["open_request"]), ("keep",), token=caregiver
    )
    assert state.stopping == "" and _snapshot(db) == before


def test_search_takes_any_words_and_only_chips_of_the_list(db):
    from mantelzorg_app.models import Hub, Wijk
    from mantelzorg_app.services.search.text import MAX_QUERY
    from state.search import FIELD, MAX_RESULTS, SearchState

    junk = ['"', "*", "NEAR(a b)", "oppas OR -", "\x00\n\t", "é" * 5000, "x" * 300, 12, None, ["oppas"], {}]
    for value in junk:
        state = call_in_turn(
            SearchState, ("load",), ("typed", value), ("submit", {FIELD: value}), ("submit", value)
        )
        assert len(state._query) <= MAX_QUERY and state.count <= MAX_RESULTS
    assert len(call_in_turn(SearchState, ("typed", "x" * 300))._query) == MAX_QUERY

    with Session(db) as session:

        def wijk_of(slug: str) -> int:
            hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
            return session.exec(select(Wijk.id).where(Wijk.hub_id == hub_id)).first()

        leusden, poperinge = wijk_of("leusden"), wijk_of("poperinge")
    state = call_in_turn(
        SearchState,
        ("load",),
        ("choose_category", "__class__"),
        ("choose_category", ["vervoer"]),
        ("choose_wijk", "999999"),
        ("choose_wijk", str(poperinge)),  # another hub's wijk
        ("choose_wijk", {"id": leusden}),
    )
    assert state._category == "" and state._wijk_id is None
    state = call_in_turn(
        SearchState, ("load",), ("choose_category", "vervoer"), ("choose_wijk", str(leusden))
    )
    assert (state._category, state._wijk_id, state.wijk) == ("vervoer", leusden, str(leusden))
    state = call_in_turn(
        SearchState, ("load",), ("choose_category", "vervoer"), ("choose_category", "vervoer")
    )
    assert state._category == ""


def test_home_hands_the_words_to_zoeken_in_the_tab_never_in_the_address(db):
    from state.search import FIELD, SearchState

    state, opened = call(SearchState, "from_home", {FIELD: "oppas voor mijn moeder"})
    assert state._query == "oppas voor mijn moeder"
    assert "/leusden/zoeken" in str(opened) and "oppas" not in str(opened)
    state, opened = call(SearchState, "from_home", {FIELD: "oppas"}, hub="atlantis")
    assert opened is None


def test_the_coordinator_decides_changes_and_keeps_the_hubs_own_words(db, people: People):
    from state.directory.manage import ManageState

    gerrit, edit = people.tokens["coordinator"], str(people.ids["service_edit"])
    state = call_in_turn(ManageState, ("load",), token=gerrit)
    assert edit in [row.id for row in state.waiting]
    assert str(people.ids["other_hub_service_edit"]) not in [row.id for row in state.waiting]
    (row,) = [row for row in state.waiting if row.id == edit]
    assert [(c.old["nl"], c.new["nl"]) for c in row.changes] == [("Wij rijden.", "Wij rijden mensen.")]

    before = _snapshot(db)
    state = call_in_turn(
        ManageState,
        ("load",),
        ("ask_refuse", edit),
        ("refuse", {"edit": edit, "weigering": "  "}),
        token=gerrit,
    )
    assert state.problems["note"] and state.problems["word"] == "" and state.refusing == edit
    assert _snapshot(db) == before, "a refusal without a reason changes nothing"

    state = call_in_turn(ManageState, ("load",), ("approve", edit), token=gerrit)
    assert state.done and edit not in [row.id for row in state.waiting]
    with Session(db) as session:
        service = session.get(Service, session.get(ServiceEdit, int(edit)).service_id)
        assert service.summary == "Wij rijden mensen."
    state = call_in_turn(ManageState, ("load",), ("approve", edit), token=gerrit)
    assert state.problems["edit"], "already decided: said in words"

    state = call_in_turn(
        ManageState,
        ("load",),
        ("add_synonym", {"synonym_word": "", "synonym_means": "vervoer"}),
        token=gerrit,
    )
    assert state.problems["word"] and state.problem_list[0]["field"] == "word"
    state = call_in_turn(
        ManageState,
        ("load",),
        ("add_synonym", {"synonym_word": "busje", "synonym_means": "vervoer"}),
        token=gerrit,
    )
    words = {row["word"]: row["id"] for row in state.synonyms}
    assert "busje" in words and state.synonym_word == ""
    state = call_in_turn(ManageState, ("load",), ("remove_synonym", words["busje"]), token=gerrit)
    assert "busje" not in [row["word"] for row in state.synonyms]


def _partner_edits(db) -> list[tuple]:
    with Session(db) as session:
        return list(session.exec(select(ServiceEdit.id, ServiceEdit.fields).order_by(ServiceEdit.id)).all())


def test_a_partner_sends_a_change_that_waits_and_the_card_stays(db, people: People):
    from state.directory.partner import FORM, SENT, PartnerState

    fatima, service_id = people.tokens["professional"], people.ids["partner_service"]
    before = len(_partner_edits(db))
    state = call_in_turn(
        PartnerState,
        ("load",),
        ("edit", service_id),
        ("keep", "phone", "033-00O 0099"),  # a letter O
        ("send", {"phone": "033-00O 0099"}),
        token=fatima,
    )
    assert state.screen == FORM and "telefoonnummer" in state.problems["phone"]
    assert state._form["phone"] == "033-00O 0099", "what was typed stays"
    assert len(_partner_edits(db)) == before
    state = call_in_turn(
        PartnerState, ("load",), ("edit", service_id), ("send", {"phone": "033-000 0100"}), token=fatima
    )
    assert state.screen == SENT and state.problems["phone"] == ""
    assert len(_partner_edits(db)) == before + 1
    assert "Partnermaaltijd" in [row["name"] for row in state.pending]
    with Session(db) as session:
        assert session.get(Service, service_id).phone == "033-000 0099", "not before the coordinator's yes"


def test_a_partner_cannot_touch_another_organisations_or_hubs_entries(db, people: People):
    from datetime import UTC, datetime

    from mantelzorg_app.models import Hub, Role
    from mantelzorg_app.services.identity import sessions
    from state.directory.partner import PartnerState

    fatima = people.tokens["professional"]
    with Session(db) as session:
        leusden = session.exec(select(Hub.id).where(Hub.slug == "leusden")).one()
        poperinge = session.exec(select(Hub.id).where(Hub.slug == "poperinge")).one()
        other_organisations = session.exec(  # a service of the hub that is not Partnerorganisatie's
            select(Service.id).where(
                Service.hub_id == leusden, Service.organization_id != people.ids["partner_organization"]
            )
        ).all()
        ivo = Membership(
            person_id=people.ids["other_hub_volunteer_person"],
            hub_id=poperinge,
            role=Role.professional,
            organization_id=people.ids["other_hub_partner_organization"],
        )
        session.add(ivo)
        session.commit()
        piet = sessions.start(session, ivo.person_id, sessions.EMAIL, datetime.now(UTC))
    before, refused_before = _partner_edits(db), refusals(db)
    forged = [
        (fatima, "leusden", ("edit", other_organisations[0])),  # another organisation of her hub
        (fatima, "leusden", ("choose", people.ids["other_hub_partner_organization"])),
        (piet, "leusden", ("edit", people.ids["partner_service"])),  # another hub's professional
        (piet, "poperinge", ("edit", people.ids["partner_service"])),
        (piet, "poperinge", ("edit_waiting", people.ids["partner_edit"])),
        (people.tokens["coordinator"], "leusden", ("edit_waiting", people.ids["partner_edit"])),  # not hers
    ]
    for token, hub, (handler, *args) in forged:
        state = call_in_turn(
            PartnerState, ("load",), (handler, *args), ("send", {"name": "X"}), hub=hub, token=token
        )
        assert state.screen != "form", f"{handler} {args} opened a form"
    assert _partner_edits(db) == before
    assert refusals(db) >= refused_before + len(forged)
    for junk in ("abc", None, -1, 0, ["1"], {"id": 1}, True, "1e9", 10**12):
        state = call_in_turn(
            PartnerState, ("load",), ("edit", junk), ("edit_waiting", junk), ("choose", junk), token=fatima
        )
        assert state.screen == "list"
    assert _partner_edits(db) == before


def test_a_new_service_waits_and_its_author_can_change_it_again(db, people: People):
    from mantelzorg_app.models import Wijk
    from state.directory.partner import FORM, SENT, PartnerState

    fatima = people.tokens["professional"]
    with Session(db) as session:
        wijk = str(session.exec(select(Wijk.id).where(Wijk.name == "Centrum")).one())
    typed = {
        "name": "Samen koken",
        "summary": "Wij koken samen.",
        "description": "Elke dinsdag koken wij samen.",
        "phone": "033-000 0097",
        "hours_TU": "17-19",
    }
    before = len(_partner_edits(db))
    state = call_in_turn(
        PartnerState,
        ("load",),
        ("new_service",),
        ("choose_category", "__class__"),
        ("choose_category", "maaltijden"),
        ("toggle", "area", wijk),
        ("toggle", "area", "999999"),
        ("toggle", "languages", "en"),
        *(("keep", name, value) for name, value in typed.items()),
        ("keep", "__class__", "x"),
        ("send", {"name": "Samen koken"}),
        token=fatima,
    )
    assert state.screen == SENT, state.problems
    edits_now = _partner_edits(db)
    assert len(edits_now) == before + 1
    new_id, fields = edits_now[-1]
    assert '"hours_TU": "17.00-19.00"' in fields and f'"area": ["{wijk}"]' in fields
    state = call_in_turn(
        PartnerState,
        ("load",),
        ("edit_waiting", new_id),
        ("keep", "summary", "Wij koken en eten samen."),
        token=fatima,
    )
    assert state.screen == FORM and state.replacing and state.values["name"] == "Samen koken"
    assert state.category == "maaltijden" and state.area == [wijk] and state.languages == ["nl", "en"]
    call_in_turn(PartnerState, ("load",), ("send", {}), token=fatima)  # the same tab's state is gone
    state = call_in_turn(
        PartnerState,
        ("load",),
        ("edit_waiting", new_id),
        ("send", {"summary": "Wij eten samen."}),
        token=fatima,
    )
    assert state.screen == SENT
    assert len(_partner_edits(db)) == before + 1
    assert "Wij eten samen." in _partner_edits(db)[-1][1]


def _takes_arguments(state_class: type[rx.State]) -> list[str]:
    return [
        name
        for name, handler in state_class.event_handlers.items()
        if name != "setvar" and len(inspect.signature(handler.fn).parameters) > 1
    ]


def test_every_sociale_kaart_and_search_state_gets_junk():
    states = set()
    stack = [rx.State]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith(("state.directory.", "state.search")) and _takes_arguments(cls):
            states.add(cls.__name__)
    assert states - set(JUNK_CALLERS) == set(), "list these states in JUNK_CALLERS"


def _junk_calls(name: str, arity: int):
    for junk in JUNK:
        yield (junk,) * arity
        for first in JUNK_NAMES.get(name, ()):
            yield (first, junk)
        if fields := JUNK_FORMS.get(name):
            yield ({field: junk for field in fields},)


@pytest.mark.parametrize("who", ["visitor", "rightful"])
@pytest.mark.parametrize("state_name", JUNK_CALLERS)
def test_junk_arguments_change_nothing_and_raise_nothing(db, people: People, state_name: str, who: str):
    state_of, rightful, setup = JUNK_CALLERS[state_name]
    state_class = state_of()
    token = people.tokens[rightful] if who == "rightful" and rightful else None
    before = _snapshot(db)

    async def go() -> None:
        for name in _takes_arguments(state_class):
            arity = len(inspect.signature(state_class.event_handlers[name].fn).parameters) - 1
            state = await (await root_state(token, "leusden")).get_state(state_class)
            for handler, *args in setup:
                await run_handler(state, handler, *args)
            for args in _junk_calls(f"{state_name}.{name}", arity):
                try:
                    await run_handler(state, name, *args)
                except Exception as error:  # the message names the call and the junk
                    raise AssertionError(f"{state_name}.{name}{args!r:.200} as {who}: {error!r}") from error

    asyncio.run(go())
    assert _snapshot(db) == before


@pytest.mark.parametrize("form", ["weigering=x", ["edit", "1"], None, 12])
def test_a_form_that_is_no_form_is_an_empty_one(db, people: People, form):
    """The outside review's crashes: ``form.get`` on a string or list, also for a visitor."""
    from state.directory.manage import ManageState

    before = _snapshot(db)
    for token in (None, people.tokens["coordinator"]):
        state = call_in_turn(ManageState, ("refuse", form), ("add_synonym", form), token=token)
        assert state.synonym_word == state.synonym_means == ""
    assert _snapshot(db) == before


def test_an_id_too_big_for_the_database_finds_no_row(db, people: People):
    from datetime import UTC, datetime

    from mantelzorg_app.models import Hub
    from mantelzorg_app.services.identity import authz
    from mantelzorg_app.services.platform.database import ROW_ID_MOST
    from mantelzorg_app.services.search import synonyms
    from state.directory.manage import ManageState
    from state.inputs import as_id

    assert as_id(str(ROW_ID_MOST)) == ROW_ID_MOST
    for junk in ("9999999999999999999999", str(ROW_ID_MOST + 1), 10**22, float("inf"), 1.5, "١٢", "1e3"):
        assert as_id(junk) is None, junk
    before, refused_before = _snapshot(db), refusals(db)
    state = call_in_turn(
        ManageState,
        ("load",),
        ("remove_synonym", "9999999999999999999999"),
        ("approve", 10**22),
        token=people.tokens["coordinator"],
    )
    assert state.done == "" and _snapshot(db) == before
    with Session(db) as session:  # the service refuses it too, whoever calls it
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        actor = authz.actor(session, people.tokens["coordinator"], hub.id, datetime.now(UTC))
        for junk in (10**22, 2**31, True, "1"):
            with pytest.raises(authz.Refused):
                synonyms.remove(session, actor, junk)
    assert refusals(db) > refused_before


def test_a_list_for_a_category_is_ignored(db, people: People):
    from state.directory.partner import FORM, PartnerState

    state = call_in_turn(
        PartnerState,
        ("load",),
        ("new_service",),
        ("choose_category", ["vervoer"]),
        ("choose_category", {"vervoer": 1}),
        token=people.tokens["professional"],
    )
    assert state.screen == FORM and state.category == ""
