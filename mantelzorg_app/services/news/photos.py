"""A post's photo from what the phone sent to what the page shows, and who may see it.

``make`` turns the uploaded bytes into a NewsPhoto: only a real image (JPEG, PNG, WebP, GIF, and
HEIC when a Pillow plugin for it is installed) of at most ``PHOTO_MAX_BYTES`` and ``PIXELS_MOST``
pixels; Pillow's own image-bomb warning counts as a refusal too. The photo is turned upright as
the camera meant it (EXIF orientation), made at most ``WIDTH_MOST`` wide and saved again as a JPEG
without EXIF, XMP or comments, so no location or camera data is kept; only the colour profile
(ICC) stays. Each refusal is a plain sentence (posts.NotPossible).

A person keeps at most ``UNATTACHED_MOST`` photos that no post uses (tries and changes of mind):
the oldest go first. Each photo made is in the audit log, and one person makes at most
``AN_HOUR_MOST`` an hour: decoding a big photo takes the server a moment and much memory.
``shown`` says who gets a photo at ``/nieuws-foto/<id>.jpg``.
"""

import io
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlmodel import Session, col, func, select

from mantelzorg_app.models import AuditEvent, NewsPhoto, NewsPost, PostStatus, Role
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor, require_role
from mantelzorg_app.services.news.posts import NotPossible
from mantelzorg_app.services.platform import audit, database
from mantelzorg_app.services.platform.i18n import N_

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PIXELS_MOST = 40_000_000  # a 40 megapixel photo; a phone's camera gives 12 to 48 (binned to 12)
WIDTH_MOST = 1200
QUALITY = 82
ICC_MOST = 64 * 1024  # a colour profile bigger than this is dropped, not stored with every photo
UNATTACHED_MOST = 30
AN_HOUR_MOST = 20
ACTION = "news-photo"
MADE = "news-photo-made"
MEDIA_TYPE = "image/jpeg"
FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "HEIF")  # MPO: some phones' JPEG; HEIF only with a plugin

NOT_A_PHOTO = N_("Dit bestand is geen foto. Kies een foto.")
TOO_BIG = N_("Deze foto is te groot. Kies een foto van hoogstens {megabytes} MB.")
TOO_MANY_PIXELS = N_("Deze foto is te groot. Kies een kleinere foto.")
NO_PHOTO = N_("Er is geen foto gekozen. Kies een foto.")
TOO_MANY = N_("U heeft het afgelopen uur al veel foto's gestuurd. Probeer het over een uur weer.")


@dataclass(frozen=True)
class Shown:
    photo: NewsPhoto
    public: bool  # the photo of a published post: anyone, and any cache, may keep it


def make(session: Session, actor: Actor, data: bytes, now: datetime) -> NewsPhoto:
    """The photo made from ``data`` for a post of the actor (a trekker or the coordinator), added
    and flushed, not yet on a post (posts.attach_photo puts it there and commits)."""
    require_role(session, actor, ACTION, Role.trekker, Role.coordinator)
    if not data:
        raise NotPossible(NO_PHOTO)
    if len(data) > PHOTO_MAX_BYTES:
        raise NotPossible(TOO_BIG, megabytes=PHOTO_MAX_BYTES // (1024 * 1024))
    if _made_in_the_last_hour(session, actor, now) >= AN_HOUR_MOST:
        raise NotPossible(TOO_MANY)
    jpeg, width, height = _reencode(data)
    _keep_room(session, actor)
    photo = NewsPhoto(
        hub_id=actor.hub_id,
        author_id=actor.person_id,
        data=jpeg,
        media_type=MEDIA_TYPE,
        width=width,
        height=height,
        created_at=now,
    )
    session.add(photo)
    session.flush()
    audit.record(
        session, MADE, hub_id=actor.hub_id, actor_id=actor.person_id, subject_id=photo.id
    ).created_at = now
    return photo


def _made_in_the_last_hour(session: Session, actor: Actor, now: datetime) -> int:
    return session.exec(
        select(func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.action == MADE,
            AuditEvent.actor_id == actor.person_id,
            col(AuditEvent.created_at) > now - timedelta(hours=1),
        )
    ).one()


def _reencode(data: bytes) -> tuple[bytes, int, int]:
    """The JPEG bytes with their width and height; NotPossible for what is no photo or too big."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=_formats()) as image:
                if image.width * image.height > PIXELS_MOST:
                    raise NotPossible(TOO_MANY_PIXELS)
                return _upright_and_small(image)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise NotPossible(TOO_MANY_PIXELS) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
            raise NotPossible(NOT_A_PHOTO) from None


def _formats() -> tuple[str, ...]:
    Image.init()
    return tuple(f for f in FORMATS if f in Image.OPEN)


def _upright_and_small(image: Image.Image) -> tuple[bytes, int, int]:
    icc = image.info.get("icc_profile") if image.mode not in ("CMYK", "I;16") else None
    swapped = image.getexif().get(0x0112) in (5, 6, 7, 8)  # turned a quarter: width is the height
    shown_width = image.height if swapped else image.width
    scale = min(1.0, WIDTH_MOST / shown_width)
    if image.format in ("JPEG", "MPO") and scale < 1:  # decode at 1/2, 1/4 or 1/8: less memory
        image.draft("RGB", (int(image.width * scale) + 1, int(image.height * scale) + 1))
    image.load()
    upright = ImageOps.exif_transpose(image)
    rgb = _on_white(upright)
    if rgb.width > WIDTH_MOST:
        height = max(1, round(rgb.height * WIDTH_MOST / rgb.width))
        rgb = rgb.resize((WIDTH_MOST, height), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", rgb.size)  # a new image: nothing of the file's metadata comes along
    clean.paste(rgb)
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc and len(icc) <= ICC_MOST else {}
    clean.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True, **extra)
    return out.getvalue(), clean.width, clean.height


def _on_white(image: Image.Image) -> Image.Image:
    """RGB; a transparent part (a PNG, a GIF) turns white, not black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _keep_room(session: Session, actor: Actor) -> None:
    """Deletes the actor's oldest photos no post uses, so with the new one they keep UNATTACHED_MOST."""
    used = select(NewsPost.photo_id).where(col(NewsPost.photo_id).is_not(None))
    loose = session.exec(
        select(NewsPhoto)
        .where(NewsPhoto.author_id == actor.person_id, col(NewsPhoto.id).not_in(used))
        .order_by(col(NewsPhoto.created_at).desc(), col(NewsPhoto.id).desc())
        .offset(UNATTACHED_MOST - 1)
    ).all()
    for photo in loose:
        session.delete(photo)
    session.flush()


def shown(session: Session, photo_id: object, token: str | None, now: datetime) -> Shown | None:
    """The photo for whoever holds ``token`` (None: a visitor): anyone's once a post that shows it
    is published; before that only its writer's and their hub's coordinator's. None for a missing
    photo and for one the asker may not see alike."""
    photo = database.row(session, NewsPhoto, photo_id)
    if photo is None:
        return None
    published = session.exec(
        select(NewsPost.id).where(
            NewsPost.photo_id == photo.id,
            NewsPost.hub_id == photo.hub_id,
            NewsPost.status == PostStatus.published,
        )
    ).first()
    if published is not None:
        return Shown(photo, public=True)
    viewer = authz.actor(session, token, photo.hub_id, now, touch=False)
    if viewer is not None and (viewer.person_id == photo.author_id or viewer.has(Role.coordinator)):
        return Shown(photo, public=False)
    return None
