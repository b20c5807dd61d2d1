"""The photo of a post on the writing page: add it, describe it for screen readers, take it away.

The file comes through Reflex's upload (``rx.upload``) with the post's id: the handler reads at most
one byte more than ``photos.PHOTO_MAX_BYTES`` in memory and keeps nothing on disk (files under
/_upload are public). services.news.photos makes the photo (refusing what is no photo, too big, or an
image bomb, in plain words); posts.attach_photo puts it on the post. Every handler works only on the
signed-in writer's own post to edit (posts.own, checked from the database, whatever id was sent).

Adding or taking away the photo raises the post's version (posts.attach_photo), so the writing page
saves its next draft with ``await version_after_photo(self, post_id, version)``: else its next save
would be refused as changed elsewhere.
"""

import reflex as rx
from sqlmodel import Session

from mantelzorg_app.models import NewsPhoto, NewsPost, Role
from mantelzorg_app.routes import news_photo
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.news import photos, posts
from mantelzorg_app.services.news.posts import NotPossible
from state.actions import act
from state.auth import now
from state.inputs import one_file

WRITERS = (Role.trekker, Role.coordinator)
ACTION = photos.ACTION
UPLOAD_ID = "nieuws-foto"
ALT_FIELD = "foto-beschrijving"
MEGABYTES = photos.PHOTO_MAX_BYTES // (1024 * 1024)


def _editable(session: Session, actor: Actor, post_id: int) -> NewsPost:
    post = posts.own(session, actor, post_id)
    if post.status not in posts.EDITABLE:
        raise NotPossible(posts.CHANGED_ELSEWHERE)
    return post


def _error_codes(rejections: object) -> set[str]:
    """The reasons react-dropzone gave (``[{"file": ..., "errors": [{"code": ...}]}]``), whatever came."""
    if not isinstance(rejections, list):
        return set()
    lists = [r.get("errors") for r in rejections if isinstance(r, dict)]
    errors = [e for found in lists if isinstance(found, list) for e in found]
    return {str(e.get("code")) for e in errors if isinstance(e, dict)}


async def version_after_photo(state: rx.State, post_id: int | None, version: int) -> int:
    """The version the writing page's next save of ``post_id`` goes with: the one its own last
    save gave (``version``), or the newer one a change of the photo in this tab gave since."""
    photo = await state.get_state(PhotoState)
    return max(version, photo._versions.get(post_id, version)) if post_id else version


class PhotoState(rx.State):
    allowed: bool = False
    url: str = ""  # news_photo(id) of the post's photo; "" without one
    alt: str = ""  # its description as saved
    problem: str = ""  # a Dutch catalogue id, "" when all is well
    busy: bool = False  # the photo is on its way
    _versions: dict[int, int] = {}  # post id -> its version after this tab's last photo change

    def _show(self, post: NewsPost, photo: NewsPhoto | None) -> None:
        self.url = news_photo(photo.id) if photo is not None else ""
        self.alt = photo.alt if photo is not None else ""
        self._versions = {**self._versions, post.id: post.version}

    async def _change(self, post: object, change) -> None:
        """Runs ``change(session, actor, post)`` on the writer's own post to edit, then shows it."""
        said: list[str] = []

        def run(session: Session, actor: Actor, post_id: int) -> None:
            try:
                found = change(session, actor, _editable(session, actor, post_id))
            except NotPossible as not_possible:
                said.append(not_possible.msgid)
                return
            session.refresh(found)
            self._show(found, session.get(NewsPhoto, found.photo_id) if found.photo_id else None)

        if await act(self, ACTION, run, post, roles=WRITERS) is not None:
            self.problem = said[0] if said else ""

    @rx.event
    async def load(self, post: int):
        """Shows the photo of the writer's own post, when the writing page opens it again."""
        self.problem, self.busy = "", False
        await self._change(post, lambda session, actor, found: found)

    @rx.event
    async def upload(self, files: list[rx.UploadFile], post: int):
        """Makes the chosen file the photo of the writer's own post (the one before it goes)."""
        data = one_file(files, photos.PHOTO_MAX_BYTES) or b""

        def add(session: Session, actor: Actor, found: NewsPost) -> NewsPost:
            photo = photos.make(session, actor, data, now())
            posts.attach_photo(session, actor, found.id, photo, now())
            return found

        self.busy = False
        await self._change(post, add)

    @rx.event
    def rejected(self, files: list[dict]):
        """Display only: the browser refused the chosen file (too big, not a picture, several)."""
        self.busy = False
        self.problem = photos.TOO_BIG if "file-too-large" in _error_codes(files) else photos.NOT_A_PHOTO

    @rx.event
    def sending(self):
        """Display only: says the photo is on its way (a slow connection takes a while)."""
        self.busy, self.problem = True, ""

    @rx.event
    async def describe(self, post: int, alt: str):
        """Saves the description of the photo of the writer's own post (the field's words, as typed)."""
        words = alt if isinstance(alt, str) else ""

        def describe(session: Session, actor: Actor, found: NewsPost) -> NewsPost:
            posts.describe_photo(session, actor, found.id, words, now())
            return found

        await self._change(post, describe)

    @rx.event
    async def remove(self, post: int):
        """Takes the photo off the writer's own post ("Haal de foto weg"); it is deleted."""

        def remove(session: Session, actor: Actor, found: NewsPost) -> NewsPost:
            posts.attach_photo(session, actor, found.id, None, now())
            return found

        await self._change(post, remove)
