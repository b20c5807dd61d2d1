"""The pictograms of names held in state, for any page: one list of the icon names a row may carry.

``rx.icon`` needs its name when the page is built (``components.icons.matched_icon``), so a name
that only the state knows is matched against the names below: a sociale kaart category's own
pictogram, and those of the app's pages, the agenda's activities and the news posts Zoeken finds."""

import reflex as rx

from components.icons import matched_icon
from mantelzorg_app.services.calendar.vocabulary import KIND_ICONS
from mantelzorg_app.services.directory.taxonomy import CATEGORIES
from mantelzorg_app.services.news.indexing import ICON as POST_ICON
from mantelzorg_app.services.search.app_pages import PAGES

FALLBACK = "map-pinned"  # the sociale kaart's own tile on Home
BY_CATEGORY = {c.value: c.icon for c in CATEGORIES}
# Every icon name a row in state may hold: a category's (a service's), an app page's, an activity's
# or a news post's.
ICONS = sorted({*BY_CATEGORY.values(), *(p.icon for p in PAGES), *KIND_ICONS.values(), POST_ICON})


def category_icon(value: rx.Var, size: int = 24) -> rx.Component:
    """The pictogram of the category ``value`` (a category's value, such as "vervoer")."""
    return matched_icon(value, BY_CATEGORY, FALLBACK, size)


def named_icon(name: rx.Var, fallback: str, size: int = 24) -> rx.Component:
    """The pictogram called ``name`` (a Lucide name from ICONS); any other name shows ``fallback``."""
    return matched_icon(name, {icon: icon for icon in ICONS}, fallback, size)
