"""Country names in the UN's other five languages (French, Spanish, Russian, Chinese,
Arabic), from pycountry's translations of ISO 3166: as listed, uninverted, without
diacritics or with Arabic vowel marks, in simplified and traditional Chinese."""

from __future__ import annotations

import tomllib

import pytest

from bot.core.names.countries.matcher import CountryMatcher
from bot.core.names.countries.names import normalise_name
from bot.core.names.countries.translations import (
    other_language_names,
    translated_forms,
    translations_of,
)
from tests.core.names.countries.sample import ALIASES

FIVE_LANGUAGES = [
    # (code, French, Spanish, Russian, Chinese, Arabic)
    ("DEU", "Allemagne", "Alemania", "Германия", "德国", "ألمانيا"),
    ("FRA", "France", "Francia", "Франция", "法国", "فرنسا"),
    ("JPN", "Japon", "Japón", "Япония", "日本", "اليابان"),
    ("MAR", "Maroc", "Marruecos", "Марокко", "摩洛哥", "المغرب"),
    ("EGY", "Égypte", "Egipto", "Египет", "埃及", "مصر"),
    ("CHN", "Chine", "China", "Китай", "中国", "الصين"),
    ("RUS", "Russie", "Rusia", "Россия", "俄罗斯", "روسيا"),
    ("GBR", "Royaume-Uni", "Reino Unido", "Великобритания", "英国", "المملكة المتحدة"),
    ("USA", "États-Unis", "Estados Unidos", "США", "美国", "الولايات المتحدة"),
    ("PRK", "Corée du Nord", "Corea del Norte", "Северная Корея", "朝鲜", "كوريا الشمالية"),
    ("KOR", "Corée du Sud", "Corea del Sur", "Южная Корея", "韩国", "كوريا الجنوبية"),
    ("CHE", "Suisse", "Suiza", "Швейцария", "瑞士", "سويسرا"),
    ("SAU", "Arabie saoudite", "Arabia Saudita", "Саудовская Аравия", "沙特阿拉伯", "السعودية"),
    ("MEX", "Mexique", "México", "Мексика", "墨西哥", "المكسيك"),
    ("ZAF", "Afrique du Sud", "Sudáfrica", "ЮАР", "南非", "جنوب أفريقيا"),
    ("IDN", "Indonésie", "Indonesia", "Индонезия", "印度尼西亚", "إندونيسيا"),
    ("TTO", "Trinité-et-Tobago", "Trinidad y Tobago", "Тринидад и Тобаго", "特立尼达和多巴哥",
     "ترينيداد وتوباغو"),
    ("SUN", "URSS", "Unión Soviética", "СССР", "苏联", "الاتحاد السوفيتي"),
]  # fmt: skip
LANGUAGES = ("fr", "es", "ru", "zh", "ar")


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        (row[0], lang, name)
        for row in FIVE_LANGUAGES
        for lang, name in zip(LANGUAGES, row[1:], strict=True)
    ],
)
def test_names_in_the_five_languages(
    wide_matcher: CountryMatcher, code: str, language: str, name: str
) -> None:
    result = wide_matcher.resolve(name)
    assert result.status == "match", (language, result)
    assert result.best is not None and result.best.id == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("République de Corée", "KOR"),  # "Corée, République de" uninverted
        ("République islamique d'Iran", "IRN"),  # "Iran, République islamique d'": elided
        ("Estados Unidos Mexicanos", "MEX"),
        ("Fédération de Russie", "RUS"),
        ("Республика Корея", "KOR"),
        ("Etats-Unis", "USA"),  # without the diacritics
        ("Egypte", "EGY"),
        ("Соединённые Штаты Америки", "USA"),  # ё and е alike
        ("Соединенные Штаты Америки", "USA"),
        ("جمهوريّة مصر العربيّة", "EGY"),  # Arabic with its vowel marks
        ("جمهورية مصر العربية", "EGY"),  # and without
        ("مِصْر", "EGY"),
        ("البوسنة والهرسك", "BIH"),  # "and" written onto the word
        ("مالطة", "MLT"),  # teh marbuta where pycountry writes heh
        ("德國", "DEU"),  # traditional Chinese
        ("美國", "USA"),
        ("南韓", "KOR"),
        ("俄罗斯联邦", "RUS"),  # a Chinese long form, cut around its generic words
        ("中华人民共和国", "CHN"),
        ("République fédérale d'Allemagne", "DEU"),  # Germany's official name today
    ],
)
def test_forms_of_names_in_other_languages(
    wide_matcher: CountryMatcher, query: str, code: str
) -> None:
    result = wide_matcher.resolve(query)
    assert result.ok, result
    assert result.best is not None and result.best.id == code


def test_west_germany_s_official_name_means_it_then(wide_matcher: CountryMatcher) -> None:
    for name in ("République fédérale d'Allemagne", "Федеративная Республика Германия"):
        result = wide_matcher.resolve(name, on_date="1985")
        assert result.status == "match" and result.best is not None
        assert result.best.id == "GER"


def test_the_names_come_from_the_catalogues() -> None:
    """The bulk is pycountry's: none of these is written in data/countries.toml."""
    curated = ALIASES.read_text(encoding="utf-8")
    for english, language, name in [
        ("Germany", "fr", "Allemagne"),
        ("Morocco", "es", "Marruecos"),
        ("Japan", "ru", "Япония"),
        ("Egypt", "zh_CN", "埃及"),
        ("Mexico", "ar", "المكسيك"),
    ]:
        assert name in set(translations_of(english, [language]))
        assert f'"{name}"' not in curated


def test_the_curated_names_file_is_short() -> None:
    """A handful of short forms per language, not a second catalogue."""
    with ALIASES.open("rb") as f:
        curated = tomllib.load(f)["other_languages"]
    assert sum(len(names) for names in curated.values()) < 250


@pytest.mark.parametrize(
    ("catalogued", "forms", "head"),
    [
        ("Corée, République de", {"Corée, République de", "République de Corée"}, "Corée"),
        (
            "Iran, République islamique d'",
            {"Iran, République islamique d'", "République islamique d'Iran"},
            "Iran",
        ),
        ("كوريا، جمهوريّة كوريا", {"كوريا، جمهوريّة كوريا", "جمهوريّة كوريا كوريا"}, "كوريا"),
        ("Allemagne", {"Allemagne"}, ""),
    ],
)
def test_translated_forms(catalogued: str, forms: set[str], head: str) -> None:
    assert translated_forms(catalogued) == (forms, head)


def test_other_language_names_of_an_english_name() -> None:
    names, heads = other_language_names(["Korea, Republic of"], languages=["fr", "es"])
    assert {"République de Corée", "República de Corea"} <= names
    assert heads == {"Corée", "Corea"}


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("ألمانيا", "مانيا"),  # the hamza seat, then what reads as the article
        ("المانيا", "مانيا"),
        ("المغرب", "مغرب"),
        ("مالطة", "مالطا"),
        ("ـمصر", "مصر"),  # tatweel
        ("Россия", "россия"),
        ("Йемен", "иемен"),
        ("德国", "德国"),
        ("Côte d'Ivoire", "cote divoire"),
    ],
)
def test_the_normaliser_folds_other_scripts(written: str, folded: str) -> None:
    assert normalise_name(written) == folded


@pytest.mark.parametrize(
    ("query", "code"),
    [("Германя", "DEU"), ("إندونسيا", "IDN"), ("Франциа", "FRA")],
)
def test_a_slip_in_another_script_is_a_best_guess(
    wide_matcher: CountryMatcher, query: str, code: str
) -> None:
    result = wide_matcher.resolve(query)
    assert result.status == "best_guess"
    assert result.best is not None and result.best.id == code


@pytest.mark.parametrize("query", ["Alemagne", "Marruecoss", "Suizza"])
def test_no_slips_in_latin_names_of_other_languages(
    wide_matcher: CountryMatcher, query: str
) -> None:
    """French and Spanish names are read as written: a slip of one is another word."""
    assert wide_matcher.resolve(query).status == "none"
