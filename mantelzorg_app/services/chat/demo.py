"""The demo's conversations: every hub's rooms, a few friendly messages in Leusden's online
Mantelzorgcafé and its Centrum room, Anna and Carla's 1:1 about a matched help request, and two
messages in Poperinge's café in Flemish words.

Everyone in them is a demo person (services.demo); no message holds a name, a number or an
address of anyone real. Each member has read up to their own last message (so a demo shows
unread counts), and no unread mail is due for any of them (``mailed_seq``).
"""

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from mantelzorg_app.models import (
    ChatMember,
    ChatMessage,
    Conversation,
    HelpOffer,
    HelpRequest,
    Hub,
    Kind,
    OfferStatus,
    Status,
)
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.help import follow_ups
from mantelzorg_app.services.help.requests import EXAMPLES

# (first name, hours ago, text): oldest first
Lines = tuple[tuple[str, float, str], ...]

LEUSDEN_CAFE: Lines = (
    ("Eva", 100, "Goedemorgen allemaal! Ik ben nieuw hier. Ik zorg voor mijn moeder."),
    ("Bram", 98, "Welkom, Eva! Fijn dat je er bent. Hoe gaat het met je moeder?"),
    ("Eva", 75, "Het gaat wel. Ze vergeet steeds meer. Soms vind ik dat zwaar."),
    ("Anna", 52, "Dat herken ik. Mijn man vergeet ook veel. Praten met anderen helpt mij echt."),
    ("Gerrit", 26, "Donderdagochtend is er weer koffie in de bibliotheek. Iedereen is welkom!"),
    ("Bram", 5, "Ik kom ook. Tot donderdag!"),
)
LEUSDEN_CENTRUM: Lines = (
    ("Carla", 70, "Weet iemand of de markt zaterdag weer op het plein staat?"),
    ("Anna", 68, "Ja, vanaf 8 uur. Ik ga er met mijn man naartoe."),
    ("Carla", 67, "Fijn, dan zie ik jullie daar misschien."),
)
ANNA_AND_CARLA: Lines = (
    ("Carla", 30, "Hallo Anna, ik ben Carla. Ik doe graag de boodschappen voor u."),
    ("Anna", 29, "Wat fijn! Kunt u donderdagmiddag?"),  # no one else's name in her AVG export
    ("Carla", 28, "Ja, dat kan. Ik kom om twee uur bij u langs. Wilt u een lijstje klaarleggen?"),
    ("Anna", 27, "Doe ik. Tot donderdag!"),
)
POPERINGE_CAFE: Lines = (
    ("Hilde", 40, "Dag allemaal! Heeft er iemand goesting om ne keer samen te gaan wandelen rond Watou?"),
    ("Ivo", 36, "Goed idee, Hilde! Ik ben vrij op woensdagnamiddag. Tot dan!"),
)
REQUEST = ("boodschappen", 0)  # Anna's request Carla helps with: its category and example sentence


def load_chat(session: Session, hub: Hub, people: dict[str, int], wijk_ids: dict[str, int]) -> None:
    """The hub's rooms, and its demo conversations when it is one of the demo hubs (by slug)."""
    now = utcnow()
    conversations.ensure_rooms(session, hub.id, now)
    cafe = session.exec(
        select(Conversation).where(
            Conversation.hub_id == hub.id, Conversation.kind == Kind.room, col(Conversation.wijk_id).is_(None)
        )
    ).one()
    if hub.slug == "leusden":
        _fill(session, cafe, people, LEUSDEN_CAFE, now)
        centrum = session.exec(
            select(Conversation).where(
                Conversation.hub_id == hub.id, Conversation.wijk_id == wijk_ids["Centrum"]
            )
        ).one()
        _fill(session, centrum, people, LEUSDEN_CENTRUM, now)
        pair = _matched_request(session, hub, people["Anna"], people["Carla"], wijk_ids["Centrum"], now)
        _fill(session, pair, people, ANNA_AND_CARLA, now)
    elif hub.slug == "poperinge":
        _fill(session, cafe, people, POPERINGE_CAFE, now)


def _matched_request(
    session: Session, hub: Hub, caregiver_id: int, volunteer_id: int, wijk_id: int, now: datetime
) -> Conversation:
    """The caregiver's request, matched with the volunteer as a yes to "Ik help" leaves it (the
    offer accepted, the agreed moment and its follow-ups), and its conversation with the two."""
    category, example = REQUEST
    asked = now - timedelta(days=3)
    request = HelpRequest(
        hub_id=hub.id,
        caregiver_id=caregiver_id,
        category=category,
        text=EXAMPLES[category][example],
        wijk_id=wijk_id,
        days="donderdag",
        dayparts="middag",
        recurring=True,
        status=Status.matched,
        volunteer_id=volunteer_id,
        created_at=asked,
    )
    session.add(request)
    session.flush()
    matched = now - timedelta(hours=31)
    session.add(
        HelpOffer(
            request_id=request.id,
            volunteer_id=volunteer_id,
            status=OfferStatus.accepted,
            created_at=asked + timedelta(hours=20),
            answered_at=matched,
        )
    )
    follow_ups.plan(session, request, volunteer_id, matched)
    session.add(request)
    conversation = Conversation(hub_id=hub.id, kind=Kind.pair, request_id=request.id, created_at=matched)
    session.add(conversation)
    session.flush()
    return conversation


def _fill(session: Session, conversation: Conversation, people: dict[str, int], lines: Lines, now: datetime):
    """The messages numbered 1..n, the conversation's last number and moment, and each author a
    member (joined an hour before their first message) who has read up to their own last one."""
    read: dict[int, int] = {}
    joined: dict[int, datetime] = {}
    for seq, (name, hours_ago, text) in enumerate(lines, start=1):
        at, author = now - timedelta(hours=hours_ago), people[name]
        session.add(
            ChatMessage(
                conversation_id=conversation.id,
                seq=seq,
                local_id=f"demo-{seq}",
                author_id=author,
                text=text,
                created_at=at,
            )
        )
        read[author] = seq
        joined.setdefault(author, at - timedelta(hours=1))
    conversation.last_seq = len(lines)
    conversation.last_message_at = now - timedelta(hours=lines[-1][1])
    session.add(conversation)
    for author, seq in read.items():
        session.add(
            ChatMember(
                conversation_id=conversation.id,
                person_id=author,
                read_seq=seq,
                mailed_seq=len(lines),  # no "Er is een bericht voor u" mail for the demo's messages
                joined_at=joined[author],
            )
        )
    session.flush()
