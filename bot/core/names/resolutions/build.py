"""Building the resolution matcher's index file: the documents, their embeddings, and
every table the matcher would otherwise compute at each start (the names the typo
ranker compares, the words typos are fixed to, the recurring items, the parsed symbols,
what the landmark files call each resolution).

`open_index` returns the index beside the database when it is up to date, else builds
it: written beside the database when its folder can be written, else kept in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy.typing as npt

from bot.core.data.index_store import (
    DOCUMENT_FIELDS,
    INDEX_SCHEMA_VERSION,
    IndexContent,
    IndexDocument,
    IndexStore,
    fts_tokens,
    index_path,
    write_index,
)
from bot.core.data.store import Store
from bot.core.models import Resolution
from bot.core.names.resolutions.bm25 import FIELD_WEIGHTS, build_postings, token_entries
from bot.core.names.resolutions.embedding import shared_embedder
from bot.core.names.resolutions.exact import phrase_entries
from bot.core.names.resolutions.fuzzy import name_entries
from bot.core.names.resolutions.index import (
    build_documents,
    embed_documents,
    index_meta,
    knowledge_by_symbol,
)
from bot.core.names.resolutions.knowledge import Words, load_landmarks, load_words
from bot.core.names.resolutions.lexical import vocabulary_entries
from bot.core.names.resolutions.series import series_groups
from bot.core.names.resolutions.symbol_table import symbol_entries
from bot.core.names.resolutions.topics import named_entries
from bot.core.text import normalise

log = logging.getLogger(__name__)

SERIES = "series"  # the array of (resolution id, item id) rows
PROBLEMS = "problem"  # the index entries: landmark entries that name no recorded vote


def build_index(
    store: Store, data_dir: Path, resolutions: Sequence[Resolution] | None = None
) -> IndexContent:
    """Everything a new index file holds."""
    resolutions = store.resolutions() if resolutions is None else resolutions
    landmarks = load_landmarks(data_dir)
    by_symbol = {r.symbol: r.id for r in resolutions}
    names = {c.code: c.name for c in store.countries()}
    docs = build_documents(resolutions, knowledge_by_symbol(landmarks), names)
    listed = [[by_symbol[s] for s in e.symbols if s in by_symbol] for e in landmarks if e.series]
    words = load_words(data_dir)
    postings, bm25_arrays = lexical_postings(docs, words)
    arrays: dict[str, npt.NDArray[Any]] = {
        **embed_documents(docs, shared_embedder()),
        SERIES: series_groups(resolutions, listed),
        **bm25_arrays,
    }
    entries = [
        *postings,
        *name_entries(docs),
        *phrase_entries(docs, words),
        *vocabulary_entries(docs),
        *symbol_entries(resolutions),
        *named_entries(landmarks, by_symbol),
        *(
            (PROBLEMS, f"{e.where}: {symbol} is not a recorded vote in the data", 0)
            for e in landmarks
            for symbol in e.symbols
            if symbol not in by_symbol
        ),
    ]
    return IndexContent(index_meta(store, data_dir), docs, arrays, entries)


def lexical_postings(
    docs: Sequence[IndexDocument], words: Words
) -> tuple[list[tuple[str, str, int]], dict[str, npt.NDArray[Any]]]:
    """The lexical ranker's postings (bm25 shares of every word and word pair, from the
    full-text tokenizer's own terms) and how each word of the documents and of the
    [alike] groups is tokenized."""
    columns = fts_tokens([getattr(d, f) for d in docs for f in DOCUMENT_FIELDS])
    n = len(DOCUMENT_FIELDS)
    per_doc = [(d.id, columns[i * n : (i + 1) * n]) for i, d in enumerate(docs)]
    entries, arrays = build_postings(per_doc, FIELD_WEIGHTS)
    vocabulary = {
        w for d in docs for f in DOCUMENT_FIELDS for w in normalise(getattr(d, f)).split()
    }
    vocabulary.update(w for group in words.alike for phrase in group for w in phrase.split())
    ordered = sorted(vocabulary)
    return [*entries, *token_entries(ordered, fts_tokens(ordered))], arrays


def open_index(
    store: Store,
    data_dir: Path,
    *,
    resolutions: Sequence[Resolution] | None = None,
    write: bool = True,
) -> IndexStore:
    """The index beside the database when it is up to date; else one built now, written
    beside the database when `write` and its folder allow, else kept in memory."""
    path = index_path(store.path)
    # an index of another layout, or of other data or curated files, is built again
    wanted = {**index_meta(store, data_dir), "index_schema": INDEX_SCHEMA_VERSION}
    found = IndexStore.open(path)
    if found is not None:
        meta = found.meta()
        if all(meta.get(k) == v for k, v in wanted.items()):
            return found
        found.close()
    content = build_index(store, data_dir, resolutions)
    if write:
        try:
            write_index(path, content)
            log.info("Built the resolution index %s", path)
            reopened = IndexStore.open(path)
            if reopened is not None:
                return reopened
        except OSError as exc:
            log.warning("Cannot write the resolution index %s (%s); kept in memory", path, exc)
    return IndexStore.in_memory(content)
