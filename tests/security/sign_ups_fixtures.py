"""Agenda rows for the organiser's list in the security tests: in each demo hub an activity no
professional organises (only the hub's coordinator may see its list), with one booking by phone."""

from datetime import timedelta

import reflex as rx
from sqlmodel import select

TITLE = "Lijstproef"


def listed(slug: str) -> dict:
    """The hub's test activity (weekly from next week, 10 places), made once per test: its id, the
    key of its first date and the id of a live booking by phone on that date."""
    from mantelzorg_app.models import Activity, ActivityKind, Booking, BookingStatus, Hub
    from mantelzorg_app.models.base import utcnow
    from mantelzorg_app.services.calendar.recurrence import key

    with rx.session() as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        activity = session.exec(
            select(Activity).where(Activity.hub_id == hub_id, Activity.title == TITLE)
        ).first()
        if activity is None:
            now = utcnow().replace(minute=0, second=0, microsecond=0)
            activity = Activity(
                hub_id=hub_id,
                kind=ActivityKind.cafe,
                title=TITLE,
                place="Bibliotheek",
                starts_at=now + timedelta(days=7),
                rrule="FREQ=WEEKLY;COUNT=4",
                capacity=10,
            )
            session.add(activity)
            session.flush()
            session.add(
                Booking(
                    activity_id=activity.id,
                    occurrence=activity.starts_at,
                    name="Els",
                    phone="06 12345678",
                    status=BookingStatus.booked,
                    created_at=now,
                )
            )
            session.commit()
            session.refresh(activity)
        booking_id = session.exec(select(Booking.id).where(Booking.activity_id == activity.id)).first()
        return {"activity": activity.id, "key": key(activity.starts_at), "booking": booking_id}


def phone_form(slug: str, name: str = "Henk") -> dict:
    """ "Iemand aanmelden die belde" for the hub's test activity, as the page sends it."""
    found = listed(slug)
    return {
        "activiteit": str(found["activity"]),
        "datum": found["key"],
        "name": name,
        "phone": "033 123 45 67",
    }
