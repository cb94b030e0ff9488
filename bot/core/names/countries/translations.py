"""Country names in other languages, from pycountry's translations of ISO 3166.

pycountry ships the iso-codes project's gettext catalogues: for every ISO name, official
name and common name (and the names of withdrawn entries, in the iso3166-3 catalogue)
the name in each language that has been translated. The General Assembly works in six
languages; the names people type in the other five (French, Spanish, Russian, Chinese,
Arabic) come from here, with Chinese in its traditional script too. The catalogues write
names the way ISO lists them, inverted ("Corée, République de"); each name is also
given uninverted ("République de Corée") and, for an inverted name, by its head alone
("Corée", which is as ambiguous as "Korea").
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Iterator
from functools import cache

import pycountry

# The UN's other official languages, as pycountry's catalogues name them.
UN_LANGUAGES = ("fr", "es", "ru", "zh_CN", "ar")
# Chinese is also typed in its traditional script.
MORE_SCRIPTS = ("zh_TW", "zh_HK")
CATALOGUES = ("iso3166-1", "iso3166-3")  # today's entries, and withdrawn ones
ELISIONS = ("'", "’")  # "d'" and "l'" join the next word with no space


@cache
def catalogue(domain: str, language: str) -> gettext.NullTranslations | None:
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def translations_of(english: str, languages: Iterable[str]) -> Iterator[str]:
    """Every translation the catalogues have of an English ISO name (none when the
    catalogue has no entry, or gives the English back)."""
    for language in languages:
        for domain in CATALOGUES:
            found = catalogue(domain, language)
            if found is None:
                continue
            text = found.gettext(english)
            if text and text != english:
                yield text


def translated_forms(name: str) -> tuple[set[str], str]:
    """A catalogue's name as people write it: as listed and uninverted ("Iran, République
    islamique d'" -> "République islamique d'Iran"), and, when inverted, its head
    ("Iran"), which may also be the name of another seat ("Alemania" for East Germany)."""
    forms = {name.strip()}
    head, sep, tail = name.replace("، ", ", ").partition(", ")  # the Arabic comma too
    if not (sep and head and tail):
        return forms, ""
    tail = tail.strip()
    joiner = "" if tail.endswith(ELISIONS) else " "
    forms.add(f"{tail}{joiner}{head}")
    return forms, head.strip()


def other_language_names(
    english: Iterable[str], *, languages: Iterable[str]
) -> tuple[set[str], set[str]]:
    """The names in `languages` of a place known in English by the names `english`,
    and the heads of its inverted names."""
    wanted = tuple(languages)
    names: set[str] = set()
    heads: set[str] = set()
    for name in english:
        for translated in translations_of(name, wanted):
            forms, head = translated_forms(translated)
            names |= forms
            if head:
                heads.add(head)
    return names, heads
