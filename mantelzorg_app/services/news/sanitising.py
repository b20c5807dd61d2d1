"""A feed item's HTML made safe to show (nh3, the Ammonia sanitiser), and its plain text for a card.

What stays: paragraphs, line breaks, links, bold and italic, lists, quotes and headings h2-h4 (an
h1 becomes an h2: the page's own h1 is the only one; h5 and h6 become an h4). Everything else
goes: ``<script>``, ``<style>`` and ``<iframe>`` with their content, every event handler and style
attribute, and every image: a remote image would tell its server who reads the page, so the first
one's address is kept apart (``first_image``) and the page loads it only after a tap. A link keeps
only an http(s) or mailto address (a ``javascript:`` link loses its ``href``), relative addresses
are resolved against the item's own page, and every link gets ``rel="noopener noreferrer nofollow"``
and opens in a tab of its own (the app, also installed on the home screen, stays where it was).

nh3 removes what it does not allow (bleach escaped it); the output is serialised anew, so a tag
name appears in it only as a real tag.
"""

import html as html_lib
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3

HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}  # as found: as shown
TAGS = {"p", "br", "a", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", *HEADINGS}
RENAMED = {f"<{mark}{a}>": f"<{mark}{b}>" for a, b in HEADINGS.items() if a != b for mark in ("", "/")}
# blocks that go (their text stays): a space before each keeps their words apart
BLOCKS = re.compile(
    r"<(?=/?(?:div|td|th|tr|table|section|article|figure|figcaption|dd|dt|header|footer)\b)", re.IGNORECASE
)
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"
IMAGE_SCHEMES = ("http", "https")
URL_MOST = 1000  # NewsItem.link and image_url
SPACES = re.compile(r"\s+")


def web_address(url: str, base_url: str = "") -> str:
    """``url`` as an absolute http(s) address (resolved against ``base_url``), or "" for anything else:
    ``javascript:``, ``data:``, a file, an address too long to keep."""
    url = (url or "").strip()
    if base_url:
        try:
            url = urljoin(base_url, url)
        except ValueError:
            return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in IMAGE_SCHEMES or not parts.hostname or len(url) > URL_MOST:
        return ""
    return url


def _relative(base_url: str) -> Callable[[str], str | None]:
    """How nh3 treats a relative address: resolved against the item's page, else dropped (also an
    empty one, which would resolve to the page itself)."""
    base = web_address(base_url)

    def resolved(url: str) -> str | None:
        return (web_address(url, base) or None) if base and url.strip() else None

    return resolved


def clean(html: str, base_url: str = "") -> str:
    """The item's HTML with only what is safe to show (see the module docstring)."""
    if not html:
        return ""
    cleaned = nh3.clean(
        BLOCKS.sub(" <", html),
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}, "*": set()},  # not even the generic title and lang
        url_schemes=SCHEMES,
        link_rel=LINK_REL,
        set_tag_attribute_values={"a": {"target": "_blank"}},
        url_relative=_relative(base_url),
        strip_comments=True,
    )
    # nh3 serialises an allowed heading as exactly "<h1>" / "</h1>" (no attribute is allowed on it);
    # text that looked like a tag is escaped, so this renames real tags only
    for tag, renamed in RENAMED.items():
        cleaned = cleaned.replace(tag, renamed)
    return SPACES.sub(" ", cleaned).strip()


class _Images(HTMLParser):
    """Collects the ``src`` of every ``<img>``, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img" and values.get("src"):
            self.found.append(values["src"] or "")


def first_image(html: str, base_url: str = "") -> str:
    """The address of the item's first remote image (http(s), absolute), or "": shown after a tap."""
    if not html:
        return ""
    parser = _Images()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # HTMLParser on badly broken markup
        pass
    for src in parser.found:
        if found := web_address(src, base_url):
            return found
    return ""


BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|div|tr)>|<br\s*/?>", re.IGNORECASE)


def plain(html: str, most: int) -> str:
    """The text of ``html`` without any markup, on one line, at most ``most`` characters (cut at a
    word, with "…"): the card's summary. Safe to show as text, never as HTML."""
    if not html:
        return ""
    spaced = BLOCK_END.sub(" ", BLOCKS.sub(" <", html))
    text = nh3.clean(spaced, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)
    text = SPACES.sub(" ", html_lib.unescape(text)).strip()
    return shorten(text, most)


def shorten(text: str, most: int) -> str:
    """``text`` itself when it fits, else cut at the last whole word before ``most`` with "…"."""
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-") + "…"
