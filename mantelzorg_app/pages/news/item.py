"""One general news item at /[hub]/nieuws/algemeen/[item]: the title (h1), its source and day, its
text as the source wrote it (sanitised when it was imported), its picture only as a link to tap
(a remote picture is never loaded by itself), and "Lees verder bij {source}" in a new tab. The
title and the text are marked Dutch (``lang``), like a post's."""

import reflex as rx

from components.controls import icon_link
from mantelzorg_app import routes
from mantelzorg_app.pages.news.post import NEWS, back_to_news, h1, heading, unknown
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.news.listing import CONTENT_LANGUAGE
from state.news.item import ItemState as S
from state.ui import UiState, fill, t

AWAY = {"target": "_blank", "rel": "noopener noreferrer"}  # the source's own site, in a tab of its own


def _item() -> rx.Component:
    return rx.fragment(
        rx.el.p(
            rx.el.span(
                rx.icon("calendar-days", size=22, aria_hidden="true"), rx.el.span(S.item["day"][UiState.lang])
            ),
            rx.el.span(rx.icon("newspaper", size=22, aria_hidden="true"), rx.el.span(S.item["source"])),
            class_name="news-byline",
        ),
        rx.cond(
            S.item["image_url"] != "",
            icon_link("image", t("Bekijk de foto bij de bron"), S.item["image_url"], "second-action", **AWAY),
        ),
        rx.el.div(rx.html(S.item["html"]), lang=CONTENT_LANGUAGE, class_name="news-body news-html"),
        rx.cond(
            S.item["link"] != "",
            icon_link(
                "external-link",
                fill(t("Lees verder bij {source}"), source=S.item["source"]),
                S.item["link"],
                "second-action",
                **AWAY,
            ),
        ),
        rx.el.p(
            t("Dit nieuws komt van een andere website. De Mantelzorghub schrijft het niet zelf."),
            class_name="hint",
        ),
        back_to_news(),
    )


@hub_page_at(
    routes.NEWS_ITEM,
    S.load,
    heading=h1(S, S.item["title"]),
    title=heading(S, S.item["title"]),
    section=t(NEWS),
)
def news_item() -> rx.Component:
    return rx.cond(S.known, _item(), rx.cond(S.loaded, unknown()))
