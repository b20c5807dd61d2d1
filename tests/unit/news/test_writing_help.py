"""The writing helper's rules: long sentences, long words and jargon, in Dutch and English."""

import json
from importlib import resources

import pytest

from mantelzorg_app.services.news import writing_help
from mantelzorg_app.services.news.writing_help import JARGON, LONG_SENTENCE, LONG_WORD_KIND, hints

LONG = (
    "Wij nodigen alle mensen uit de wijk Groenhouten van harte uit voor een gezellige middag "
    "met koffie en taart."
)  # 19 words


KITCHEN = "een gesprek met de gemeente over hulp"


def kinds(text: str, lang: str = "nl") -> list[tuple[str, str]]:
    return [(h.kind, h.words) for h in hints(text, lang)]


def test_a_short_plain_text_has_no_hints():
    assert hints("Kom koffie drinken. Het is gezellig! Tot dinsdag.", "nl") == []
    assert hints("", "nl") == [] and hints("   \n\n ", "en") == []


def test_a_sentence_over_fifteen_words_is_named_by_its_start():
    (hint,) = hints(f"Fijn dat u er bent. {LONG} Tot dan.", "nl")
    assert (hint.kind, hint.words, hint.n) == (LONG_SENTENCE, "Wij nodigen alle mensen uit", 19)
    assert hint.values == {"words": "Wij nodigen alle mensen uit", "plain": "", "n": "19"}
    assert hint.message == "De zin “{words} …” is lang: {n} woorden. Maak er twee zinnen van."


def test_fifteen_words_is_not_long_and_sixteen_is():
    fifteen = " ".join(["woord"] * 15) + "."
    assert hints(fifteen, "nl") == []
    assert [h.n for h in hints(fifteen[:-1] + " meer.", "nl")] == [16]


def test_a_line_break_ends_a_sentence_and_each_long_one_is_named():
    listed = "\n".join(f"Punt {i} van het lijstje met dingen om mee te nemen" for i in range(3))
    assert hints(listed, "nl") == []  # three lines of 11 words, no full stops
    twice = f"{LONG}\n\n{LONG}"
    assert [h.kind for h in hints(twice, "nl")] == [LONG_SENTENCE, LONG_SENTENCE]


def test_a_question_or_exclamation_ends_a_sentence():
    assert hints("Komt u ook? Wij hebben koffie! En er is taart voor iedereen die komt.", "nl") == []


def test_a_link_is_one_word_of_a_sentence_and_its_dots_end_nothing():
    text = (
        "Lees meer op https://www.leusden.nl/mantelzorg/respijtzorg.html of mail naar "
        "hulp@mantelzorgondersteuning.nl."
    )
    assert hints(text, "nl") == []  # no long word, no jargon, and one sentence of 7 words
    sixteen = "Kijk " + "op " * 14 + "www.voorbeeld.nl."
    assert [h.n for h in hints(sixteen, "nl")] == [16]


def test_a_long_word_is_named_once_and_numbers_are_no_words():
    text = "De zorgverzekeringswet geldt. De Zorgverzekeringswet ook. Bel 0334567890123456 of 2024-2025."
    assert kinds(text) == [(LONG_WORD_KIND, "zorgverzekeringswet")]
    assert kinds("Vrijwilligershulp is fijn.") == [(LONG_WORD_KIND, "Vrijwilligershulp")]  # 17 letters
    assert kinds("Vrijwilligerswerk en buurtbewoners.") == [(LONG_WORD_KIND, "Vrijwilligerswerk")]
    assert hints("Mantelzorgcafé en buurtbewoners.", "nl") == []  # 14 letters is not long


def test_a_hyphen_splits_a_long_word():
    assert hints("De vrijwilligers-organisatie helpt.", "nl") == []


@pytest.mark.parametrize(
    ("text", "written", "plain"),
    [
        ("Heeft u een indicatie nodig?", "indicatie", "toestemming voor zorg"),
        ("Zonder Indicaties gaat het niet.", "Indicaties", "toestemming voor zorg"),
        ("RESPIJTZORG helpt.", "RESPIJTZORG", "even vrij van de zorg"),
        ("Vraag het de casemanagers.", "casemanagers", "iemand die uw zorg regelt"),
        ("Na keukentafelgesprekken weet u meer.", "keukentafelgesprekken", KITCHEN),
        ("Hulp uit de Wmo.", "Wmo", "hulp van de gemeente"),
        ("Hulp uit de WMO.", "WMO", "hulp van de gemeente"),
        ("Een pgb aanvragen.", "pgb", "geld om zelf zorg te kopen"),
        ("De eigen bijdragen zijn laag.", "eigen bijdragen", "het deel dat u zelf betaalt"),
        ("Een cliëntondersteuner helpt.", "cliëntondersteuner", "iemand die u helpt met vragen over zorg"),
        ("Een clientondersteuner helpt.", "clientondersteuner", "iemand die u helpt met vragen over zorg"),
    ],
)
def test_jargon_is_found_in_any_case_and_inflected(text, written, plain):
    (hint,) = hints(text, "nl")
    assert (hint.kind, hint.words, hint.plain) == (JARGON, written, plain)
    assert hint.message == "“{words}” is een moeilijk woord. Schrijf liever: {plain}."


def test_jargon_is_matched_on_whole_words_only():
    assert hints("Het pgbloket en de wmoraad.", "nl") == []  # no listed word with an ending
    assert hints("De indicator staat aan.", "nl") == []
    assert hints("Ik neem de eigen auto. De bijdrage is klein.", "nl") == []  # two words: together only


def test_the_longest_listed_words_win_and_each_is_named_once():
    text = "Respijtzorg is fijn. Respijt ook. Nog eens respijtzorg."
    assert kinds(text) == [(JARGON, "Respijtzorg"), (JARGON, "Respijt")]


def test_a_jargon_word_is_not_also_a_long_word():
    assert kinds("Mantelzorgondersteuning in de wijk.") == [(JARGON, "Mantelzorgondersteuning")]


def test_no_jargon_inside_a_link():
    assert hints("Zie www.leusden.nl/indicatie of https://wmo.example.org/pgb.", "nl") == []


def test_english_has_its_own_list_and_stemmer():
    text = "Respite care helps. Ask the case managers about a needs assessment."
    assert kinds(text, "en") == [
        (JARGON, "Respite care"),
        (JARGON, "case managers"),
        (JARGON, "needs assessment"),
    ]
    assert hints("Respijtzorg helpt.", "en") == []  # the Dutch list is not the English one
    assert hints("Respite care helps.", "nl") == []
    assert kinds("The low-threshold café.", "en") == [(JARGON, "low-threshold")]


def test_english_long_sentences_and_words():
    sentence = "We warmly invite everyone from the area to join us for an afternoon with tea and cake."
    assert [(h.kind, h.n) for h in hints(sentence, "en")] == [(LONG_SENTENCE, 17)]
    assert kinds("Internationalisation matters.", "en") == [(LONG_WORD_KIND, "Internationalisation")]


def test_an_unknown_language_reads_as_dutch():
    assert kinds("Een indicatie.", "xx") == [(JARGON, "indicatie")]


def test_hints_come_in_the_texts_order_and_at_most_ten():
    text = f"Een indicatie. {LONG} Het vrijwilligerswerk."
    assert [h.kind for h in hints(text, "nl")] == [JARGON, LONG_SENTENCE, LONG_WORD_KIND]
    many = " ".join(f"Woord{'x' * i}langerdanveertien." for i in range(20))
    assert len(hints(many, "nl")) == writing_help.MOST


def test_the_list_is_data_with_a_plain_alternative_for_every_word():
    data = json.loads(resources.files("mantelzorg_app.services.news").joinpath("jargon.json").read_text())
    assert set(data) == {"nl", "en"}
    assert len(data["nl"]) >= 25
    for lang, words in data.items():
        for word, alternative in words.items():
            assert word == word.lower() and alternative.strip(), (lang, word)
            assert hints(f"Een {word}.", lang)[0].plain == alternative, (lang, word)


def test_a_whole_post_is_read_quickly():
    import time

    text = (LONG + " Een indicatie via de Wmo. ") * 25  # about 3000 characters
    started = time.perf_counter()
    hints(text, "nl")
    assert time.perf_counter() - started < 0.2
