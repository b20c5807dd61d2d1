"""An activity as the search index holds it (services.search.index): "café" finds the
Mantelzorgcafé, "cursus" the Mantelzorgacademie's evenings.

Every change to an activity (the demo, the organiser's form) calls ``index`` in the same commit;
an activity that is cancelled, or whose last date has ended, leaves the index.
"""

from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, ActivityKind, SearchDocument
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.calendar import bookings, schedule
from mantelzorg_app.services.calendar.vocabulary import AUDIENCE_LABELS, KIND_ICONS, KIND_LABELS
from mantelzorg_app.services.search import index as search_index

KIND = "activity"
# The words that find a kind, in Dutch and English as people type them (not shown): the label
# "Mantelzorgcafé" is one word, so "café" needs its own.
KIND_WORDS: dict[str, str] = {
    ActivityKind.cafe: "café cafe koffie ontmoeten lotgenoten praten coffee meet",
    ActivityKind.walk_in: "inloop spreekuur binnenlopen vragen consulent walk-in drop-in",
    ActivityKind.course: "cursus mantelzorgacademie academie training les leren vorming course",
    ActivityKind.network: "netwerk bijeenkomst inn-formeel network meeting",
    ActivityKind.day: "dag mantelzorg waardering cadeau feest day gift",
    ActivityKind.other: "activiteit activity",
}


def document_of(activity: Activity) -> search_index.Document:
    return search_index.Document(
        kind=KIND,
        ref=str(activity.id),
        title=activity.title,
        summary=activity.summary,
        icon=KIND_ICONS.get(activity.kind, "calendar-days"),
        wijk_ids=str(activity.wijk_id) if activity.wijk_id else "",
        body=(
            KIND_LABELS.get(activity.kind, ""),
            KIND_WORDS.get(activity.kind, ""),
            AUDIENCE_LABELS.get(activity.audience, ""),
            activity.for_whom,
            activity.place,
            activity.address,
            activity.organiser_name,
        ),
    )


def goes_on(session: Session, activity: Activity, now: datetime) -> bool:
    """Not cancelled, and a date of it has not ended yet (``schedule.goes_on``)."""
    changes, zone = bookings.changes_of(session, activity.id), bookings.zone_of(session, activity)
    return schedule.goes_on(activity, changes, zone, now)


def index(session: Session, activity: Activity, now: datetime | None = None) -> bool:
    """Puts the activity in its hub's index, or takes it out when it no longer goes on; whether
    it is in."""
    session.flush()  # the activity has its id
    if not goes_on(session, activity, now or utcnow()):
        unindex(session, activity)
        return False
    search_index.put(session, activity.hub_id, document_of(activity))
    return True


def unindex(session: Session, activity: Activity) -> None:
    search_index.remove(session, activity.hub_id, KIND, str(activity.id))


def index_all(session: Session, now: datetime | None = None) -> int:
    """Every hub's activities put in the index again, or taken out when they no longer go on
    (manage migrate: idempotent); the number that go on. Commits nothing."""
    at = now or utcnow()
    activities = session.exec(select(Activity).order_by(col(Activity.id))).all()
    return sum(index(session, activity, at) for activity in activities)


def unindex_ended(session: Session, now: datetime) -> int:
    """Housekeeping: takes out of the index every activity that no longer goes on (its last date
    has ended, or it is gone); how many. Commits."""
    rows = session.exec(select(SearchDocument).where(SearchDocument.kind == KIND)).all()
    gone = 0
    for row in rows:
        activity = session.get(Activity, int(row.ref)) if row.ref.isdigit() else None
        if activity is None or not goes_on(session, activity, now):
            session.delete(row)
            gone += 1
    session.commit()
    return gone
