"""The JSON shape of a Match, shared by `votebot match country` and `match resolution`."""

from __future__ import annotations

from typing import Any

from bot.core.models import Candidate, Match


def candidate_json(candidate: Candidate, *, id_field: str, name_field: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        id_field: candidate.id,
        name_field: candidate.name,
        "score": round(candidate.score, 1),
    }
    if candidate.note:
        out["note"] = candidate.note
    return out


def match_json(match: Match, *, id_field: str = "code", name_field: str = "name") -> dict[str, Any]:
    """query, status, the best reading (null when there is none) and the candidates.

    Countries use id_field="code", name_field="name"; resolutions "symbol" and "title".
    For an ambiguous match the best reading is the default one, when there is one.
    """
    best = match.best
    out: dict[str, Any] = {
        "query": match.query,
        "status": match.status,
        id_field: best.id if best else None,
        name_field: best.name if best else None,
        "score": round(best.score, 1) if best else None,
        "candidates": [
            candidate_json(c, id_field=id_field, name_field=name_field) for c in match.candidates
        ],
    }
    if match.note:
        out["note"] = match.note
    return out
