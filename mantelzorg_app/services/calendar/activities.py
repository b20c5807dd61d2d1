"""A hub's activities as people look for them: the dates in a stretch of time (filtered by kind and
wijk), the next one of a kind, one activity, who organises it, and a date in words.

"Deze week" and "Volgende week" are weeks on the hub's clock, Monday to Sunday, as people in the
Netherlands and Flanders count them; the rest is grouped by month (``groups``).
"""

import urllib.parse
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, ActivityChange, ActivityHost, Hub, Role
from mantelzorg_app.services.calendar import recurrence
from mantelzorg_app.services.calendar.recurrence import Occurrence
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import database, dates, i18n
from mantelzorg_app.services.platform.i18n import N_

# how far the Agenda tab looks ahead: a year and a little, so the yearly Dag van de Mantelzorg shows
AHEAD = timedelta(days=370)
WHEN = N_("{day}, {time}")  # "dinsdag 3 december, 14.00 uur"
WHEN_UNTIL = N_("{day}, {start} tot {end}")  # "dinsdag 3 december, 14.00 tot 16.00 uur"
THIS_WEEK = N_("Deze week")
NEXT_WEEK = N_("Volgende week")
MAP_SEARCH = "https://www.openstreetmap.org/search?query="


@dataclass(frozen=True)
class Dated:
    """One date of an activity, with the activity."""

    activity: Activity
    date: Occurrence


def one(session: Session, hub_id: int, activity_id: object) -> Activity | None:
    """The hub's activity with this id (any value a browser sent), or None: also for another hub's."""
    activity = database.row(session, Activity, database.id_of(activity_id))
    return activity if activity is not None and activity.hub_id == hub_id else None


def changes_by_activity(session: Session, activity_ids: list[int]) -> dict[int, list[ActivityChange]]:
    found: dict[int, list[ActivityChange]] = {i: [] for i in activity_ids}
    if activity_ids:
        rows = session.exec(select(ActivityChange).where(col(ActivityChange.activity_id).in_(activity_ids)))
        for change in rows:
            found[change.activity_id].append(change)
    return found


def dated(
    session: Session,
    hub: Hub,
    start: datetime,
    end: datetime,
    kinds: tuple[str, ...] = (),
    wijk_id: int | None = None,
) -> list[Dated]:
    """Every date in [start, end) of the hub's activities that go on, in order of start; only
    ``kinds`` when given, only the wijk's and the whole hub's when a wijk is given."""
    query = select(Activity).where(
        Activity.hub_id == hub.id,
        col(Activity.cancelled_at).is_(None),
        Activity.starts_at < end + timedelta(days=366),  # a moved date may come later than its name
    )
    if kinds:
        query = query.where(col(Activity.kind).in_(kinds))
    if wijk_id is not None:
        query = query.where((Activity.wijk_id == wijk_id) | col(Activity.wijk_id).is_(None))
    activities = list(session.exec(query.order_by(col(Activity.id))).all())
    changes = changes_by_activity(session, [a.id for a in activities])
    found = [
        Dated(activity, occurrence)
        for activity in activities
        for occurrence in recurrence.occurrences(activity, changes[activity.id], hub.timezone, start, end)
    ]
    return sorted(found, key=lambda d: (d.date.starts_at, d.activity.id))


def next_of_kind(session: Session, hub: Hub, kind: str, now: datetime) -> Dated | None:
    """The next date of this kind that has not begun."""
    found = dated(session, hub, now, now + AHEAD, (kind,))
    return found[0] if found else None


def next_any(session: Session, hub: Hub, now: datetime) -> Dated | None:
    """The next date of any activity for caregivers or everyone (Home's card)."""
    found = dated(session, hub, now, now + AHEAD)
    return next((d for d in found if d.activity.audience in ("caregivers", "everyone")), None)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def groups(items: list[Dated], zone: str, now: datetime) -> list[tuple[str, dict[str, str], list[Dated]]]:
    """The dates under their headings, in order: ("this-week", {lang: "Deze week"}, [...]),
    ("next-week", ...), then ("2027-01", {lang: "januari 2027"}, [...]) per month after that. A
    heading with no dates is left out."""
    monday = week_start(dates.local(now, zone).date())
    after_next = monday + timedelta(days=14)
    found: dict[str, tuple[dict[str, str], list[Dated]]] = {}
    for item in items:
        day = dates.local(item.date.starts_at, zone).date()
        if day < monday + timedelta(days=7):
            name, words = "this-week", _all(THIS_WEEK)
        elif day < after_next:
            name, words = "next-week", _all(NEXT_WEEK)
        else:
            name, words = f"{day:%Y-%m}", month_in_words_all(day)
        found.setdefault(name, (words, []))[1].append(item)
    return [(name, words, listed) for name, (words, listed) in found.items()]


def _all(msgid: str) -> dict[str, str]:
    return {lang: i18n.gettext(lang, msgid) for lang in i18n.LANGUAGES}


def month_in_words_all(day: date) -> dict[str, str]:
    """ "december 2026" in every language."""
    return {lang: format_date(day, "MMMM y", locale=lang) for lang in i18n.LANGUAGES}


def when_in_words(occurrence: Occurrence, zone: str, lang: str, *, until: bool = False) -> str:
    """ "dinsdag 3 december, 14.00 uur" (with ``until``: "..., 14.00 tot 16.00 uur")."""
    start, end = dates.local(occurrence.starts_at, zone), dates.local(occurrence.ends_at, zone)
    day = dates.day_in_words(start.date(), lang)
    if not until:
        return i18n.gettext(lang, WHEN, day=day, time=dates.clock_in_words(start.hour, start.minute, lang))
    return i18n.gettext(
        lang,
        WHEN_UNTIL,
        day=day,
        start=dates.clock_in_words(start.hour, start.minute, lang, unit=False),
        end=dates.clock_in_words(end.hour, end.minute, lang),
    )


def when_in_words_all(occurrence: Occurrence, zone: str, *, until: bool = False) -> dict[str, str]:
    return {lang: when_in_words(occurrence, zone, lang, until=until) for lang in i18n.LANGUAGES}


def hosts(session: Session, activity_id: int, occurrence: datetime) -> list[ActivityHost]:
    """Who is present on this date: those of every date and those of this one."""
    return list(
        session.exec(
            select(ActivityHost)
            .where(
                ActivityHost.activity_id == activity_id,
                col(ActivityHost.occurrence).is_(None) | (ActivityHost.occurrence == occurrence),
            )
            .order_by(col(ActivityHost.role), col(ActivityHost.first_name))
        ).all()
    )


def map_link(activity: Activity) -> str:
    """A map of the address (OpenStreetMap's search); "" without an address."""
    return MAP_SEARCH + urllib.parse.quote(activity.address) if activity.address else ""


def may_organise(actor: Actor | None, activity: Activity | None = None) -> bool:
    """The hub's coordinator organises every activity; a professional the ones they organise, and
    may make new ones (``activity`` None)."""
    if actor is None:
        return False
    if activity is not None and activity.hub_id != actor.hub_id:
        return False
    if actor.has(Role.coordinator):
        return True
    if not actor.has(Role.professional):
        return False
    return activity is None or activity.organiser_id == actor.person_id


def local_day_start(day: date, zone: str) -> datetime:
    """Midnight at the start of ``day`` on the hub's clock, as an aware moment."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone))
