"""A hand-written slice of the General Assembly's seats, with every kind of history the
country matcher handles, and a database that holds just those seats."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.core.data.store import SCHEMA_SQL
from bot.core.models import Country
from bot.core.names.countries.matcher import CountryMatcher
from tests.paths import DATA

ALIASES = DATA / "countries.toml"


def seat(code: str, name: str, first: str = "1946-01-26", last: str = "2026-06-04", *recorded):
    return Country(
        code=code,
        name=name,
        first_date=first,
        last_date=last,
        former=last < "2025",
        recorded_names=tuple(recorded) or (name.upper(),),
    )


SEATS = [
    seat("ALB", "Albania", "1955-12-15"),
    seat("ARE", "United Arab Emirates", "1971-10-07"),
    seat("BEN", "Benin", "1960-10-08", "2026-06-04", "DAHOMEY", "BENIN"),
    seat("BFA", "Burkina Faso", "1960-10-08", "2026-06-04", "UPPER VOLTA", "BURKINA FASO"),
    seat("CHL", "Chile"),
    seat("CIV", "Côte d'Ivoire", "1960-10-08", "2026-06-04", "IVORY COAST", "COTE D'IVOIRE"),
    seat("COD", "Democratic Republic of the Congo", "1960-10-08", "2026-06-04",
         "CONGO (LEOPOLDVILLE)", "ZAIRE", "DEMOCRATIC REPUBLIC OF THE CONGO"),
    seat("COG", "Congo", "1960-10-08", "2026-06-04", "CONGO (BRAZZAVILLE)", "CONGO"),
    seat("CYP", "Cyprus", "1960-10-08"),
    seat("CSK", "Czechoslovakia", "1946-01-26", "1992-12-22"),
    seat("CZE", "Czechia", "1993-04-29", "2026-06-04", "CZECH REPUBLIC", "CZECHIA"),
    seat("DDR", "German Democratic Republic", "1973-10-26", "1989-12-29"),
    seat("DEU", "Germany", "1990-11-01"),
    seat("DMA", "Dominica", "1978-11-03"),
    seat("DOM", "Dominican Republic"),
    seat("ESP", "Spain", "1955-12-15"),
    seat("EST", "Estonia", "1991-10-16"),
    seat("FRA", "France"),
    seat("GBR", "United Kingdom"),
    seat("GER", "Germany, Federal Republic of", "1973-10-26", "1989-12-29"),
    seat("GIN", "Guinea", "1958-12-13"),
    seat("GNB", "Guinea-Bissau", "1974-09-30"),
    seat("GNQ", "Equatorial Guinea", "1968-11-19"),
    seat("IRN", "Iran (Islamic Republic of)", "1946-01-26", "2026-06-04", "IRAN",
         "IRAN (ISLAMIC REPUBLIC OF)"),
    seat("IRL", "Ireland", "1955-12-15"),
    seat("IRQ", "Iraq"),
    seat("KOR", "Republic of Korea", "1991-10-16"),
    seat("LBY", "Libya", "1955-12-15", "2026-06-04", "LIBYA", "LIBYAN ARAB JAMAHIRIYA"),
    seat("LVA", "Latvia", "1991-10-16"),
    seat("LKA", "Sri Lanka", "1955-12-15", "2026-06-04", "CEYLON", "SRI LANKA"),
    seat("MMR", "Myanmar", "1948-05-14", "2026-06-04", "BURMA", "MYANMAR"),
    seat("MNE", "Montenegro", "2006-06-30"),
    seat("NER", "Niger", "1960-10-08"),
    seat("NGA", "Nigeria", "1960-10-08"),
    seat("OMN", "Oman", "1971-10-07"),
    seat("PER", "Peru"),
    seat("PHL", "Philippines"),
    seat("PNG", "Papua New Guinea", "1975-11-10"),
    seat("PRK", "Democratic People's Republic of Korea", "1991-10-16"),
    seat("RUS", "Russian Federation", "1992-08-25"),
    seat("SCG", "Serbia and Montenegro", "2003-06-18", "2006-05-08"),
    seat("SDN", "Sudan", "1956-11-12"),
    seat("SRB", "Serbia", "2006-06-30"),
    seat("SSD", "South Sudan", "2011-01-01"),
    seat("SUN", "USSR", "1946-01-26", "1991-12-20"),
    seat("SVK", "Slovakia", "1993-04-29"),
    seat("SWE", "Sweden", "1946-12-08"),
    seat("TCD", "Chad", "1960-10-08"),
    seat("SWZ", "Eswatini", "1968-11-07", "2026-06-04", "SWAZILAND", "ESWATINI"),
    seat("TUR", "Türkiye", "1946-01-26", "2026-06-04", "TURKEY", "TURKIYE"),
    seat("TZA", "United Republic of Tanzania", "1961-12-15", "2026-06-04", "TANGANYIKA",
         "UNITED REPUBLIC OF TANZANIA"),
    seat("USA", "United States"),
    seat("YEM", "Yemen", "1947-10-21"),
    seat("YMD", "Democratic Yemen", "1967-12-14", "1989-12-29", "SOUTHERN YEMEN",
         "DEMOCRATIC YEMEN"),
    seat("YUG", "Yugoslavia", "1946-01-26", "2002-12-20"),
    seat("ZZB", "Zanzibar", "1963-12-16", "1963-12-17"),
]  # fmt: skip


# More of today's seats, for the names in other languages, sports codes, old spellings
# and long forms the slice above does not reach. `wide_matcher` (conftest.py) holds both.
MORE_SEATS = [
    seat("AGO", "Angola", "1976-12-01"),
    seat("ATG", "Antigua and Barbuda", "1981-11-11"),
    seat("AUS", "Australia"),
    seat("AUT", "Austria", "1955-12-15"),
    seat("AZE", "Azerbaijan", "1992-03-02"),
    seat("BGR", "Bulgaria", "1955-12-15"),
    seat("BHR", "Bahrain", "1971-09-21"),
    seat("BIH", "Bosnia and Herzegovina", "1992-05-22"),
    seat("BRA", "Brazil"),
    seat("BRN", "Brunei Darussalam", "1984-09-21"),
    seat("BTN", "Bhutan", "1971-09-21"),
    seat("CAF", "Central African Republic", "1960-09-20"),
    seat("CHE", "Switzerland", "2002-09-10"),
    seat("CHL", "Chile"),
    seat("CHN", "China"),
    seat("DNK", "Denmark"),
    seat("DZA", "Algeria", "1962-10-08"),
    seat("EGY", "Egypt"),
    seat("ERI", "Eritrea", "1993-05-28"),
    seat("GRC", "Greece"),
    seat("HRV", "Croatia", "1992-05-22"),
    seat("IDN", "Indonesia", "1950-09-28"),
    seat("IND", "India"),
    seat("ITA", "Italy", "1955-12-14"),
    seat("JOR", "Jordan", "1955-12-14"),
    seat("JPN", "Japan", "1956-12-18"),
    seat("KAZ", "Kazakhstan", "1992-03-02"),
    seat("KGZ", "Kyrgyzstan", "1992-03-02"),
    seat("LUX", "Luxembourg"),
    seat("MAR", "Morocco", "1956-11-12"),
    seat("MCO", "Monaco", "1993-05-28"),
    seat("MEX", "Mexico"),
    seat("MHL", "Marshall Islands", "1991-09-17"),
    seat("MLT", "Malta", "1964-12-01"),
    seat("MYS", "Malaysia", "1957-09-17"),
    seat("NLD", "Netherlands"),
    seat("PRT", "Portugal", "1955-12-14"),
    seat("SAU", "Saudi Arabia"),
    seat("SMR", "San Marino", "1992-03-02"),
    seat("SYR", "Syrian Arab Republic"),
    seat("TJK", "Tajikistan", "1992-03-02"),
    seat("TTO", "Trinidad and Tobago", "1962-09-18"),
    seat("URY", "Uruguay"),
    seat("VNM", "Viet Nam", "1977-09-20"),
    seat("ZAF", "South Africa"),
    seat("ZMB", "Zambia", "1964-12-01"),
    seat("ZWE", "Zimbabwe", "1980-08-25"),
]


def resolved(matcher: CountryMatcher, text: str, on_date: str | None = None) -> str | None:
    """The seat of a `match` (strong evidence), else None."""
    result = matcher.resolve(text, on_date=on_date)
    return result.best.id if result.status == "match" and result.best else None


def answered(matcher: CountryMatcher, text: str, on_date: str | None = None) -> str | None:
    """The seat answered for, a match or a best guess, else None."""
    result = matcher.resolve(text, on_date=on_date)
    return result.best.id if result.ok and result.best else None


# The names some seats were recorded under, and when: the vote file's member_names.
NAME_PERIODS = [
    ("MMR", "BURMA", "1948-05-14", "1989-06-01"),
    ("MMR", "MYANMAR", "1989-06-18", "2026-06-04"),
    ("COD", "CONGO (LEOPOLDVILLE)", "1960-10-08", "1971-10-25"),
    ("COD", "ZAIRE", "1971-11-09", "1997-05-01"),
    ("COD", "DEMOCRATIC REPUBLIC OF THE CONGO", "1997-06-01", "2026-06-04"),
    ("TUR", "TURKEY", "1946-01-26", "2026-04-15"),
    ("TUR", "TURKIYE", "2022-06-08", "2026-06-04"),
]


def write_seats_db(path: Path) -> Path:
    """A database with the schema and the countries of SEATS, and no votes."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_SQL)
    conn.execute("INSERT INTO metadata VALUES ('schema_version', '1')")
    for c in SEATS:
        conn.execute(
            "INSERT INTO countries VALUES (?, ?, ?, ?, ?)",
            (c.code, c.name, c.first_date, c.last_date, int(c.former)),
        )
        for name in c.recorded_names:
            conn.execute(
                "INSERT INTO member_names (code, name, first_date, last_date) VALUES (?, ?, ?, ?)",
                (c.code, name, c.first_date, c.last_date),
            )
    conn.commit()
    conn.close()
    return path
