"""A post's photo: what is refused, what is kept of the file (nothing but the picture), who sees it."""

import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlmodel import Session, select

from mantelzorg_app.models import Membership, NewsPhoto, NewsPost, PostStatus, Role
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.identity.authz import Refused
from mantelzorg_app.services.news import photos, posts
from mantelzorg_app.services.news.posts import NotPossible
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, actor, help_world

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture
def world(session: Session) -> Help:
    found = help_world(session)
    session.add(
        Membership(
            person_id=found.vera.id, hub_id=found.leusden.id, role=Role.trekker, wijk_id=found.centrum.id
        )
    )
    session.commit()
    return found


def trekker(world: Help):
    return actor(world.vera, world.leusden, Role.volunteer, Role.trekker)


def jpeg(width: int, height: int, colour=(200, 40, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", **save)
    return out.getvalue()


def with_gps(width: int = 1600, height: int = 1200) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    gps = exif.get_ifd(GPS_IFD)  # filled in place: Pillow writes it with the rest
    gps[1], gps[2] = "N", (52.0, 7.0, 30.0)  # latitude: Leusden
    gps[3], gps[4] = "E", (5.0, 25.0, 50.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>52,7.5N</exif:GPSLatitude></x:xmpmeta>'
    return jpeg(width, height, exif=exif.tobytes(), comment=b"Achtertuin Leusden", xmp=xmp)


def made(session: Session, world: Help, data: bytes) -> NewsPhoto:
    photo = photos.make(session, trekker(world), data, NOW)
    session.commit()
    return photo


def opened(photo: NewsPhoto) -> Image.Image:
    return Image.open(io.BytesIO(photo.data))


def test_gps_exif_xmp_and_comments_are_gone_and_the_photo_is_a_jpeg(session, world):
    original = Image.open(io.BytesIO(with_gps()))
    assert original.getexif().get_ifd(GPS_IFD), "the test's photo has a location"
    photo = made(session, world, with_gps())
    image = opened(photo)
    assert image.format == "JPEG" and photo.media_type == "image/jpeg"
    assert not image.getexif() and "exif" not in image.info
    assert "xmp" not in image.info and "comment" not in image.info
    assert b"GPS" not in photo.data and b"Leusden" not in photo.data and b"Telefoonmerk" not in photo.data
    assert (photo.hub_id, photo.author_id, photo.alt) == (world.leusden.id, world.vera.id, "")


def test_the_width_is_capped_with_the_ratio_kept_and_a_small_photo_stays_small(session, world):
    big = made(session, world, jpeg(4032, 3024))
    assert (big.width, big.height) == (1200, 900) == opened(big).size
    small = made(session, world, jpeg(640, 480))
    assert (small.width, small.height) == (640, 480)


def test_the_camera_s_orientation_is_applied(session, world):
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the phone was held upright: the picture must be turned a quarter
    photo = made(session, world, jpeg(4000, 3000, exif=exif.tobytes()))
    assert (photo.width, photo.height) == (1200, 1600)
    assert ORIENTATION not in opened(photo).getexif()


def test_png_with_transparency_and_webp_and_gif_become_jpeg_on_white(session, world):
    out = io.BytesIO()
    Image.new("RGBA", (100, 50), (0, 0, 0, 0)).save(out, "PNG")
    photo = made(session, world, out.getvalue())
    assert opened(photo).getpixel((10, 10)) >= (250, 250, 250)
    for kind in ("WEBP", "GIF"):
        out = io.BytesIO()
        Image.new("RGB", (30, 20), (0, 120, 0)).save(out, kind)
        assert opened(made(session, world, out.getvalue())).format == "JPEG"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"Dit is een brief, geen foto.",
        b"%PDF-1.7\n",
        jpeg(50, 50)[:200],
        b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
    ],
    ids=["empty", "text", "pdf", "cut-off-jpeg", "broken-png"],
)
def test_what_is_no_photo_is_refused_in_words(session, world, data):
    with pytest.raises(NotPossible) as refused:
        photos.make(session, trekker(world), data, NOW)
    assert refused.value.msgid in (photos.NOT_A_PHOTO, photos.NO_PHOTO)
    assert not session.exec(select(NewsPhoto)).all()


def test_other_image_formats_are_refused(session, world):
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "BMP")
    with pytest.raises(NotPossible) as refused:
        photos.make(session, trekker(world), out.getvalue(), NOW)
    assert refused.value.msgid == photos.NOT_A_PHOTO


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(session, world):
    data = jpeg(10, 10) + b"\0" * photos.PHOTO_MAX_BYTES
    with pytest.raises(NotPossible) as refused:
        photos.make(session, trekker(world), data, NOW)
    assert (refused.value.msgid, refused.value.values) == (photos.TOO_BIG, {"megabytes": 10})


@pytest.mark.parametrize(("width", "height"), [(8000, 6000), (12000, 12000), (30000, 30000)])
def test_an_image_bomb_is_refused(session, world, width, height):
    """A small file that says it holds a huge picture: 48, 144 (Pillow's warning) and 900 (its error)
    megapixels in a PNG of a few kilobytes."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < photos.PHOTO_MAX_BYTES
    with pytest.raises(NotPossible) as refused:
        photos.make(session, trekker(world), out.getvalue(), NOW)
    assert refused.value.msgid == photos.TOO_MANY_PIXELS


def test_someone_without_the_trekker_or_coordinator_role_makes_no_photo(session, world):
    with pytest.raises(Refused):
        photos.make(session, world.caregiver, jpeg(20, 20), NOW)
    photos.make(session, world.coordinator, jpeg(20, 20), NOW)


def test_a_person_keeps_at_most_30_loose_photos_the_oldest_go_first(session, world):
    writer = trekker(world)
    post = posts.save_draft(session, writer, None, posts.Fields("Titel", "Tekst", world.centrum.id), 0, NOW)
    on_post = photos.make(session, writer, jpeg(20, 20), NOW - timedelta(days=9))
    posts.attach_photo(session, writer, post.id, on_post, NOW)
    loose = []
    for i in range(photos.UNATTACHED_MOST + 2):
        loose.append(photos.make(session, writer, jpeg(20, 20), NOW + timedelta(minutes=3 * i)).id)
        session.commit()
    photos.make(session, world.coordinator, jpeg(20, 20), NOW - timedelta(days=30))  # not Vera's
    session.commit()
    kept = set(session.exec(select(NewsPhoto.id).where(NewsPhoto.author_id == world.vera.id)).all())
    assert kept == {on_post.id, *loose[2:]}
    assert len(session.exec(select(NewsPhoto).where(NewsPhoto.author_id == world.cora.id)).all()) == 1


def test_one_person_makes_at_most_20_photos_an_hour(session, world):
    writer = trekker(world)
    for i in range(photos.AN_HOUR_MOST):
        photos.make(session, writer, jpeg(20, 20), NOW + timedelta(seconds=i))
        session.commit()
    with pytest.raises(posts.NotPossible) as refused:
        photos.make(session, writer, jpeg(20, 20), NOW + timedelta(minutes=59))
    assert refused.value.msgid == photos.TOO_MANY
    photos.make(session, world.coordinator, jpeg(20, 20), NOW + timedelta(minutes=59))  # not Vera's count
    photos.make(session, writer, jpeg(20, 20), NOW + timedelta(minutes=61))  # an hour on


def _token(session: Session, person) -> str:
    return sessions.start(session, person.id, sessions.EMAIL, NOW)


def test_a_draft_s_photo_is_shown_to_its_writer_and_the_coordinator_only(session, world):
    writer = trekker(world)
    post = posts.save_draft(session, writer, None, posts.Fields("Titel", "Tekst", world.centrum.id), 0, NOW)
    photo = photos.make(session, writer, jpeg(20, 20), NOW)
    posts.attach_photo(session, writer, post.id, photo, NOW)
    for person in (world.vera, world.cora):
        found = photos.shown(session, photo.id, _token(session, person), NOW)
        assert found is not None and found.photo.id == photo.id and not found.public
    for token in (None, "", "made-up", _token(session, world.carla), _token(session, world.pieter)):
        assert photos.shown(session, photo.id, token, NOW) is None
    for junk in (None, "1", -1, 0, photo.id + 1000, True):
        assert photos.shown(session, junk, _token(session, world.vera), NOW) is None

    row = session.get(NewsPost, post.id)
    row.status = PostStatus.published
    session.add(row)
    session.commit()
    found = photos.shown(session, photo.id, None, NOW)
    assert found is not None and found.public
