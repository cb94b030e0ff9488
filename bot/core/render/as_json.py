"""Answers to the `--json` shape: `kind` plus the fields of that kind.

`bot.core.render.text` re-exports `render_json`, beside `render_text` and `embed_data`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.core.answers.notes import record_link
from bot.core.models import (
    AlliesAnswer,
    Answer,
    CompareAnswer,
    CountryRef,
    HistoryAnswer,
    HowVotedAnswer,
    Match,
    RecentVotesAnswer,
    Resolution,
    ResolutionAnswer,
    SearchAnswer,
    Unresolved,
)

METHOD = (
    "Agreement: identical votes where both voted Yes, No or Abstain. Coincidence: identical "
    "votes where both voted Yes or No (the US State Department's Voting Practices method)."
)


def _country_json(ref: CountryRef) -> dict[str, Any]:
    return {"code": ref.code, "name": ref.name, "former": ref.former}


def _resolution_json(r: Resolution) -> dict[str, Any]:
    return {
        "symbol": r.symbol,
        "title": r.title,
        "date": r.date,
        "session": r.session,
        "yes": r.yes,
        "no": r.no,
        "abstain": r.abstain,
        "non_voting": r.non_voting,
        "link": record_link(r),
    }


def _codes(refs: Sequence[CountryRef]) -> list[str]:
    return [r.code for r in refs]


def _reading_json(guess: Match | None) -> dict[str, Any]:
    """For an answer whose resolution was a best guess: that it was, and the others."""
    if guess is None:
        return {}
    candidates = [{"symbol": c.id, "title": c.name, "date": c.note} for c in guess.candidates]
    return {"reading": {"status": guess.status, "query": guess.query, "candidates": candidates}}


def _json_howvoted(a: HowVotedAnswer) -> dict[str, Any]:
    return {
        "country": _country_json(a.country),
        "resolution": _resolution_json(a.resolution),
        "vote": a.vote,
        "sided_with": _codes(a.sided_with),
        "opposed_by": _codes(a.opposed_by),
        "notes": list(a.notes),
        **_reading_json(a.guess),
        # a yes/no question: the vote it asked about and whether the answer is yes
        **({"asked": a.asked, "answer_yes": a.vote == a.asked} if a.asked else {}),
    }


def _json_recent(a: RecentVotesAnswer) -> dict[str, Any]:
    return {
        "country": _country_json(a.country),
        "recent": [{"resolution": _resolution_json(r), "vote": v} for r, v in a.recent],
        "minority": [
            {"resolution": _resolution_json(r), "vote": v, "voted_the_same": n}
            for r, v, n in a.minority
        ],
    }


def _json_resolution(a: ResolutionAnswer) -> dict[str, Any]:
    return {
        "resolution": _resolution_json(a.resolution),
        "no_votes": _codes(a.no_votes),
        "abstentions": _codes(a.abstentions),
        "non_voting": _codes(a.non_voting),
        "yes_votes": _codes(a.yes_votes),
        "notes": list(a.notes),
        **_reading_json(a.guess),
    }


def _json_compare(a: CompareAnswer) -> dict[str, Any]:
    return {
        "a": _country_json(a.a),
        "b": _country_json(a.b),
        "agreement": a.agreement,
        "coincidence": a.coincidence,
        "votes": a.votes,
        "yes_no_votes": a.yes_no_votes,
        "method": METHOD,
        "since": a.since,
        "until": a.until,
        "topic": a.topic,
        "latest_disagreements": [
            {"resolution": _resolution_json(d.resolution), "vote_a": d.vote_a, "vote_b": d.vote_b}
            for d in a.latest_disagreements
        ],
        "by_year": [
            {"year": y.year, "agreement": y.agreement, "votes": y.votes} for y in a.by_year
        ],
        "notes": list(a.notes),
    }


def _json_allies(a: AlliesAnswer) -> dict[str, Any]:
    def scores(items: Sequence[Any]) -> list[dict[str, Any]]:
        return [
            {
                "code": s.country.code,
                "name": s.country.name,
                "agreement": s.agreement,
                "votes": s.votes,
            }
            for s in items
        ]

    return {
        "country": _country_json(a.country),
        "most": scores(a.most),
        "least": scores(a.least),
        "min_votes": a.min_votes,
        "since": a.since,
        "until": a.until,
        "topic": a.topic,
        "notes": list(a.notes),
    }


def _json_history(a: HistoryAnswer) -> dict[str, Any]:
    return {
        "country": _country_json(a.country),
        "topic": a.topic,
        "entries": [
            {"resolution": _resolution_json(e.resolution), "vote": e.vote, "changed": e.changed}
            for e in a.entries
        ],
        "notes": list(a.notes),
    }


def _json_search(a: SearchAnswer) -> dict[str, Any]:
    return {
        "topic": a.topic,
        "page": a.page,
        "pages": a.pages,
        "total": a.total,
        "results": [_resolution_json(r) for r in a.results],
    }


def _json_unresolved(a: Unresolved) -> dict[str, Any]:
    match = a.match
    return {
        "what": a.kind,
        "status": "usage" if a.kind == "usage" else (match.status if match else "none"),
        "query": match.query if match is not None else "",
        "candidates": [
            {"id": c.id, "name": c.name, "score": c.score}
            for c in (match.candidates if match is not None else ())
        ],
        "message": a.message,
    }


_JSON: dict[type, Callable[[Any], dict[str, Any]]] = {
    HowVotedAnswer: _json_howvoted,
    RecentVotesAnswer: _json_recent,
    ResolutionAnswer: _json_resolution,
    CompareAnswer: _json_compare,
    AlliesAnswer: _json_allies,
    HistoryAnswer: _json_history,
    SearchAnswer: _json_search,
    Unresolved: _json_unresolved,
}


def json_fields(answer: Answer) -> dict[str, Any]:
    """The fields of an answer's kind, as `--json` shows them after `kind` and `text`."""
    return _JSON[type(answer)](answer)
