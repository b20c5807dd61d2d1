"""A service's card: the map link, a website that is only ever http(s), the languages in words."""

from urllib.parse import parse_qs, urlsplit

from state.directory.service import languages_all, map_href, web_link


def test_the_map_link_opens_a_map_of_the_address_without_a_key():
    href = map_href("Groene Zoom 902, 3832 AB Leusden")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.google.com", "/maps/search/")
    assert parse_qs(parts.query) == {"api": ["1"], "query": ["Groene Zoom 902, 3832 AB Leusden"]}
    assert map_href("") == ""


def test_a_website_link_is_http_or_https_only():
    assert web_link("https://www.welzijn-leusden.example.org/") == (
        "welzijn-leusden.example.org",
        "https://www.welzijn-leusden.example.org/",
    )
    assert web_link("voorbeeld.example.org/mantelzorg") == (
        "voorbeeld.example.org/mantelzorg",
        "https://voorbeeld.example.org/mantelzorg",
    )
    for bad in ("javascript:alert(1)", "data:text/html,hoi", "ftp://example.org", "", "https://"):
        assert web_link(bad) == ("", ""), bad


def test_languages_in_words_in_both_languages(monkeypatch):
    from mantelzorg_app.services.platform import i18n

    real = i18n.catalogue
    english = {
        "Zij spreken {languages}.": "They speak {languages}.",
        "{items} en {last}": "{items} and {last}",
    }
    monkeypatch.setattr(
        i18n, "catalogue", lambda lang: {**english, **real(lang)} if lang == "en" else real(lang)
    )
    said = languages_all("nl en tr")
    assert said["nl"] == "Zij spreken Nederlands, Engels en Turks."
    assert said["en"].startswith("They speak Dutch, English") and said["en"].endswith("Turkish.")
    assert languages_all("") == {}
    assert languages_all("nl 12 <x>")["nl"] == "Zij spreken Nederlands."
