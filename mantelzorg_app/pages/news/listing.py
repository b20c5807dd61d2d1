"""The Nieuws page at /[hub]/nieuws: "Uit uw wijk", "Uit {hub}", then "Algemeen nieuws"; each a
list of big cards (the photo with its description, the title as the link, two lines of summary, the
day in words and the source), "Meer berichten" ("Meer nieuws" for the general news) when there are
more. Wijk chips choose the wijk of the first section (kept in the address, ?wijk=). Below: for a
trekker or the coordinator the way to write ("Zelf schrijven"), then, small, the hub's news feed for
who uses a news reader. The posts' and items' own words are marked Dutch (``lang``), also on an
English page, so a screen reader and "Lees voor" read them with a Dutch voice. Home shows the newest
local post with the same card (``newest_news``)."""

import reflex as rx

from components.choices import choice_button, choice_buttons
from components.controls import icon_link, row_button
from mantelzorg_app import routes
from mantelzorg_app.pages.layout import hub_href
from mantelzorg_app.pages.shape import hub_page_at
from mantelzorg_app.services.news.listing import CONTENT_LANGUAGE
from mantelzorg_app.services.platform.i18n import N_
from state.hub import HubState
from state.news.listing import ALL
from state.news.listing import NewestNewsState as H
from state.news.listing import NewsState as S
from state.ui import UiState, fill, t

HEADING = N_("Nieuws")


def news_card(card: rx.Var) -> rx.Component:
    """One post or general item as a big card; the whole card is the link to its page (the title
    names the link). Home shows its card the same way."""
    return rx.el.article(
        rx.cond(
            card["photo_url"] != "",
            rx.el.img(
                src=card["photo_url"],
                alt=card["photo_alt"],
                lang=CONTENT_LANGUAGE,
                class_name="news-photo",
                loading="lazy",
                decoding="async",
            ),
        ),
        rx.el.h3(
            rx.el.a(card["title"], href=hub_href() + "/" + card["part"], class_name="news-link"),
            lang=CONTENT_LANGUAGE,
            class_name="news-title",
        ),
        rx.cond(
            card["summary"] != "",
            rx.el.p(card["summary"], lang=CONTENT_LANGUAGE, class_name="news-summary"),
        ),
        rx.el.p(
            rx.el.span(card["day"][UiState.lang]),
            rx.el.span(card["source"][UiState.lang], class_name="news-source"),
            class_name="news-meta",
        ),
        class_name="news-card",
    )


def _heading(section: rx.Var) -> rx.Var:
    return fill(t(section["heading"]), wijk=section["wijk"], hub=section["hub"])


def _empty(section: rx.Var) -> rx.Component:
    return rx.el.p(
        rx.match(
            section["name"],
            ("wijk", t("Uit deze wijk is er nog geen nieuws.")),
            ("general", t("Er is nog geen algemeen nieuws.")),
            t("Er is nog geen nieuws."),
        ),
        class_name="hint",
    )


def _section(section: rx.Var) -> rx.Component:
    heading_id = "nieuws-" + section["name"]
    return rx.el.section(
        rx.el.h2(_heading(section), id=heading_id),
        rx.cond(
            section["cards"].length() > 0,
            rx.el.ul(
                rx.foreach(section["cards"], lambda card: rx.el.li(news_card(card))),
                class_name="news-cards",
            ),
            _empty(section),
        ),
        rx.cond(
            section["more"],
            row_button(
                "chevron-down",
                rx.cond(section["name"] == "general", t("Meer nieuws"), t("Meer berichten")),
                S.more(section["name"]),
                aria_describedby=heading_id,
            ),
        ),
        aria_labelledby=heading_id,
        class_name="news-section",
    )


def _chips() -> rx.Component:
    """The wijk chips, folded away under "Kies een wijk" so the news comes first on a phone."""
    return rx.cond(
        S.wijken.length() > 0,
        rx.el.details(
            rx.el.summary(
                rx.icon("map-pin", size=24, aria_hidden="true"),
                rx.el.span(t("Kies een wijk")),
            ),
            rx.el.div(
                choice_buttons(
                    t("Nieuws uit welke wijk?"),
                    rx.foreach(
                        S.wijken,
                        lambda chip: choice_button(
                            "map-pin",
                            chip["label"],
                            S.wijk == chip["value"],
                            S.choose_wijk(chip["value"]),
                            single=True,
                        ),
                    ),
                    choice_button("map", t("Alle wijken"), S.wijk == ALL, S.choose_wijk(ALL), single=True),
                    compact=True,
                    single=True,
                ),
                class_name="agenda-chips",
            ),
            class_name="filters",
            data_noread="",
        ),
    )


def _write() -> rx.Component:
    """Below the news, for a trekker or the coordinator: the ways to write (and to check)."""
    return rx.cond(
        S.writer | S.coordinator,
        rx.el.section(
            rx.el.h2(t("Zelf schrijven"), id="nieuws-schrijven"),
            rx.cond(
                S.writer,
                rx.fragment(
                    icon_link(
                        "pencil", t("Schrijf een bericht"), hub_href(routes.NEWS_WRITE), "second-action"
                    ),
                    icon_link("files", t("Mijn berichten"), hub_href(routes.NEWS_MINE), "second-action"),
                ),
            ),
            rx.cond(
                S.coordinator,
                icon_link(
                    "shield-check", t("Nieuws controleren"), hub_href(routes.NEWS_MODERATION), "second-action"
                ),
            ),
            aria_labelledby="nieuws-schrijven",
            class_name="agenda-more",
        ),
    )


def _follow() -> rx.Component:
    """Last and small: the hub's news feed, for who uses a news reader (to others it is raw text)."""
    return rx.el.section(
        rx.el.h2(t("Voor wie een nieuwslezer gebruikt"), id="nieuws-volgen"),
        rx.el.p(
            t("Zet deze link in uw nieuwslezer. Dan ziet u nieuwe berichten vanzelf."),
            class_name="hint",
        ),
        # the browser fetches the feed (a news reader offers to follow it), not the client-side router
        icon_link(
            "rss",
            t("Volg dit nieuws"),
            "/feeds/" + HubState.slug + "/nieuws.rss",
            "service-link",
            reload_document=True,
        ),
        aria_labelledby="nieuws-volgen",
        class_name="news-follow",
    )


@hub_page_at(routes.NEWS, S.load, heading=t(HEADING))
def news() -> rx.Component:
    return rx.fragment(
        rx.el.p(
            t("Wat gebeurt er bij u in de buurt? Tik op een bericht om het te lezen."), class_name="intro"
        ),
        _chips(),
        rx.foreach(S.sections, _section),
        _write(),
        _follow(),
    )


def newest_news() -> rx.Component:
    """Home's card of the newest local post, with the way to all the news."""
    return rx.cond(
        H.card["id"] != "",
        rx.el.section(
            rx.el.h2(t("Nieuws uit de buurt"), id="home-nieuws"),
            news_card(H.card),
            icon_link("newspaper", t("Bekijk al het nieuws"), hub_href(routes.NEWS), "second-action"),
            aria_labelledby="home-nieuws",
            class_name="home-agenda",
        ),
    )
