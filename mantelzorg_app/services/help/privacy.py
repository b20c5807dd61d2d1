"""What the help tables hold about one person, for the AVG export and wipe (services/privacy.py).

A wiped caregiver's requests go with everything on them. A wiped volunteer's offers and messages go;
a request they helped with opens again for others. A call-back they asked for while signed in goes
(its number is theirs). A professional who posted for a caregiver is cut
from the request, which stays the caregiver's.

The export also lists the requests the person helps (or helped) with as a volunteer, and those they
posted for someone else. Of those it holds what the person did and when: the kind of help, the wijk,
the status and the dates. Never the caregiver's name, address or postcode, nor the request's text:
that tells about the caregiver's life and is in the caregiver's own export.
"""

from datetime import datetime

from sqlmodel import Session, col, select, update
from sqlmodel import delete as delete_rows

from mantelzorg_app.models import (
    CallbackTask,
    FollowUp,
    HelpOffer,
    HelpRequest,
    Status,
    VolunteerProfile,
    Wijk,
)

# Every help table with a foreign key to person.id.
TABLES = (HelpRequest, HelpOffer, FollowUp, VolunteerProfile, CallbackTask)


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def stored(session: Session, person_id: int) -> dict:
    wijken = dict(session.exec(select(Wijk.id, Wijk.name)).all())
    requests = session.exec(
        select(HelpRequest).where(HelpRequest.caregiver_id == person_id).order_by(col(HelpRequest.id))
    ).all()
    profiles = session.exec(select(VolunteerProfile).where(VolunteerProfile.person_id == person_id)).all()
    offers = session.exec(select(HelpOffer).where(HelpOffer.volunteer_id == person_id)).all()
    follow_ups = session.exec(select(FollowUp).where(FollowUp.person_id == person_id)).all()
    callbacks = session.exec(
        select(CallbackTask).where(CallbackTask.person_id == person_id).order_by(col(CallbackTask.id))
    ).all()

    def others(*where) -> list[HelpRequest]:
        return list(session.exec(select(HelpRequest).where(*where).order_by(col(HelpRequest.id))).all())

    def about(r: HelpRequest) -> dict:
        return {"category": r.category, "wijk": wijken.get(r.wijk_id), "status": r.status}

    return {
        "help_requests": [
            {
                "category": r.category,
                "text": r.text,
                "wijk": wijken.get(r.wijk_id),
                "postcode": r.postcode,
                "days": r.days,
                "dayparts": r.dayparts,
                "recurring": r.recurring,
                "home_visit": r.home_visit,
                "status": r.status,
                "posted_for_you_by_a_professional": r.posted_by_id is not None,
                "agreed_at": _when(r.agreed_at),
                "created_at": _when(r.created_at),
            }
            for r in requests
        ],
        "volunteer_profiles": [
            {
                "categories": p.categories,
                "wijken": [wijken.get(int(w)) for w in p.wijk_ids.split()],
                "postcode": p.postcode,
                "max_km": p.max_km,
                "days": p.days,
                "dayparts": p.dayparts,
                "languages": p.languages,
                "updated_at": _when(p.updated_at),
            }
            for p in profiles
        ],
        "helping_with": [
            {**about(r), "home_visit": r.home_visit, "agreed_at": _when(r.agreed_at)}
            for r in others(HelpRequest.volunteer_id == person_id)
        ],
        "posted_for_others": [
            {**about(r), "created_at": _when(r.created_at)}
            for r in others(HelpRequest.posted_by_id == person_id, HelpRequest.caregiver_id != person_id)
        ],
        "help_offers": [{"status": o.status, "created_at": _when(o.created_at)} for o in offers],
        "follow_ups": [
            {"due_at": _when(f.due_at), "answer": f.answer, "answered_at": _when(f.answered_at)}
            for f in follow_ups
        ],
        "call_backs_asked": [
            {
                "phone": c.phone,
                "good_time": c.good_time,
                "created_at": _when(c.created_at),
                "done_at": _when(c.done_at),
            }
            for c in callbacks
        ],
    }


def forget(session: Session, person_id: int) -> None:
    """Deletes or unlinks every help row of the person, within the caller's transaction."""
    own = select(HelpRequest.id).where(HelpRequest.caregiver_id == person_id)
    for table in (HelpOffer, FollowUp):
        session.exec(delete_rows(table).where(col(table.request_id).in_(own)))
    helped = select(HelpRequest.id).where(HelpRequest.volunteer_id == person_id)
    session.exec(delete_rows(FollowUp).where(col(FollowUp.request_id).in_(helped)))
    session.exec(delete_rows(HelpOffer).where(HelpOffer.volunteer_id == person_id))
    session.exec(delete_rows(FollowUp).where(FollowUp.person_id == person_id))
    session.exec(delete_rows(VolunteerProfile).where(VolunteerProfile.person_id == person_id))
    session.exec(delete_rows(CallbackTask).where(CallbackTask.person_id == person_id))  # their number
    session.exec(delete_rows(HelpRequest).where(HelpRequest.caregiver_id == person_id))
    session.exec(
        update(HelpRequest)
        .where(HelpRequest.volunteer_id == person_id, HelpRequest.status == Status.matched)
        .values(volunteer_id=None, status=Status.open, agreed_at=None, needs_attention=False)
    )
    session.exec(update(HelpRequest).where(HelpRequest.volunteer_id == person_id).values(volunteer_id=None))
    session.exec(update(HelpRequest).where(HelpRequest.posted_by_id == person_id).values(posted_by_id=None))
