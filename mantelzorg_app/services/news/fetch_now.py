"""'Nu ophalen' on the coordinator's feeds page: the hub's feeds fetched now, each at most once a minute.

``check`` asks the database whether the actor is the hub's coordinator and whether any feed of the
hub is due (not tried in the last minute, by this page, another tab or the hourly job): no feed, or
none due, is a plain NotPossible before anything starts. ``run`` (away from the event loop: it
fetches over the network) fetches the due feeds with ``importing.fetch_all``, whose conditional
claim per feed makes two taps at once (two tabs, two workers) fetch each feed once, and says how it
went in one sentence.
"""

from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from mantelzorg_app.models import NewsFeed, Role
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.news import importing
from mantelzorg_app.services.news.posts import NotPossible
from mantelzorg_app.services.platform.i18n import N_

AGAIN_AFTER = timedelta(minutes=1)
ACTION = "news-fetch-now"

NO_FEEDS = N_("Er zijn nog geen bronnen. Voeg eerst een bron toe.")
JUST_DONE = N_("De bronnen zijn net opgehaald. Probeer het over een minuut weer.")
ALL_WENT_WELL = N_("Klaar. Het nieuws van alle bronnen is opgehaald.")
ONE_WENT_WRONG = N_("Klaar. Bij 1 bron ging het mis. Hieronder staat wat er mis ging.")
SOME_WENT_WRONG = N_("Klaar. Bij {n} bronnen ging het mis. Hieronder staat wat er mis ging.")


def _count(session: Session, hub_id: int, *where) -> int:
    return session.exec(
        select(func.count()).select_from(NewsFeed).where(NewsFeed.hub_id == hub_id, *where)
    ).one()


def check(session: Session, actor: Actor, now: datetime) -> None:
    """Nothing when a fetch may start now; NotPossible (NO_FEEDS, JUST_DONE) when not."""
    if not actor.has(Role.coordinator):
        refuse(session, ACTION, actor.hub_id, actor.person_id, "not the coordinator")
    if _count(session, actor.hub_id, importing.not_tried_since(now - AGAIN_AFTER)):
        return
    raise NotPossible(JUST_DONE if _count(session, actor.hub_id) else NO_FEEDS)


def run(session: Session, hub_id: int, now: datetime, **fetch_all_options) -> tuple[str, int]:
    """Fetches the hub's due feeds; what to say (a msgid) with the number of feeds that went wrong."""
    outcomes = importing.fetch_all(session, now, hub_id, not_tried_within=AGAIN_AFTER, **fetch_all_options)
    if not outcomes:  # another tab or worker took them all meanwhile
        return JUST_DONE, 0
    wrong = sum(1 for outcome in outcomes if outcome.error)
    return (ALL_WENT_WELL, 0) if not wrong else (ONE_WENT_WRONG if wrong == 1 else SOME_WENT_WRONG, wrong)
