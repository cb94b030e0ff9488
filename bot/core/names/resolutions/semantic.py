"""Semantic ranking: the documents whose embedding is closest to the reference's (cosine
of WordLlama static embeddings), for references in words no title uses ("the one saying
russia must pay reparations")."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from bot.core.names.resolutions.embedding import Embedder, shared_embedder
from bot.core.names.resolutions.period import Allowed
from bot.core.names.resolutions.query import Query

RANKED = 30
REMEMBERED = 64
DIMENSIONS = 128  # WordLlama's vectors keep most of their sense in their first dimensions


class SemanticRanker:
    def __init__(
        self,
        vectors: npt.NDArray[np.float16],
        ids: npt.NDArray[np.int64],
        rows: npt.NDArray[np.int64],
        embedder: Callable[[], Embedder] = shared_embedder,
    ) -> None:
        """`vectors`: the distinct embeddings; document ids[i] has vectors[rows[i]].
        `embedder` gives the model on first use (loading it takes about 0.1 s)."""
        self._distinct = _unit(np.asarray(vectors, dtype=np.float32)[:, :DIMENSIONS])
        self._of = rows
        self._ids = ids
        self._row = {int(rid): i for i, rid in enumerate(ids)}
        self._embedder = embedder
        self._recent: dict[str, npt.NDArray[np.float32]] = {}  # the last queries' vectors
        self._lock = threading.Lock()

    def forget(self) -> None:
        with self._lock:
            self._recent.clear()

    def query_vector(self, query: Query) -> npt.NDArray[np.float32] | None:
        text = " ".join([query.phrase, *(" ".join(sorted(n)) for n in query.country_words)])
        if not text.strip() or not len(self._ids):
            return None
        with self._lock:
            vector = self._recent.get(text)
        if vector is None:
            vector = self._embedder().embed_one(text, DIMENSIONS)
            with self._lock:
                if len(self._recent) >= REMEMBERED:
                    self._recent.pop(next(iter(self._recent)))
                self._recent[text] = vector
        return vector

    def rank(
        self, query: Query, *, limit: int = RANKED, among: Allowed | None = None
    ) -> list[tuple[int, float]]:
        """(document id, cosine similarity) best first, among some documents only when
        `among` is given."""
        vector = self.query_vector(query)
        if vector is None:
            return []
        if not vector.any():
            return []
        everyone = (self._distinct @ vector)[self._of]
        if among is None:
            rows = None
            scores = everyone
        else:
            rows = among.rows(self._ids)
            if not len(rows):
                return []
            scores = everyone[rows]
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, min(limit, len(scores) - 1))[:limit]
        top = top[np.argsort(-scores[top])]
        where = top if rows is None else rows[top]
        return [(int(self._ids[i]), float(s)) for i, s in zip(where, scores[top], strict=True)]

    def score_of(self, query: Query, rid: int) -> float | None:
        vector = self.query_vector(query)
        row = self._row.get(rid)
        if vector is None or row is None or not vector.any():
            return None
        return float(self._distinct[self._of[row]] @ vector)


def _unit(rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.ascontiguousarray(rows / np.where(norms > 0, norms, 1.0), dtype=np.float32)
