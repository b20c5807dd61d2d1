"""services.news.sanitising: only safe HTML is kept, images wait for a tap, a card's plain text."""

import pytest

from mantelzorg_app.services.news import sanitising

BASE = "https://bron.example.org/nieuws/1"
UNSAFE_MARKS = ("<script", "onerror", "onclick", "javascript:", "<img", "<iframe", "style", "<svg")


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script><p>tekst</p>",
        '<p onclick="alert(1)">tekst</p>',
        '<img src="x" onerror="alert(1)"><p>tekst</p>',
        '<a href="javascript:alert(1)">tekst</a>',
        '<a href=" JaVaScRiPt:alert(1)">tekst</a>',
        '<a href="data:text/html,alert">tekst</a>',
        '<iframe src="https://kwaad.example.net/"></iframe><p>tekst</p>',
        '<p style="background:url(javascript:alert(1))">tekst</p>',
        "<style>p{display:none}</style><p>tekst</p>",
        "<svg><script>alert(1)</script></svg><p>tekst</p>",
        '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
        "<scr<script>ipt>alert(1)</script>tekst",
    ],
)
def test_nothing_unsafe_is_kept(html: str):
    cleaned = sanitising.clean(html, BASE)
    for mark in UNSAFE_MARKS:
        assert mark not in cleaned.lower()


def test_what_is_allowed_stays_and_links_are_safe_and_absolute():
    html = (
        '<h1 class="kop">Kop</h1><h3>Tussen</h3><h6>Klein</h6><p>Een <strong>sterk</strong> en <em>schuin'
        '</em> woord<br>met <a href="/meer" title="x">een link</a> en <a href="mailto:i@example.org">mail</a>'
        ".</p><ul><li>een</li></ul><ol><li>twee</li></ol><blockquote>citaat</blockquote>"
    )
    safe = 'target="_blank" rel="noopener noreferrer nofollow"'
    assert sanitising.clean(html, BASE) == (
        "<h2>Kop</h2><h3>Tussen</h3><h4>Klein</h4><p>Een <strong>sterk</strong> en <em>schuin</em> woord<br>"
        f'met <a href="https://bron.example.org/meer" {safe}>een link</a> en <a href="mailto:i@example.org" '
        f"{safe}>mail</a>.</p><ul><li>een</li></ul><ol><li>twee</li></ol><blockquote>citaat</blockquote>"
    )


def test_a_relative_or_empty_link_without_a_page_to_resolve_it_loses_its_address():
    assert "href" not in sanitising.clean('<a href="/meer">x</a> <a href="">y</a>', "")
    assert "href" not in sanitising.clean('<a href="">y</a>', BASE)


def test_a_tag_written_as_text_stays_text():
    assert (
        sanitising.clean("<p>&lt;h1&gt;geen kop&lt;/h1&gt;</p>", BASE)
        == "<p>&lt;h1&gt;geen kop&lt;/h1&gt;</p>"
    )


def test_words_of_removed_blocks_stay_apart():
    assert sanitising.clean("<table><tr><td>een</td><td>twee</td></tr></table><div>drie</div>", BASE) == (
        "een twee drie"
    )


def test_the_first_remote_image_is_kept_apart_absolute_and_http_only():
    html = (
        '<img src="data:image/png;base64,AAAA"><img src="/foto.jpg"><img src="https://x.example.org/2.jpg">'
    )
    assert sanitising.first_image(html, BASE) == "https://bron.example.org/foto.jpg"
    assert sanitising.first_image('<img src="javascript:alert(1)">', BASE) == ""
    assert sanitising.first_image("<p>geen foto</p>", BASE) == ""
    assert "<img" not in sanitising.clean(html, BASE)


def test_plain_text_for_a_card():
    html = "<h2>Kop</h2><p>Een &amp; twee</p><script>alert(1)</script><p>drie<br>vier</p>"
    assert sanitising.plain(html, 100) == "Kop Een & twee drie vier"
    assert sanitising.plain("een twee drie vier vijf", 15) == "een twee drie…"
    assert len(sanitising.plain("woord " * 100, 140)) <= 140
    assert sanitising.plain("", 10) == ""
