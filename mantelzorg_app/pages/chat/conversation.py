"""One conversation at /[hub]/praten/[gesprek]: the messages, oldest first, then the box to write in.

Each message says who wrote it (a first name, "medewerker" or "vrijwilliger, gescreend" beside it,
"verwijderde gebruiker" for a wiped person) and when in words, has its own "Lees voor" and "Meld".
Below them: a big box ("Uw bericht") with a counter, a big "Stuur", the microphone where the phone
can listen (assets/speech_input.js) and four quick replies. assets/chat.js sends on Enter, names
each message (``local_id``), keeps the text until the server has it and says when it did not go.
"""

import reflex as rx

from components.controls import action_button, icon_link, link_button, row_button
from components.form import problem, submit_button
from components.icons import matched_icon
from mantelzorg_app import routes
from mantelzorg_app.pages.chat.report_part import report_button, report_sheet
from mantelzorg_app.pages.help.parts import request_card
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.chat import messages as chat_messages
from mantelzorg_app.services.chat.conversations import CAFE
from state.auth import AuthState
from state.chat.conversation import CALLBACK, QUICK
from state.chat.conversation import ConversationState as C
from state.ui import UiState, fill, t

QUICK_ICONS = {"thanks": "heart", "call": "phone", "see_you": "calendar-check", "coming": "footprints"}
CARD_ICONS = {"service": "map-pin", "activity": "calendar-days", "post": "newspaper"}
BADGES = {"staff": "medewerker", "vetted": "vrijwilliger, gescreend"}
FIELD = "message"
FORM = "chat-form"
QUESTION = "chat-vraag"  # the question before a number or an address goes to a group


def _author(line: rx.Var) -> rx.Component:
    return rx.el.p(
        rx.el.strong(rx.cond(line["author"] != "", line["author"], t("verwijderde gebruiker"))),
        rx.match(
            line["badge"],
            *((key, rx.el.span(t(word), class_name="chat-badge")) for key, word in BADGES.items()),
            rx.fragment(),
        ),
        rx.el.span(line["when"][UiState.lang], class_name="when"),
        class_name="chat-meta",
    )


def _card(line: rx.Var) -> rx.Component:
    return rx.el.a(
        matched_icon(line["card_kind"], CARD_ICONS, "square-arrow-out-up-right", size=28),
        rx.el.span(
            rx.el.strong(line["card_title"]),
            rx.el.span(
                rx.match(
                    line["card_kind"],
                    ("activity", t("Bekijk de activiteit")),
                    ("post", t("Lees het bericht")),
                    t("Bekijk de dienst"),
                ),
                class_name="chat-card-go",
            ),
        ),
        href=line["card_href"],
        class_name="chat-card",
    )


def _body(line: rx.Var) -> rx.Component:
    return rx.cond(
        line["hidden"] != "",
        rx.el.p(
            rx.icon("eye-off", size=20, aria_hidden="true"),
            rx.el.span(t("De coördinator heeft dit bericht verborgen.")),
            class_name="chat-hidden",
        ),
        rx.fragment(
            rx.cond(line["text"] != "", rx.el.p(line["text"], class_name="chat-words")),
            rx.cond((line["card_kind"] != "") & (line["card_href"] != ""), _card(line)),
        ),
    )


def _message(line: rx.Var) -> rx.Component:
    return rx.el.li(
        _author(line),
        _body(line),
        rx.el.div(
            rx.el.button(
                rx.icon("volume-2", size=20, aria_hidden="true"),
                rx.el.span(t("Lees voor")),
                type="button",
                class_name="chat-action read-aloud",
                data_read_message="",
            ),
            report_button(line),
            class_name="chat-actions",
            data_noread="",
        ),
        class_name=rx.cond(line["mine"] != "", "chat-message mine", "chat-message"),
        data_seq=line["seq"],
    )


def _held() -> rx.Component:
    """A phone number or e-mail address typed into a group: asked once more before it goes (the
    question the server chose, in ``problem``). "Stuur" waits meanwhile, so "Ja, stuur het" is the
    one main button; the focus goes to the safe answer, "Nee, pas het aan"."""
    return rx.el.div(
        rx.el.p(
            rx.cond(C.problem != "", t(C.problem), t(chat_messages.SHARE_CONTACT)),
            id=QUESTION,
            class_name="chat-question",
        ),
        rx.el.div(
            action_button("send", t("Ja, stuur het"), None, "main-action", data_chat_share=""),
            action_button(
                "pencil",
                t("Nee, pas het aan"),
                C.edit,
                "second-action",
                data_chat_edit="",
                auto_focus=True,
                aria_describedby=QUESTION,
            ),
            class_name="chat-question-buttons",
        ),
        role="alert",
        class_name="chat-held",
    )


def _microphone() -> rx.Component:
    """Shown by assets/speech_input.js where the phone can listen; what is said goes into the box."""
    return rx.el.div(
        action_button(
            "mic", t("Inspreken"), None, "row-action mic", aria_pressed="false", data_speech_for=FIELD
        ),
        rx.el.p(role="status", class_name="mic-status", data_speech_status=""),
        class_name="mic-box",
        data_listening_text=t("Ik luister. Zeg uw bericht."),
        data_problem_text=t("Dat lukte niet. Typ uw bericht, of probeer het nog eens."),
    )


def _icon_line(icon: str, words: rx.Var) -> rx.Component:
    return rx.el.p(rx.icon(icon, size=20, aria_hidden="true"), rx.el.span(words), class_name="icon-line")


def _subject() -> rx.Component:
    """What the conversation is about: a help request's names and card, or a call-back's line."""
    return rx.fragment(
        rx.cond(
            C.request["id"],
            rx.fragment(
                rx.el.p(
                    fill(
                        t("{caregiver} en {volunteer} kunnen hier samen afspreken."),
                        caregiver=C.caregiver,
                        volunteer=C.volunteer,
                    )
                ),
                rx.el.ul(
                    request_card(
                        C.request,
                        _icon_line("calendar", C.when[UiState.lang]),
                        rx.cond(C.first[UiState.lang], _icon_line("calendar-check", C.first[UiState.lang])),
                        level=2,
                    ),
                    class_name="cards chat-subject",
                ),
            ),
        ),
        rx.cond(C.about != "", _icon_line("phone", t(CALLBACK))),
    )


def _quick(key: str, text: str) -> rx.Component:
    """A submit button of the box's form: chat.js puts its key in the form's ``quick`` and names
    the message, so a quick reply is sent, and retried, just like a typed one."""
    return rx.el.button(
        rx.icon(QUICK_ICONS[key], size=24, aria_hidden="true"),
        rx.el.span(t(text)),
        type="submit",
        form=FORM,
        value=key,
        class_name="row-action chat-quick",
        data_chat_quick=key,
    )


def _quick_replies() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("Of stuur meteen:"), class_name="chat-quick-label", id="snel"),
        rx.el.div(
            *(_quick(key, text) for key, text in QUICK.items()),
            class_name="chat-quick-grid",
            role="group",
            aria_labelledby="snel",
        ),
        data_noread="",
    )


def _composer() -> rx.Component:
    counter_id = f"{FIELD}-teller"
    wrong = (C.problem != "") & ~C.held  # a held message's question shows below the box, not here
    return rx.el.form(
        rx.el.div(
            rx.el.label(t("Uw bericht"), html_for=FIELD),
            rx.cond(wrong, problem(t(C.problem), FIELD)),
            rx.el.textarea(
                id=FIELD,
                name="text",
                rows=3,
                max_length=chat_messages.TEXT_MAX,
                class_name="field chat-box",
                aria_invalid=rx.cond(wrong, "true", "false"),
                aria_describedby=rx.cond(wrong, f"{FIELD}-probleem {counter_id}", counter_id),
                enter_key_hint="send",
            ),
            rx.el.p(
                fill(t("Nog {left} tekens"), left=str(chat_messages.TEXT_MAX)),
                id=counter_id,
                class_name="chat-counter",
                data_counter_text=t("Nog {left} tekens"),
                data_most=chat_messages.TEXT_MAX,
            ),
            class_name="field-group",
        ),
        rx.el.input(type="hidden", name="local_id", value=""),
        rx.el.input(type="hidden", name="conversation", value=C.conversation_id),
        rx.el.input(type="hidden", name="share", value=""),
        rx.el.input(type="hidden", name="quick", value=""),
        rx.el.p(
            "",
            role="alert",
            class_name="chat-unsent",
            data_chat_unsent=t("Niet verstuurd. Probeer het nog eens."),
        ),
        rx.cond(C.held, _held()),
        rx.el.div(
            rx.cond(~C.held, submit_button("send", t("Stuur"), class_name="main-action chat-send")),
            _microphone(),
            class_name="chat-send-row",
        ),
        on_submit=C.send,
        no_validate=True,
        method="post",
        class_name="chat-form",
        id=FORM,
        data_chat_form="",
    )


def _seen() -> rx.Component:
    """assets/chat.js fills in the newest message on screen and submits this while the page is in
    view (ConversationState.seen): only that is marked read, never what a phone in a pocket got."""
    return rx.el.form(
        rx.el.input(type="hidden", name="seq", value=""),
        rx.el.input(type="hidden", name="conversation", value=C.conversation_id),
        on_submit=C.seen,
        hidden=True,
        data_chat_seen="",
    )


def _conversation() -> rx.Component:
    return rx.fragment(
        rx.el.div(
            icon_link("arrow-left", t("Alle gesprekken"), hub_href(routes.CHAT), "back-link"),
            rx.cond(
                C.kind == "room",
                row_button("log-out", t("Verlaat de groep"), C.leave),
            ),
            class_name="chat-top",
            data_noread="",
        ),
        _subject(),
        rx.cond(C.more, row_button("history", t("Eerdere berichten"), C.older)),
        rx.cond(
            C.messages.length() > 0,
            rx.el.ol(
                rx.foreach(C.messages, _message),
                class_name="chat-messages",
                aria_label=t("Berichten"),
                tab_index=-1,  # the focus comes here when a closed sheet's "Meld" has gone
                data_chat_messages="",
            ),
            rx.el.p(t("Nog geen berichten. Stuur het eerste bericht.")),
        ),
        _seen(),
        rx.cond(
            C.posting,
            rx.fragment(_quick_replies(), _composer()),
            rx.el.p(t(chat_messages.CLOSED), class_name="chat-closed"),
        ),
        report_sheet(),
    )


def room_name(title: rx.Var) -> rx.Var:
    """A room as it is called: the café by its name, a wijk's room "Groep Centrum"."""
    return rx.cond(title == CAFE, t(title), fill(t("Groep {name}"), name=title))


def _heading() -> rx.Var:
    named = rx.cond(C.kind == "room", room_name(C.title), C.title)
    return rx.cond(C.title != "", named, t("Gesprek"))


def _refused() -> rx.Component:
    """Not a member: a way back to the list; a visitor signs in first and comes to the list."""
    return rx.fragment(
        rx.el.p(t("Dit gesprek kunt u niet openen.")),
        rx.cond(
            AuthState.signed_in,
            link_button("arrow-left", t("Naar Praten"), hub_href(routes.CHAT)),
            link_button("log-in", t("Log eerst in"), hub_href(f"{routes.SIGN_IN}?verder={routes.CHAT}")),
        ),
    )


@hub_page_at(
    routes.CONVERSATION,
    AuthState.load,
    C.load,
    heading=_heading(),
    title=t("Gesprek"),  # never a first name in a <title>: browsers keep titles in their history
    active=routes.CHAT,
)
def conversation() -> rx.Component:
    return rx.cond(C.allowed, _conversation(), _refused())
