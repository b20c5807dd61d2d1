"""The words of the answer to a heavy load: who calls back and when, the number, the national line."""

import pytest

from mantelzorg_app.models import Hub
from mantelzorg_app.services.help import support_lines, wegwijzer
from mantelzorg_app.services.help.callbacks import GOOD_TIMES
from mantelzorg_app.services.help.vocabulary import DAYPART_PHRASES
from mantelzorg_app.services.platform import i18n


def hub(country: str = "NL", **settings) -> Hub:
    name = "Leusden" if country == "NL" else "Poperinge"
    zone = "Europe/Amsterdam" if country == "NL" else "Europe/Brussels"
    return Hub(slug=name.lower(), name=name, country=country, timezone=zone, speech_locale="nl", **settings)


# A caregiver for whom the self-check is heavy; "op" is "Hoe vaak denkt u: ik kan het niet meer aan?".
HEAVY = {
    "zorgt": "ja",
    "moe": "vaak",
    "tijd": "vaak",
    "combineren": "soms",
    "alleen": "vaak",
    "somber": "soms",
    "op": "soms",
}


def test_the_promise_names_who_calls_and_within_how_many_working_days():
    leusden = hub(phone="033-000 0000", callback_caller="consulent", callback_workdays=2)
    assert (
        support_lines.promise(leusden)["nl"]
        == "Een mantelzorgconsulent van Leusden belt u binnen 2 werkdagen."
    )
    assert (
        support_lines.promise(leusden, "middag")["nl"]
        == "Een mantelzorgconsulent van Leusden belt u binnen 2 werkdagen, in de middag."
    )
    assert set(support_lines.promise(leusden)) == set(i18n.LANGUAGES), "every language at once"


def test_the_promise_follows_the_hubs_settings():
    poperinge = hub("BE", callback_caller="sociaal_huis", callback_workdays=3)
    assert (
        support_lines.promise(poperinge, "ochtend")["nl"]
        == "Iemand van het Sociaal Huis van Poperinge belt u binnen 3 werkdagen, in de ochtend."
    )
    one_day = hub(callback_caller="gemeente", callback_workdays=1)
    assert support_lines.promise(one_day)["nl"] == "Iemand van de gemeente Leusden belt u binnen 1 werkdag."
    assert support_lines.promise(hub(callback_workdays=0))["nl"].endswith("binnen 1 werkdag.")


def test_an_unknown_caller_is_the_consulent():
    assert support_lines.promise(hub(callback_caller="onbekend"))["nl"].startswith(
        "Een mantelzorgconsulent van Leusden"
    )


@pytest.mark.parametrize("good_time", ["altijd", "", "om middernacht"])
def test_no_time_or_any_time_leaves_the_time_out(good_time: str):
    assert support_lines.promise(hub(), good_time)["nl"] == (
        "Een mantelzorgconsulent van Leusden belt u binnen 2 werkdagen."
    )


def test_every_chosen_time_but_any_has_its_words():
    assert set(DAYPART_PHRASES) == set(GOOD_TIMES) - {"altijd"}


def test_the_hubs_number_is_a_tap_to_call_link():
    line = support_lines.call_now(hub(phone="033-000 0000"))
    assert line is not None
    assert (line.number, line.href) == ("033-000 0000", "tel:0330000000")
    assert line.text["nl"] == "Wilt u nu meteen iemand spreken? Bel ons."
    assert support_lines.call_now(hub(phone="")) is None, "a hub without a number shows none"
    assert support_lines.call_now(hub(phone="bel het gemeentehuis")) is None
    assert support_lines.tel_href("+32 57 00 00 00") == "tel:+3257000000"


@pytest.mark.parametrize(
    ("country", "words", "number", "href"),
    [
        (
            "NL",
            "U kunt ook praten met 113 Zelfmoordpreventie. Bel gratis 0800-0113, dag en nacht.",
            "0800-0113",
            "tel:08000113",
        ),
        (
            "BE",
            "U kunt ook praten met de Zelfmoordlijn 1813. Bel gratis 1813, dag en nacht.",
            "1813",
            "tel:1813",
        ),
    ],
)
def test_the_national_line_of_the_hubs_country(country: str, words: str, number: str, href: str):
    line = support_lines.national_line(country)
    assert line is not None
    assert (line.text["nl"], line.number, line.href) == (words, number, href)


def test_a_country_we_do_not_know_has_no_line():
    assert support_lines.national_line("DE") is None
    assert support_lines.national_line("") is None


def needs_line(answers: dict) -> bool:
    """The rule on the screen a tab shows for these answers, as the Wegwijzer's state asks it."""
    return support_lines.needs_line(wegwijzer.screen(answers, None, None))


def test_the_line_only_after_vaak_on_cannot_cope():
    assert support_lines.MOST_OFTEN == "vaak"

    assert not needs_line(HEAVY)
    assert not needs_line(HEAVY | {"op": "nooit"})
    assert needs_line(HEAVY | {"op": "vaak"})
    assert not needs_line(HEAVY | {"somber": "vaak"}), "heavy, but not this question"


def test_a_skipped_or_forged_answer_does_not_count():
    assert not needs_line(HEAVY | {"op": "vaak", "zorgt": "nee"}), "after 'nee' it is not asked"
    assert not needs_line({"op": ["vaak"]})
    assert not needs_line({"op": "Vaak"})
    assert not needs_line({})


def test_the_words_are_calm():
    texts = [
        support_lines.HUISARTS,
        support_lines.TALK_HEADING,
        support_lines.CALL_NOW,
        *(line.text["nl"] for line in map(support_lines.national_line, ("NL", "BE")) if line),
    ]
    for text in texts:
        assert "!" not in text, text
        assert not {"crisis", "direct", "nood", "alarm", "gevaar"} & set(
            text.lower().replace(".", " ").split()
        )
        for sentence in text.replace("?", ".").split("."):
            assert len(sentence.split()) < 15, f"B1: under 15 words: {sentence}"
