"""One post at /[hub]/nieuws/[bericht]: its title, photo, text in paragraphs, day, writer and wijk,
and the activity it points to ("Kom ook").

Public to read once it is published. The id in the address is the browser's word: services.news
.listing.post_view finds it only in the hub the server looked up, and before it is published only
for its writer and the coordinator (``posts.may_see``, with the person from the session cookie), so
a draft, another hub's id or any junk reads "Dit bericht kennen wij niet".
"""

from typing import TypedDict

import reflex as rx

from mantelzorg_app.models import Hub
from mantelzorg_app.services.news import listing
from state.auth import current_actor, now
from state.client import page_argument
from state.hub import hub_id_of
from state.inputs import as_id
from state.ui import show


class PostFacts(TypedDict):
    id: str
    title: str
    writer: str  # the writer's first name, "" when their account is gone
    wijk: str  # "" for the whole hub
    day: dict[str, str]  # by language
    source: dict[str, str]  # "Trekkersgroep Centrum", by language
    photo_url: str
    photo_alt: str
    published: bool  # False: its writer or the coordinator looks at it before it is out


class ActivityFacts(TypedDict):
    id: str  # "" when the post points to none
    title: str
    when: dict[str, str]  # its next date by language; "" in each when none is coming


NO_POST: PostFacts = {
    "id": "",
    "title": "",
    "writer": "",
    "wijk": "",
    "day": {},
    "source": {},
    "photo_url": "",
    "photo_alt": "",
    "published": False,
}
NO_ACTIVITY: ActivityFacts = {"id": "", "title": "", "when": {}}


class PostState(rx.State):
    loaded: bool = False
    known: bool = False
    post: PostFacts = NO_POST
    paragraphs: list[str] = []
    activity: ActivityFacts = NO_ACTIVITY

    @rx.event
    async def load(self):
        hub_id = await hub_id_of(self)
        actor = await current_actor(self)
        post_id = as_id(page_argument(self, "bericht"))
        with rx.session() as session:
            hub = session.get(Hub, hub_id) if hub_id is not None else None
            seen = listing.post_view(session, hub, actor, post_id, now()) if hub and post_id else None
        if seen is None:
            show(self, known=False, post=NO_POST, paragraphs=[], activity=NO_ACTIVITY, loaded=True)
            return
        facts: PostFacts = {
            "id": str(seen.id),
            "title": seen.title,
            "writer": seen.writer,
            "wijk": seen.wijk,
            "day": seen.day,
            "source": seen.source,
            "photo_url": seen.photo_url,
            "photo_alt": seen.photo_alt,
            "published": seen.published,
        }
        linked = seen.activity
        activity: ActivityFacts = (
            {"id": str(linked.id), "title": linked.title, "when": linked.when} if linked else NO_ACTIVITY
        )
        show(self, known=True, post=facts, paragraphs=seen.paragraphs, activity=activity, loaded=True)
