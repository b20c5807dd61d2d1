"""A page with one question and one button, served by an HTTP route from a link in a mail.

Plain server-rendered HTML, not a Reflex page: it must work before any event socket, and the GET
of a mail link must change nothing (mail scanners open links), so the work waits for the POST of
its one button. The page is in the visitor's language (the ``taal`` cookie), big and readable.
"""

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

from mantelzorg_app.services.platform import cookies, i18n

# The URL holds a token: requests from the page say only our origin (not "no-referrer", with which
# the browser sends "Origin: null" on the button's POST, and asgi.only_our_origin refuses that).
HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "strict-origin"}


def language(request: Request, https: bool) -> str:
    return i18n.supported(cookies.read(request.headers.get("cookie", ""), cookies.LANGUAGE, https))


def render(
    lang: str,
    title: str,
    text: str,
    button: str,
    action: str,
    fields: dict[str, str],
    link: tuple[str, str] | None = None,
) -> HTMLResponse:
    """``title``, ``text`` and ``button`` are translated already; ``fields`` go as hidden inputs.
    No ``button``: a page that only tells (no form). ``link``: (words, href) of one way on, under it."""
    hidden = "".join(
        f'<input type="hidden" name="{escape(key)}" value="{escape(value)}">' for key, value in fields.items()
    )
    form = (
        f'<form method="post" action="{escape(action)}">{hidden}'
        f'<button type="submit" class="main-action">{escape(button)}</button></form>'
        if button
        else ""
    )
    way_on = f'<p><a class="second-action" href="{escape(link[1])}">{escape(link[0])}</a></p>' if link else ""
    page = (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="/app.css"></head>'
        f'<body><div class="app"><main><h1>{escape(title)}</h1><p class="intro">{escape(text)}</p>'
        f"{form}{way_on}</main></div></body></html>"
    )
    return HTMLResponse(page, headers=HEADERS)
