"""The index file beside the database: built once, reused, built again when the data or
the curated files change, and kept in memory when the folder cannot be written; and the
embeddings, which must be WordLlama's own."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from bot.core.data.index_store import index_path
from bot.core.data.ingest import import_file
from bot.core.data.store import Store
from bot.core.names.resolutions.build import open_index
from bot.core.names.resolutions.embedding import Embedder, package_dir
from tests.core.names.resolutions.sample import FIXTURE_CSV, LANDMARKS, write_data


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "votes.db"
    import_file(FIXTURE_CSV, path)
    return path


def test_the_index_is_built_once_and_reused(db: Path, tmp_path: Path) -> None:
    data = write_data(tmp_path / "data")
    with Store(db) as store:
        open_index(store, data).close()
        built = index_path(db).stat().st_mtime_ns
        open_index(store, data).close()
        assert index_path(db).stat().st_mtime_ns == built
        # another version of the landmarks: built again
        (data / "landmarks" / "test.toml").write_text(
            LANDMARKS + '\n[[vote]]\nsymbol = "A/RES/ES-11/4"\nnames = ["annexations vote"]\n',
            encoding="utf-8",
        )
        index = open_index(store, data)
        assert index_path(db).stat().st_mtime_ns != built
        assert any("annexations vote" in d.names for d in index.documents())
        index.close()


def test_a_new_import_makes_the_index_out_of_date(db: Path, tmp_path: Path) -> None:
    data = write_data(tmp_path / "data")
    with Store(db) as store:
        first = open_index(store, data).meta()["db_imported_at"]
    import_file(FIXTURE_CSV, db)
    with Store(db) as store:
        wanted = store.metadata()["imported_at"]
        assert open_index(store, data).meta()["db_imported_at"] == wanted
    assert first  # the two imports are told apart by their metadata


def test_a_folder_that_cannot_be_written_keeps_the_index_in_memory(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.core.names.resolutions import build

    def refuse(path: Path, content: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(build, "write_index", refuse)
    with Store(db) as store:
        index = open_index(store, write_data(tmp_path / "data"))
    assert index.documents() and not index_path(db).exists()
    assert "kept in memory" in caplog.text


def test_an_index_in_memory_when_asked(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        index = open_index(store, write_data(tmp_path / "data"), write=False)
        assert index.documents() and not index_path(db).exists()


def test_the_embeddings_are_wordllama_s_own() -> None:
    wordllama = pytest.importorskip("wordllama")
    texts = ["suez ceasefire", "Restoration of the lawful rights of China", "Côte d'Ivoire", ""]
    ours = Embedder().embed(texts)
    model = wordllama.WordLlama.load(cache_dir=package_dir(), disable_download=True)
    with np.errstate(invalid="ignore"):
        theirs = model.embed(texts, norm=True)
    assert np.allclose(ours[:3], theirs[:3], atol=1e-5)
    assert not ours[3].any()  # no tokens: a zero vector, not NaN


@pytest.mark.parametrize("dims", [256, 128, 64])
def test_one_text_embeds_as_in_a_batch_cut_to_its_dimensions(dims: int) -> None:
    embedder = Embedder()
    for text in ["suez ceasefire", "the one saying russia must pay reparations", "Côte d'Ivoire"]:
        whole = embedder.embed([text])[0, :dims]
        assert np.allclose(embedder.embed_one(text, dims), whole / np.linalg.norm(whole), atol=1e-6)
    assert not embedder.embed_one("", dims).any() and embedder.embed_one("", dims).shape == (dims,)


def test_the_embedder_does_not_import_wordllama() -> None:
    import subprocess

    code = (
        "import sys\nfrom bot.core.names.resolutions.embedding import Embedder\n"
        "Embedder().embed(['x'])\nassert 'wordllama' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
