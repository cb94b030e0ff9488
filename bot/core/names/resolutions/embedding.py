"""Text to vectors with WordLlama's static embeddings, on the CPU, without any network.

The `wordllama` package ships its model inside the wheel: a token embedding matrix
(`weights/l2_supercat_256.safetensors`, 32,000 x 256 in float16) and its tokenizer
(`tokenizers/l2_supercat_tokenizer_config.json`). A text's embedding is the mean of its
tokens' rows, normalised to unit length, which is what `WordLlama.embed(..., norm=True)`
computes. This module reads the same two files with `safetensors` and `tokenizers`
and keeps the matrix in float16: importing `wordllama` itself and its float32 copy of
the matrix would add about 80 MB to a process that only embeds a few words per question.
A test checks that the vectors agree with `WordLlama.embed` itself.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt

MODEL = "wordllama l2_supercat_256"
DIM = 256
WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"

Vectors = npt.NDArray[np.float32]


class EmbeddingError(RuntimeError):
    """The model's files are missing (the wordllama package is not installed)."""


def package_dir() -> Path:
    """Where the installed wordllama package keeps its files (it is not imported)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingError("the wordllama package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


class Embedder:
    """Embeds texts as unit vectors of DIM float32 values."""

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        folder = folder or package_dir()
        try:
            with safe_open(str(folder / WEIGHTS), framework="np") as fh:
                self._matrix = fh.get_tensor(TENSOR)  # float16, kept as it is
            self._tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        except OSError as exc:
            raise EmbeddingError(f"{folder}: the embedding model cannot be read ({exc})") from None
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._lock = threading.Lock()  # a Tokenizer is not to be shared across threads

    def embed(self, texts: list[str]) -> Vectors:
        """One unit vector per text (a zero vector for a text without tokens)."""
        with self._lock:
            if len(texts) == 1:  # a query: one text, without the batch's overhead
                encoded = [self._tokenizer.encode(texts[0], add_special_tokens=False)]
            else:
                encoded = self._tokenizer.encode_batch(texts, add_special_tokens=False)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        top = self._matrix.shape[0] - 1
        for row, encoding in enumerate(encoded):
            ids = np.clip(np.asarray(encoding.ids, dtype=np.int64), 0, top)
            if ids.size == 0:
                continue
            mean = self._matrix[ids].astype(np.float32).mean(axis=0)
            norm = float(np.linalg.norm(mean))
            if norm > 0:
                out[row] = mean / norm
        return out

    def embed_one(self, text: str, dims: int = DIM) -> Vectors:
        """One text's unit vector in its first `dims` dimensions (what `embed` gives, cut
        to `dims` and made unit length again), without the batch's overhead."""
        with self._lock:
            ids = self._tokenizer.encode(text, add_special_tokens=False).ids
        if not ids:
            return np.zeros(dims, dtype=np.float32)
        rows = self._matrix[np.minimum(np.asarray(ids), self._matrix.shape[0] - 1), :dims]
        mean: Vectors = rows.astype(np.float32).mean(axis=0)
        norm = float(np.sqrt(mean @ mean))
        return mean / np.float32(norm) if norm > 0 else mean


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> Embedder:
    """One embedder per process, loaded on first use (about 0.1 s, 30 MB)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared
