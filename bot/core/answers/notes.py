"""The words that travel inside answers: how a name was read, why it was not found,
and where the record is."""

from __future__ import annotations

from bot.core.models import Match, Resolution
from bot.core.text import clip, quote_user_text

UNDL_SEARCH = "https://digitallibrary.un.org/search?ln=en&p="


def record_link(resolution: Resolution) -> str:
    """The UN record when the data has it, otherwise a Digital Library search by symbol."""
    if resolution.link:
        return resolution.link
    return UNDL_SEARCH + resolution.symbol.replace("/", "%2F")


GUESS_OTHERS = 3  # other readings named beside a best guess


def reading_notes(match: Match) -> tuple[str, ...]:
    """What an answer says about how its resolution was read: for a best guess, that it
    is one, and the other readings; the matcher's own note (a recurring item's others)."""
    notes = (match.note,) if match.note else ()
    if not match.guessed or match.best is None:
        return notes
    best = match.best
    line = f"Taking “{quote_user_text(match.query)}” to mean {best.id} ({best.note})."
    others = [f"{c.id} ({c.note})" for c in match.candidates[:GUESS_OTHERS]]
    if others:
        line += f" Other readings: {', '.join(others)}."
    return (line, *notes)


def candidate_names(what: str, match: Match) -> str:
    if what == "a resolution":  # titles repeat year after year: give the symbol first
        return "; ".join(f"{c.id} “{clip(c.name, 60, trim=False)}”" for c in match.candidates[:5])
    return ", ".join(c.name for c in match.candidates[:5])


def not_found(what: str, match: Match) -> str:
    query = quote_user_text(match.query)
    # The matcher's note says why, e.g. "Palestine is an observer, not a member state".
    why = f" {match.note.rstrip('.')}." if match.note else ""
    if match.status == "ambiguous" and match.candidates:
        names = candidate_names(what, match)
        # a note that only names the candidates again ("can mean Congo or DR Congo") adds nothing
        if all(c.name in match.note for c in match.candidates[:5]):
            why = ""
        return f"“{query}” could be several things: {names}.{why} Which one?"
    # A country name the matcher knows holds no seat (Taiwan, Palestine) is explained by
    # its note; a spelling guess next to it ("Did you mean United Kingdom?") only confuses.
    if match.candidates and not (why and what == "a country"):
        names = candidate_names(what, match)
        return f"I could not find {what} called “{query}”.{why} Did you mean {names}?"
    return f"I could not find {what} called “{query}”.{why}"
