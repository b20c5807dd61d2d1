"""HTTP routes of "Mijn gegevens": the download of everything stored about the signed-in person.

The person comes from the session cookie only; the file is built in memory and never kept.
"""

import json
from datetime import UTC, datetime

import reflex as rx
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from mantelzorg_app import settings
from mantelzorg_app.routes import ACCOUNT
from mantelzorg_app.services import privacy
from mantelzorg_app.services.identity import sessions
from mantelzorg_app.services.platform import audit, cookies, i18n
from mantelzorg_app.services.platform.i18n import N_

DOWNLOAD = f"/{ACCOUNT}/download"  # outside every hub: the file is about the person
FILENAME = "mijn-gegevens.json"
NOT_SIGNED_IN = N_("U bent niet ingelogd. Log eerst in. Dan kunt u uw gegevens downloaden.")
PRIVATE = {"Cache-Control": "no-store"}


def download(request: Request) -> Response:
    """The export as a JSON file for whoever holds a valid session cookie; 403 for anyone else."""
    cookie_header = request.headers.get("cookie", "")
    https = settings.served_over_https(request.url.scheme)
    token = cookies.read(cookie_header, cookies.SESSION, https)
    with rx.session() as session:
        person = sessions.person(session, token, datetime.now(UTC))
        if person is None:
            audit.refused(session, audit.EXPORT)  # counted per hour: no row per anonymous GET
            lang = i18n.supported(cookies.read(cookie_header, cookies.LANGUAGE, https))
            headers = {**PRIVATE, "Content-Language": lang}
            return PlainTextResponse(i18n.gettext(lang, NOT_SIGNED_IN), status_code=403, headers=headers)
        data = privacy.export(session, person.id)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={**PRIVATE, "Content-Disposition": f'attachment; filename="{FILENAME}"'},
    )


routes = [Route(DOWNLOAD, download, methods=["GET"])]
