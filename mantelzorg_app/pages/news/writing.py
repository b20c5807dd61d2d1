"""Schrijf een bericht at /[hub]/nieuws/schrijven: title, text, a photo, an activity it is about,
the writing helper's tips beside the text, saved as it is typed, and "Stuur naar de coördinator".

GOV.UK style as the organiser's form (pages/calendar/editing.py): a label and a hint a field, the
error summary at the top, the problem above its field, everything kept on the server
(state.news.writing). Under the text a status line says whether it is saved ("Opgeslagen", or
"Niet opgeslagen" with what to do, and "Bewaar wat hier staat" when another tab changed the draft).
The tips: only their count is a polite live line ("2 tips voor uw tekst"); the list itself is not
live, so a screen reader is not read the whole list again after each save. The activity is chosen
from big buttons (components.choices), "Nee, over geen activiteit" first.
"""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import icon_link, link_button, main_button
from components.form import problem, submit_button, summary
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.news.photo_part import TYPED_DELAY_MS, photo_part
from mantelzorg_app.pages.shape import hub_page_at, sign_in_first
from mantelzorg_app.services.news import posts
from mantelzorg_app.services.platform.i18n import N_
from state.hub import HubState
from state.news.photo import ALT_FIELD
from state.news.writing import WritingState as W
from state.ui import UiState, fill, t

HEADING = N_("Schrijf een bericht")
FOR_TREKKERS = N_("Op deze pagina schrijven trekkers het nieuws van hun wijk.")
MOST = {"title": posts.TITLE_MOST, "body": posts.BODY_MOST}


def _words(message: rx.Var) -> rx.Var:
    """A problem's words in the reader's language, with its number where it says so."""
    return fill(t(message), most=W.problem_values.get("most", ""))


def _typed(name: str, label: rx.Var, hint: rx.Var, control, **extra) -> rx.Component:
    message = W.problems[name]
    return rx.el.div(
        rx.el.label(label, html_for=name),
        rx.el.p(hint, id=f"{name}-hint", class_name="hint"),
        rx.cond(message != "", problem(_words(message), name)),
        control(
            id=name,
            name=name,
            default_value=W.values[name],
            max_length=MOST[name],
            aria_invalid=rx.cond(message != "", "true", "false"),
            aria_describedby=rx.cond(message != "", f"{name}-hint {name}-probleem", f"{name}-hint"),
            auto_complete="off",
            class_name="field",
            on_blur=W.keep(name),
            on_change=W.keep(name).debounce(TYPED_DELAY_MS),
            **extra,
        ),
        class_name="field-group",
    )


def _hint(row: rx.Var) -> rx.Component:
    return rx.el.li(fill(t(row["message"]), words=row["words"], plain=row["plain"], n=row["n"]))


def _tips_count() -> rx.Component:
    """The one live line of the tips: how many there are, said when it changes."""
    count = W.hints.length()
    return rx.el.p(
        rx.cond(
            count == 0,
            t("Geen tips"),
            rx.cond(
                count == 1, t("1 tip voor uw tekst"), fill(t("{n} tips voor uw tekst"), n=count.to_string())
            ),
        ),
        role="status",
        class_name="hint",
    )


def _tips() -> rx.Component:
    """The writing helper: what may make the text hard to read. Never a problem: it can be sent."""
    return rx.el.section(
        rx.el.h2(
            rx.icon("lightbulb", size=24, aria_hidden="true"),
            rx.el.span(t("Tips voor uw tekst")),
            id="tips-kop",
            class_name="field-label",
        ),
        _tips_count(),
        rx.cond(
            W.hints.length() > 0,
            rx.fragment(
                rx.el.ul(rx.foreach(W.hints, _hint), class_name="writing-tips"),
                rx.el.p(t("Dit zijn tips. U kunt het bericht ook zo sturen."), class_name="hint"),
            ),
            rx.el.p(t("Korte zinnen en gewone woorden lezen het makkelijkst.")),
        ),
        aria_labelledby="tips-kop",
        class_name="notice writing-help",
    )


def _wijk() -> rx.Component:
    chips = choice_buttons(
        t("Voor welke wijk is het bericht?"),
        choice_button(
            "map",
            fill(t("Heel {hub}"), hub=HubState.name),
            W.wijk == "",
            W.choose_wijk(""),
            single=True,
        ),
        rx.foreach(
            W.wijken,
            lambda w: choice_button(
                "map-pin", w["name"], W.wijk == w["id"], W.choose_wijk(w["id"]), single=True
            ),
        ),
        single=True,
        field="wijk",
        message=rx.cond(W.problems["wijk"] != "", _words(W.problems["wijk"]), ""),
    )
    return rx.cond(
        W.choosing,
        rx.fragment(rx.el.p(t("Voor welke wijk is het bericht?"), class_name="field-label"), chips),
        rx.el.p(
            rx.icon("map-pin", size=24, aria_hidden="true"),
            rx.el.span(fill(t("Uw bericht is voor de wijk {wijk}."), wijk=W.wijk_name)),
            class_name="icon-line",
        ),
    )


def _activity() -> rx.Component:
    question = t("Gaat het over een activiteit uit de agenda?")
    return rx.el.div(
        rx.el.p(question, class_name="field-label"),
        rx.el.p(t("Dan komt er een link naar de activiteit bij."), class_name="hint"),
        choice_buttons(
            question,
            choice_button(
                "calendar-x",
                t("Nee, over geen activiteit"),
                W.activity == "",
                W.choose_activity(""),
                single=True,
            ),
            rx.foreach(
                W.activities,
                lambda a: choice_button(
                    "calendar",
                    a[UiState.lang],
                    W.activity == a["id"],
                    W.choose_activity(a["id"]),
                    single=True,
                ),
            ),
            single=True,
            field="activity",
        ),
        class_name="field-group",
    )


def _saved() -> rx.Component:
    """Whether what is typed is saved; when not, plainly why and what to do (the fields keep it)."""
    return rx.el.div(
        rx.el.p(
            rx.cond(
                W.unsaved != "",
                rx.el.span(t(W.unsaved)),
                rx.cond(
                    W.saved,
                    rx.fragment(
                        rx.icon("circle-check", size=24, aria_hidden="true"),
                        rx.el.span(t("Opgeslagen. U kunt later verder schrijven.")),
                    ),
                    rx.el.span(t("Wat u schrijft, wordt vanzelf bewaard.")),
                ),
            ),
            role="status",
            class_name=rx.cond(W.unsaved != "", "problem", "icon-line"),
        ),
        rx.cond(W.elsewhere, main_button("save", t("Bewaar wat hier staat"), W.save_over)),
    )


def _form() -> rx.Component:
    return rx.el.form(
        summary(t("Er is een probleem"), W.problem_list, show_item=lambda p: _words(p["message"])),
        rx.cond(
            W.note != "",
            rx.el.div(
                rx.el.h2(t("De coördinator vraagt een wijziging")),
                rx.el.p(W.note),
                class_name="notice",
            ),
        ),
        _wijk(),
        _typed(
            "title",
            t("Titel"),
            t("Een paar woorden. Bijvoorbeeld: Nieuwe boekenkast in de bieb."),
            rx.el.input,
        ),
        _typed(
            "body",
            t("Uw bericht"),
            t("Wat is er te vertellen? Een lege regel begint een nieuwe alinea."),
            rx.el.textarea,
            rows=10,
        ),
        _saved(),
        _tips(),
        rx.cond(W.problems[ALT_FIELD] != "", problem(_words(W.problems[ALT_FIELD]), ALT_FIELD)),
        photo_part(W.post_id),
        _activity(),
        rx.cond(W.problems["send"] != "", problem(_words(W.problems["send"]), "send")),
        submit_button(
            "send",
            rx.cond(W.publishes, t("Zet het op de Nieuws-pagina"), t("Stuur naar de coördinator")),
            id="send",
        ),
        rx.el.p(
            rx.cond(
                W.publishes,
                t("U bent de coördinator. Uw bericht staat dan meteen op de Nieuws-pagina."),
                t("De coördinator leest het eerst. Daarna staat het op de Nieuws-pagina."),
            ),
            class_name="hint",
        ),
        on_submit=W.send,
        no_validate=True,
        class_name="partner-form",
        key=W.form_key.to_string(),
    )


def _way_on() -> rx.Component:
    return rx.el.div(
        icon_link("list", t("Mijn berichten"), hub_href(routes.NEWS_MINE), "row-action"),
        icon_link("arrow-left", t("Terug naar het nieuws"), hub_href(routes.NEWS), "row-action"),
        class_name="step-nav",
        data_noread="",
    )


def _not_for_you() -> rx.Component:
    return rx.fragment(
        rx.el.p(t(FOR_TREKKERS)),
        rx.el.p(t("Wilt u ook nieuws uit uw wijk schrijven? Vraag de coördinator of u trekker kunt worden.")),
        link_button("newspaper", t("Naar het nieuws"), hub_href(routes.NEWS)),
    )


@hub_page_at(routes.NEWS_WRITE, W.load, heading=t(HEADING))
def write_post() -> rx.Component:
    return rx.cond(
        W.allowed,
        rx.cond(
            W.known,
            rx.fragment(_form(), _way_on()),
            rx.fragment(
                rx.el.p(t("Dit bericht kunt u hier niet meer veranderen.")),
                link_button("list", t("Naar mijn berichten"), hub_href(routes.NEWS_MINE)),
            ),
        ),
        rx.cond(
            W.signed_in,
            _not_for_you(),
            rx.cond(W.loaded, rx.fragment(rx.el.p(t(FOR_TREKKERS)), sign_in_first(routes.NEWS_WRITE))),
        ),
    )
