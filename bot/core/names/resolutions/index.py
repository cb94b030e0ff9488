"""The documents of the resolution matcher's index: one per resolution, built from the
vote database and the curated files (`build` writes them, with their embeddings and the
matcher's other tables, into the index file beside the database).

A document holds what a resolution is known by: its title, agenda and subject headings,
its date words, and what the landmark files say of it (names, event, description,
topics, the countries it concerned). The index file (`<db>.index`) is tied to one import
of the database and one version of the curated files and the embedding model; when any
of them changes, the next process to open it builds it again (in memory when the
database's folder cannot be written).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.core.data.index_store import IndexDocument
from bot.core.data.store import Store
from bot.core.models import Resolution
from bot.core.names.resolutions.bm25 import FIELD_WEIGHTS
from bot.core.names.resolutions.embedding import MODEL, Embedder
from bot.core.names.resolutions.knowledge import Landmark, knowledge_digest
from bot.core.names.resolutions.text import clean_title, title_acronyms

NAME_SEPARATOR = " | "  # between the names in a document's `names` field
# Changed whenever documents are built differently, so that older index files are rebuilt.
DOCUMENTS_VERSION = "6"
VECTORS = "vectors"  # the documents' distinct embeddings (float16), a row each
VECTOR_IDS = "vector_ids"  # every document's id ...
VECTOR_ROWS = "vector_rows"  # ... and its row of VECTORS (recurring titles share one)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()


@dataclass(frozen=True, slots=True)
class Knowledge:
    """What the landmark files say of one resolution, merged over every entry naming it."""

    names: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    series: tuple[str, ...] = ()  # ids of the recurring items it belongs to


def knowledge_by_symbol(landmarks: Iterable[Landmark]) -> dict[str, Knowledge]:
    merged: dict[str, dict[str, list[str]]] = {}
    for entry in landmarks:
        for symbol in entry.symbols:
            slot = merged.setdefault(symbol, {k: [] for k in Knowledge.__slots__})
            slot["names"] += entry.names
            slot["events"] += [entry.event] if entry.event else []
            slot["about"] += [entry.about] if entry.about else []
            slot["topics"] += entry.topics
            slot["countries"] += entry.countries
            slot["series"] += [entry.series] if entry.series else []
    return {
        symbol: Knowledge(**{k: tuple(dict.fromkeys(v)) for k, v in fields.items()})
        for symbol, fields in merged.items()
    }


def date_words(resolution: Resolution) -> str:
    year, month = resolution.date[:4], int(resolution.date[5:7] or 0)
    words = [year, _MONTH_NAMES[month - 1] if 1 <= month <= 12 else ""]
    if resolution.session.startswith("ES-"):
        words.append("emergency special session")
    elif resolution.session.startswith("S-"):
        words.append("special session")
    return " ".join(w for w in words if w)


def document(
    resolution: Resolution, known: Knowledge | None, country_names: dict[str, str]
) -> IndexDocument:
    known = known or Knowledge()
    countries = [country_names.get(code, "") for code in known.countries]
    return IndexDocument(
        id=resolution.id,
        title=clean_title(resolution.title),
        agenda=resolution.agenda,
        subjects=resolution.subjects.replace("|", "; "),
        dates=date_words(resolution),
        names=NAME_SEPARATOR.join(
            [*known.names, *known.events, *sorted(title_acronyms(resolution.title))]
        ),
        about=" ".join([*known.about, *known.topics, *(c for c in countries if c)]),
    )


def embedding_text(doc: IndexDocument) -> str:
    return " ".join(part for part in (doc.title, doc.names, doc.about) if part)


def build_documents(
    resolutions: Sequence[Resolution],
    knowledge: dict[str, Knowledge],
    country_names: dict[str, str],
) -> list[IndexDocument]:
    return [document(r, knowledge.get(r.symbol), country_names) for r in resolutions]


def embed_documents(
    docs: Sequence[IndexDocument], embedder: Embedder
) -> dict[str, npt.NDArray[np.generic]]:
    """The arrays VECTORS, VECTOR_IDS and VECTOR_ROWS: each distinct text embedded once
    (a recurring item's resolutions mostly read alike)."""
    rows: dict[str, int] = {}
    for doc in docs:
        rows.setdefault(embedding_text(doc), len(rows))
    texts = list(rows)
    vectors = [embedder.embed(texts[i : i + 256]) for i in range(0, len(texts), 256)]
    stacked = np.concatenate(vectors) if vectors else np.zeros((0, 1), dtype=np.float32)
    return {
        VECTORS: stacked.astype(np.float16),
        VECTOR_IDS: np.array([d.id for d in docs], dtype=np.int64),
        VECTOR_ROWS: np.array([rows[embedding_text(d)] for d in docs], dtype=np.int64),
    }


def index_meta(store: Store, data_dir: Path) -> dict[str, str]:
    """What an index is built from: the import of the database, the curated files and
    the embedding model. An index whose metadata differs is built again."""
    db = store.metadata()
    return {
        "db_sha256": db.get("sha256", ""),
        "db_imported_at": db.get("imported_at", ""),
        "db_schema": db.get("schema_version", ""),
        "knowledge": knowledge_digest(data_dir),
        "model": MODEL,
        "documents": DOCUMENTS_VERSION,
        "field_weights": ",".join(map(str, FIELD_WEIGHTS)),
    }
