"""One post at /[hub]/nieuws/[bericht]: the title (h1), the photo with its description, the day and
who wrote it, the text in paragraphs, the activity it points to ("Kom ook"), and "Stuur naar mijn
vrijwilliger". The order is the order "Lees voor" (in the page's tools) reads it in. The post's own
words (title, photo description, text) are marked Dutch (``lang``), also on an English page."""

import reflex as rx

from components.controls import icon_link, link_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.pages.share_part import share_buttons
from mantelzorg_app.services.news.listing import CONTENT_LANGUAGE
from mantelzorg_app.services.platform.i18n import N_
from state.chat.share import ShareState
from state.news.post import PostState as S
from state.ui import UiState, fill, t

UNKNOWN = N_("Dit bericht kennen wij niet")
NEWS = N_("Nieuws")


def _byline() -> rx.Component:
    """ "dinsdag 3 december", then "Eva, Trekkersgroep Centrum" (the source alone when the writer's
    account is gone)."""
    who = rx.cond(
        S.post["writer"] != "",
        fill(t("{name}, {source}"), name=S.post["writer"], source=S.post["source"][UiState.lang]),
        S.post["source"][UiState.lang],
    )
    return rx.el.p(
        rx.el.span(
            rx.icon("calendar-days", size=22, aria_hidden="true"), rx.el.span(S.post["day"][UiState.lang])
        ),
        rx.el.span(rx.icon("user-round", size=22, aria_hidden="true"), rx.el.span(who)),
        class_name="news-byline",
    )


def _activity() -> rx.Component:
    """ "Kom ook": the activity the post points to, with its next date, to its page."""
    when = S.activity["when"][UiState.lang]
    return rx.cond(
        S.activity["id"] != "",
        rx.el.section(
            rx.el.h2(
                rx.icon("calendar-heart", size=28, aria_hidden="true"), rx.el.span(t("Kom ook")), id="kom-ook"
            ),
            rx.el.p(S.activity["title"], lang=CONTENT_LANGUAGE, class_name="news-activity-title"),
            rx.cond(when != "", rx.el.p(when, class_name="agenda-when")),
            icon_link(
                "arrow-right",
                t("Naar de activiteit"),
                hub_href("activiteit/") + S.activity["id"],
                "second-action",
                aria_describedby="kom-ook",
            ),
            aria_labelledby="kom-ook",
            class_name="service-part news-activity",
        ),
    )


def _post() -> rx.Component:
    return rx.fragment(
        rx.cond(
            ~S.post["published"],
            rx.el.p(
                rx.icon("eye-off", size=22, aria_hidden="true"),
                rx.el.span(
                    t("Dit bericht is nog niet gepubliceerd. Alleen de schrijver en de coördinator zien het.")
                ),
                class_name="notice",
                role="status",
            ),
        ),
        rx.cond(
            S.post["photo_url"] != "",
            rx.el.img(
                src=S.post["photo_url"],
                alt=S.post["photo_alt"],
                lang=CONTENT_LANGUAGE,
                class_name="news-photo news-photo-big",
            ),
        ),
        _byline(),
        rx.el.div(
            rx.foreach(S.paragraphs, lambda text: rx.el.p(text)),
            lang=CONTENT_LANGUAGE,
            class_name="news-body own-words",
        ),
        _activity(),
        rx.cond(S.post["published"], share_buttons("post", S.post["id"])),
        back_to_news(),
    )


def back_to_news() -> rx.Component:
    return icon_link("arrow-left", t("Terug naar het nieuws"), hub_href(routes.NEWS), "back-link")


def unknown() -> rx.Component:
    """A post or general item this person cannot see: plainly, with the way to the news."""
    return rx.fragment(
        rx.el.p(t("Misschien is de link oud, of het bericht is weggehaald.")),
        link_button("newspaper", t("Naar het nieuws"), hub_href(routes.NEWS)),
    )


def heading(state: type[rx.State], title: rx.Var) -> rx.Var:
    """The page's title: the post's once found; "Dit bericht kennen wij niet" when not; "Nieuws" before."""
    return rx.cond(state.known, title, rx.cond(state.loaded, t(UNKNOWN), t(NEWS)))


def h1(state: type[rx.State], title: rx.Var) -> rx.Component:
    """The page's h1, as ``heading`` says it: the post's own title marked Dutch (``lang``), also
    on an English page, so a screen reader reads it with a Dutch voice."""
    return rx.cond(
        state.known, rx.el.span(title, lang=CONTENT_LANGUAGE), rx.cond(state.loaded, t(UNKNOWN), t(NEWS))
    )


@hub_page_at(
    routes.NEWS_POST,
    S.load,
    ShareState.load,
    heading=h1(S, S.post["title"]),
    title=heading(S, S.post["title"]),
    section=t(NEWS),
)
def news_post() -> rx.Component:
    return rx.cond(S.known, _post(), rx.cond(S.loaded, unknown()))
