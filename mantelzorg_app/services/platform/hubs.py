"""Hubs and their wijken. Everything a visitor sees is looked up through a hub."""

from sqlmodel import Session, select

from mantelzorg_app.models import Hub, Wijk


def active_hubs(session: Session) -> list[Hub]:
    return list(session.exec(select(Hub).where(Hub.active).order_by(Hub.name)))


def hub_by_slug(session: Session, slug: str) -> Hub | None:
    """The active hub at this URL slug, or None. The slug comes from the URL: never trust it further
    (a NUL byte, which PostgreSQL refuses in a query, names no hub)."""
    if "\x00" in slug:
        return None
    return session.exec(select(Hub).where(Hub.slug == slug.lower(), Hub.active)).first()


def wijken(session: Session, hub_id: int) -> list[Wijk]:
    return list(session.exec(select(Wijk).where(Wijk.hub_id == hub_id).order_by(Wijk.name)))
