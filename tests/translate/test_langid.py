"""Offline language identification: one news-style sentence per language, written for these
tests, must be routed to the right model."""

from __future__ import annotations

import pytest

from rasm.translate.langid import LANGUAGES, UNDETERMINED, detect_language, identify

SENTENCES = {
    "ar": "قالت وزارة الدفاع إن القوات سيطرت على المدينة بعد معارك عنيفة في الريف الشرقي",
    "fa": "وزیر خارجه ایران گفت که این گفتگوها برای پایان جنگ در سوریه مهم است",
    "ru": "Министр заявил, что переговоры о прекращении огня в Сирии были продолжены в Москве",
    "uk": "Міністр заявив, що переговори про припинення вогню в Сирії тривають у Києві",
    "tr": "Dışişleri Bakanı, Suriye'deki ateşkes görüşmelerinin yarın Ankara'da devam edeceğini söyledi",
    "fr": "Le ministre a déclaré que les négociations sur le cessez-le-feu en Syrie reprendront à Genève",
    "en": "The minister said that talks on a ceasefire in Syria would resume in Geneva next week",
    "de": "Der Minister sagte, dass die Gespräche über eine Waffenruhe in Syrien fortgesetzt werden",
    "es": "El ministro dijo que las negociaciones sobre el alto el fuego en Siria continuarán en Ginebra",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_each_language_is_recognized(lang: str) -> None:
    guess = identify(SENTENCES[lang])
    assert guess.lang == lang
    assert guess.confidence > 0.5


def test_every_supported_language_has_a_test_sentence() -> None:
    assert set(SENTENCES) == set(LANGUAGES)


def test_persian_letters_decide_against_arabic_even_without_common_words() -> None:
    assert detect_language("گزارش پیشرفت ژنرال") == "fa"
    assert detect_language("مدينة حلب القديمة") == "ar"


def test_turkish_letters_decide_against_english() -> None:
    assert detect_language("Şam yakınlarında çatışmalar sürüyor") == "tr"


def test_text_without_letters_is_undetermined() -> None:
    assert identify("2016-12-07 14:30").lang == UNDETERMINED
    assert identify("").lang == UNDETERMINED


def test_the_majority_script_wins_in_mixed_text() -> None:
    """An Arabic sentence quoting a Latin acronym is still Arabic."""
    assert detect_language("قالت منظمة UNICEF إن الأطفال في خطر كبير في المدينة") == "ar"
