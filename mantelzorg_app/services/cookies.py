"""The session cookie: only an opaque token, HttpOnly, SameSite=Lax; ``__Host-`` and Secure over HTTPS."""

from http.cookies import CookieError, SimpleCookie

SESSION = "mz_sessie"
SECURE_SESSION = "__Host-mz_sessie"
LANGUAGE = "taal"  # the visitor's language; not secret, set by the page
SIGN_UP = "mz_aanmelden"  # the ticket from a verified address to the sign-up form
SECURE_SIGN_UP = "__Host-mz_aanmelden"


def name(base: str, https: bool) -> str:
    return {SESSION: SECURE_SESSION, SIGN_UP: SECURE_SIGN_UP}.get(base, base) if https else base


def read(cookie_header: str, base: str) -> str | None:
    """The value of our cookie from a Cookie header, the ``__Host-`` one first."""
    jar = SimpleCookie()
    try:
        jar.load(cookie_header or "")
    except CookieError:
        return None
    for key in (name(base, True), base):
        if key in jar and jar[key].value:
            return jar[key].value
    return None
