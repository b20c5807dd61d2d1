"""HTTP routes of the sociale kaart as Open Referral HSDS 3.0: the public, read-only API, and the
coordinator's download of the whole file.

``/api/hsds/<hub>/`` says what the API is, ``/api/hsds/<hub>/services`` pages through the hub's
published services in entries.in_order (one order with a tie-break, so no page repeats or skips a
service on either database; as the HSDS openapi.json's ``Page`` says: total_items, total_pages,
page_number, size, first_page, last_page, empty, contents; ``page`` and ``per_page`` bounded) and
``/api/hsds/<hub>/services/<id>`` gives one by its HSDS id. Only what the public sociale kaart shows:
no partner contacts, no personal data; an unknown hub or id is a 404 in JSON. Any site may read it
(``Access-Control-Allow-Origin: *``; ``asgi.only_our_origin`` lets a GET of it through).

``/kaart/download/<hub>`` is the file of ``manage hsds export``, Wie is wie's contacts included, for
the hub's coordinator only: the person comes from the session cookie, the file is built in memory
and never kept.
"""

import math
from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session, select
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from mantelzorg_app import settings
from mantelzorg_app.models import Hub, Role, Service
from mantelzorg_app.routes import API_HSDS
from mantelzorg_app.services.directory import entries, transfer
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.platform import audit, cookies, i18n
from mantelzorg_app.services.platform.hubs import hub_by_slug
from mantelzorg_app.services.platform.i18n import N_

HSDS_VERSION = "3.0.0"
PROFILE = "https://docs.openreferral.org/en/v3.0/hsds/"
OPENAPI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
PER_PAGE = 50
PER_PAGE_MOST = 100
PAGE_MOST = 100_000
PUBLIC = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300"}
PRIVATE = {"Cache-Control": "no-store"}
DOWNLOAD_PREFIX = "/kaart/download"  # outside every hub, like the check link (routes.DIRECTORY_CHECK)
EXPORT_ACTION = "hsds-download"
NOT_COORDINATOR = N_(
    "Alleen de coördinator van deze hub kan de sociale kaart downloaden. Log in als coördinator."
)


def download_path(slug: str) -> str:
    return f"{DOWNLOAD_PREFIX}/{slug}"


def _json(data: object, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=PUBLIC)


def _not_found(what: str) -> JSONResponse:
    return _json({"error": "not found", "detail": what}, 404)


def _number(request: Request, name: str, default: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None


def root(request: Request) -> Response:
    """What this API is (openapi.json's ``/``)."""
    with rx.session() as session:
        if hub_by_slug(session, request.path_params["hub"]) is None:
            return _not_found("hub")
    return _json({"version": HSDS_VERSION, "profile": PROFILE, "openapi_url": OPENAPI})


def _one_to_one(record: dict) -> dict:
    """A service as the paged list gives it without ``full``: its own fields and its organisation."""
    return {key: value for key, value in record.items() if not isinstance(value, list)}


def services(request: Request) -> Response:
    page = _number(request, "page", 1)
    per_page = _number(request, "per_page", PER_PAGE)
    if page is None or per_page is None:
        return _json({"error": "bad request", "detail": "page and per_page are whole numbers"}, 400)
    page = min(max(page, 1), PAGE_MOST)
    per_page = min(max(per_page, 1), PER_PAGE_MOST)
    full = request.query_params.get("full", "").lower() == "true"
    with rx.session() as session:
        hub = hub_by_slug(session, request.path_params["hub"])
        if hub is None:
            return _not_found("hub")
        shown = entries.published(session, hub.id)
        chosen = shown[(page - 1) * per_page : page * per_page]
        records = transfer.records_of(session, hub, chosen, partner_contacts=False)
    total_pages = math.ceil(len(shown) / per_page)
    return _json(
        {
            "total_items": len(shown),
            "total_pages": total_pages,
            "page_number": page,
            "size": len(records),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not shown,
            "contents": records if full else [_one_to_one(record) for record in records],
        }
    )


def service(request: Request) -> Response:
    with rx.session() as session:
        hub = hub_by_slug(session, request.path_params["hub"])
        if hub is None:
            return _not_found("hub")
        found = _published(session, hub, request.path_params["id"])
        if found is None:
            return _not_found("service")
        return _json(transfer.records_of(session, hub, [found], partner_contacts=False)[0])


def _published(session: Session, hub: Hub, uid: str) -> Service | None:
    if len(uid) > 36:
        return None
    return session.exec(
        select(Service).where(Service.hub_id == hub.id, Service.uid == uid, Service.status == entries.ACTIVE)
    ).first()


def download(request: Request) -> Response:
    """The whole sociale kaart as the HSDS file, for the hub's coordinator; 403 for anyone else."""
    cookie_header = request.headers.get("cookie", "")
    https = settings.served_over_https(request.url.scheme)
    token = cookies.read(cookie_header, cookies.SESSION, https)
    with rx.session() as session:
        hub = hub_by_slug(session, request.path_params["hub"])
        try:
            actor = authz.require(
                session, token, hub.id if hub else None, EXPORT_ACTION, datetime.now(UTC), (Role.coordinator,)
            )
        except authz.Refused:
            lang = i18n.supported(cookies.read(cookie_header, cookies.LANGUAGE, https))
            headers = {**PRIVATE, "Content-Language": lang}
            return PlainTextResponse(i18n.gettext(lang, NOT_COORDINATOR), status_code=403, headers=headers)
        assert hub is not None
        data = transfer.dump(transfer.export_hub(session, hub.id))
        audit.record(session, audit.EXPORT, hub_id=hub.id, actor_id=actor.person_id, detail="sociale kaart")
        session.commit()
        filename = f"sociale-kaart-{hub.slug}.json"
    return Response(
        data,
        media_type="application/json",
        headers={**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'},
    )


routes = [
    Route(f"{API_HSDS}/{{hub}}", root, methods=["GET"]),
    Route(f"{API_HSDS}/{{hub}}/", root, methods=["GET"]),
    Route(f"{API_HSDS}/{{hub}}/services", services, methods=["GET"]),
    Route(f"{API_HSDS}/{{hub}}/services/{{id}}", service, methods=["GET"]),
    Route(f"{DOWNLOAD_PREFIX}/{{hub}}", download, methods=["GET"]),
]
