"""The agenda's iCalendar routes on the production server (single port, behind the app's own
middleware): a calendar app's request gets the feed, a second one a 304, and the download its file."""

import httpx
import icalendar
from sqlmodel import Session, col, select

from mantelzorg_app.models import Activity, Hub
from mantelzorg_app.services.platform.database import engine
from tests.support.server import RunningApp

THUNDERBIRD = {"accept": "text/calendar,text/x-vcalendar,application/calendar+xml;q=0.9,*/*;q=0.8"}


def test_a_calendar_app_subscribes_to_the_hub_feed(app: RunningApp):
    url = f"{app.url}/feeds/leusden/agenda.ics"
    response = httpx.get(url, headers=THUNDERBIRD, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE") and calendar.walk("VEVENT")
    assert any("RRULE" in event for event in calendar.walk("VEVENT"))
    assert all(str(e["URL"]).startswith(f"{app.url}/leusden/activiteit/") for e in calendar.walk("VEVENT"))
    again = httpx.get(url, headers={**THUNDERBIRD, "if-none-match": response.headers["etag"]}, timeout=30)
    assert again.status_code == 304
    assert httpx.get(f"{app.url}/feeds/nergens/agenda.ics", timeout=30).status_code == 404


def test_one_activity_downloads_as_a_file(app: RunningApp):
    with Session(engine(app.db_url)) as session:
        hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
        activity = session.exec(
            select(Activity).where(Activity.hub_id == hub.id, col(Activity.cancelled_at).is_(None))
        ).first()
    response = httpx.get(f"{app.url}/feeds/leusden/activiteit/{activity.id}.ics", timeout=30)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment;")
    (master,) = [
        e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT") if "RECURRENCE-ID" not in e
    ]
    assert str(master["SUMMARY"]) == activity.title
