"""Nieuws controleren: the coordinator reads each post that waits, whole, and approves it, asks a
change or does not place it; below, the published posts, each with "Haal weg", and "Meer berichten"
while there are older ones. The posts' own words are marked Dutch (``lang``), also on an English
page, so a screen reader reads them with a Dutch voice."""

import reflex as rx

from components.controls import icon_link, row_button
from components.form import submit_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import COORDINATOR_ONLY, Guard, hub_page_at
from mantelzorg_app.services.news import moderation
from mantelzorg_app.services.news.listing import CONTENT_LANGUAGE
from mantelzorg_app.services.platform.i18n import N_
from state.auth import AuthState
from state.hub import HubState
from state.news.moderation import CHANGE, NOTE_FIELD, REJECT, TAKE_DOWN
from state.news.moderation import NewsModerationState as S
from state.ui import UiState, fill, t

INTRO = N_(
    "Trekkers schreven deze berichten. Lees ze goed. Kies dan wat u doet. "
    "De schrijver krijgt een mail over uw keuze."
)
# What the note field asks, by decision; the writer reads the note in a mail.
NOTE_LABELS = {
    CHANGE: N_("Wat moet er anders? De schrijver leest dit in een mail."),
    REJECT: N_("Waarom plaatst u het niet? De schrijver leest dit in een mail."),
    TAKE_DOWN: N_("Wilt u de schrijver iets zeggen? Dat mag ook leeg blijven."),
}
SURE = N_("Zeker weten? Dan staat het bericht niet meer bij Nieuws.")
SEND_WORDS = {CHANGE: N_("Stuur uw vraag"), REJECT: N_("Niet plaatsen"), TAKE_DOWN: N_("Ja, haal weg")}


def _meta(row: rx.Var) -> rx.Component:
    """The post's title, its wijk (or the whole hub), its writer and when it was sent or published."""
    return rx.fragment(
        rx.el.h3(row.title, lang=CONTENT_LANGUAGE),
        rx.el.p(
            rx.icon("map-pin", size=24, aria_hidden="true"),
            rx.el.span(rx.cond(row.wijk != "", row.wijk, fill(t("Heel {hub}"), hub=HubState.name))),
            class_name="icon-line",
        ),
        rx.el.p(
            rx.icon("user", size=24, aria_hidden="true"),
            rx.el.span(fill(t("Geschreven door {name}"), name=row.author)),
            class_name="icon-line",
        ),
        rx.cond(row.when[UiState.lang], rx.el.p(row.when[UiState.lang], class_name="when")),
    )


def _post(row: rx.Var) -> rx.Component:
    """The post as readers would see it: title, wijk and writer, photo with its description, the
    whole text, the linked activity."""
    return rx.fragment(
        _meta(row),
        rx.cond(
            row.photo_url != "",
            rx.el.figure(
                rx.el.img(
                    src=row.photo_url,
                    alt=row.photo_alt,
                    lang=CONTENT_LANGUAGE,
                    class_name="news-photo news-photo-big",
                ),
                rx.el.figcaption(fill(t("Op de foto: {alt}"), alt=row.photo_alt), class_name="when"),
            ),
        ),
        rx.el.div(
            rx.foreach(row.paragraphs, lambda p: rx.el.p(p)), lang=CONTENT_LANGUAGE, class_name="news-body"
        ),
        rx.cond(
            row.activity_href != "",
            icon_link(
                "calendar-days", row.activity_title, f"/{HubState.slug}/{row.activity_href}", "service-link"
            ),
        ),
    )


def _note_form(row: rx.Var) -> rx.Component:
    """The note field of the decision opened on this post, with its send button and a way back."""
    problem = fill(t(S.problems["note"]), most=str(moderation.NOTE_MOST))
    kind = S.noting_kind
    # the field's id is the post's own: a fixed id in a list of cards gives every card one element
    # ref, and the form would send the (empty) ref of another card instead of what was typed
    field_id = f"{NOTE_FIELD}-{row.id}"
    problem_id = f"{NOTE_FIELD}-{row.id}-probleem"
    return rx.el.form(
        rx.el.input(type="hidden", name="bericht", value=row.id),
        rx.el.input(type="hidden", name="besluit", value=kind),
        rx.cond(
            kind == TAKE_DOWN,
            rx.el.p(t(SURE), class_name="status marked"),
        ),
        rx.el.div(
            rx.el.label(
                rx.match(kind, *((k, t(label)) for k, label in NOTE_LABELS.items()), ""), html_for=field_id
            ),
            rx.cond(
                problem != "",
                rx.el.div(problem, id=problem_id, role="alert", class_name="problem"),
            ),
            rx.el.textarea(
                id=field_id,
                name=NOTE_FIELD,
                rows=3,
                max_length=moderation.NOTE_MOST,
                aria_invalid=rx.cond(problem != "", "true", "false"),
                aria_describedby=rx.cond(problem != "", problem_id, ""),
                class_name="field",
            ),
            class_name="field-group",
        ),
        rx.el.div(
            submit_button(
                "send",
                rx.match(kind, *((k, t(words)) for k, words in SEND_WORDS.items()), ""),
                class_name="row-action",
            ),
            row_button("undo-2", t("Terug"), S.close_note),
            class_name="row-actions",
        ),
        on_submit=S.decide_noted,
        no_validate=True,
    )


def _waiting(row: rx.Var) -> rx.Component:
    return rx.el.li(
        _post(row),
        rx.cond(
            S.noting == row.id,
            _note_form(row),
            rx.el.div(
                row_button("check", t("Goedkeuren"), S.approve(row.id)),
                row_button("pencil", t("Vraag een wijziging"), S.open_note(row.id, CHANGE)),
                row_button("x", t("Niet plaatsen"), S.open_note(row.id, REJECT)),
                class_name="row-actions",
            ),
        ),
        class_name="card",
    )


def _published(row: rx.Var) -> rx.Component:
    """A published post in short: what it is, a link to read it on its page, and "Haal weg"."""
    return rx.el.li(
        _meta(row),
        icon_link("newspaper", t("Lees het bericht"), f"/{HubState.slug}/{row.post_href}", "service-link"),
        rx.cond(
            S.noting == row.id,
            _note_form(row),
            rx.el.div(
                row_button("eye-off", t("Haal weg"), S.open_note(row.id, TAKE_DOWN)),
                class_name="row-actions",
            ),
        ),
        class_name="card",
    )


def _content() -> rx.Component:
    return rx.el.div(
        rx.cond(S.done != "", rx.el.p(t(S.done), role="status", class_name="done")),
        rx.cond(S.problems["form"] != "", rx.el.p(t(S.problems["form"]), role="alert", class_name="problem")),
        rx.el.section(
            rx.el.h2(t("Wacht op uw controle"), id="wacht-kop"),
            rx.cond(
                S.waiting.length() > 0,
                rx.fragment(
                    rx.el.p(t(INTRO)),
                    rx.el.ul(rx.foreach(S.waiting, _waiting), class_name="cards"),
                ),
                rx.el.p(t("Er wachten geen berichten. Alles is bekeken.")),
            ),
            aria_labelledby="wacht-kop",
        ),
        rx.el.section(
            rx.el.h2(t("Gepubliceerd"), id="gepubliceerd-kop"),
            rx.cond(
                S.published.length() > 0,
                rx.el.ul(rx.foreach(S.published, _published), class_name="cards"),
                rx.el.p(t("Er staan nog geen berichten bij Nieuws.")),
            ),
            rx.cond(
                S.more_published,
                row_button("chevron-down", t("Meer berichten"), S.more, aria_describedby="gepubliceerd-kop"),
            ),
            aria_labelledby="gepubliceerd-kop",
        ),
        rx.el.section(
            rx.el.h2(t("Nieuwsbronnen")),
            rx.el.p(t("Algemeen nieuws van andere websites, zoals van de gemeente.")),
            icon_link("rss", t("Nieuwsbronnen"), hub_href(routes.NEWS_FEEDS), "second-action"),
        ),
        icon_link("arrow-left", t("Terug naar Beheer"), hub_href(routes.COORDINATION), "second-action"),
    )


@hub_page_at(
    routes.NEWS_MODERATION,
    AuthState.load,
    S.load,
    heading=t("Nieuws controleren"),
    guard=Guard(S, t(COORDINATOR_ONLY), sign_in=True),  # the daily mail's link signs in and comes back
)
def news_moderation() -> rx.Component:
    return _content()
