"""Every page module, named once, in the order the app adds its pages: ``PAGES``.

An explicit list, not a walk of the package: a reader sees the whole app's pages in one place, the
order the app adds them stays fixed whatever was imported first, and a helper module (``layout``,
``shape``, ``help/parts``) is never taken for a page. It lives here and not in ``pages/__init__``,
so that importing one page module (``identity/confirm``, which the sign-in routes serve) does not
import every page. A new page module is added to ``MODULES`` and its routes to the table in
tests/unit/test_pages.py; one imported from elsewhere but missing here stops the app at start.
"""

from types import ModuleType

from mantelzorg_app.pages import home, not_yet, search, start
from mantelzorg_app.pages.calendar import activity as calendar_activity
from mantelzorg_app.pages.calendar import agenda as calendar_agenda
from mantelzorg_app.pages.calendar import editing as calendar_editing
from mantelzorg_app.pages.calendar import manage as calendar_manage
from mantelzorg_app.pages.calendar import mine as calendar_mine
from mantelzorg_app.pages.calendar import month as calendar_month
from mantelzorg_app.pages.calendar import sign_ups as calendar_sign_ups
from mantelzorg_app.pages.chat import conversation as chat_conversation
from mantelzorg_app.pages.chat import listing as chat_listing
from mantelzorg_app.pages.chat import moderation as chat_moderation
from mantelzorg_app.pages.directory import kaart, manage, partner, service, who
from mantelzorg_app.pages.help import (
    coordination,
    helping,
    request_form,
    requests,
    thread,
    volunteer_profile,
    wegwijzer,
)
from mantelzorg_app.pages.identity import account, sign_in, sign_up
from mantelzorg_app.pages.news import item as news_item
from mantelzorg_app.pages.news import listing as news_listing
from mantelzorg_app.pages.news import mine as news_mine
from mantelzorg_app.pages.news import moderation as news_moderation
from mantelzorg_app.pages.news import post as news_post
from mantelzorg_app.pages.news import sources as news_sources
from mantelzorg_app.pages.news import writing as news_writing
from mantelzorg_app.pages.shape import Page, registered

MODULES: tuple[ModuleType, ...] = (
    start,
    home,
    wegwijzer,
    request_form,
    requests,
    helping,
    volunteer_profile,
    thread,
    sign_in,
    sign_up,
    account,
    coordination,
    kaart,
    service,
    search,
    who,
    manage,
    partner,
    chat_listing,
    chat_conversation,
    chat_moderation,
    calendar_agenda,
    calendar_month,
    calendar_activity,
    calendar_mine,
    calendar_sign_ups,
    calendar_manage,
    calendar_editing,
    news_listing,
    news_post,
    news_item,
    news_sources,
    news_writing,
    news_mine,
    news_moderation,
    not_yet,
)


def pages_of(modules: tuple[ModuleType, ...]) -> tuple[Page, ...]:
    """The pages the modules registered, module by module; refuses a page from a module not listed."""
    names = [module.__name__ for module in modules]
    unlisted = sorted({page.module for page in registered()} - set(names))
    if unlisted:
        raise RuntimeError(f"list these page modules in mantelzorg_app/pages/registry.py: {unlisted}")
    return tuple(page for name in names for page in registered() if page.module == name)


PAGES = pages_of(MODULES)
