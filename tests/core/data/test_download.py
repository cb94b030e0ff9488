"""`data update` against a local HTTP server on 127.0.0.1 that plays the UN library."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.core.data import download as dl
from bot.core.data.ingest import import_file
from bot.core.data.layout import file_date_from_name
from bot.core.data.store import Store
from tests.paths import FIXTURES

CSV_BYTES = (FIXTURES / "ingest" / "small_2025.csv").read_bytes()
OLDER_CSV = (FIXTURES / "ingest" / "small_2024.csv").read_bytes()
RECORD = "/record/4060887"
NEWEST = "2025_12_1_ga_voting.csv"  # newer than 2025_9_19 although "12" < "9_" as text

Route = Callable[[BaseHTTPRequestHandler], None]


def _send(handler: BaseHTTPRequestHandler, body: bytes, ctype: str, status: int = 200) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _page(links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{link}">{link.rsplit("/", 1)[-1]}</a></li>' for link in links)
    return f"<!DOCTYPE html><html><body><ul>{items}</ul></body></html>".encode()


FILE_LINKS = [
    f"{RECORD}/files/2025_9_19_ga_voting.csv",
    f"{RECORD}/files/{NEWEST}",
    f"{RECORD}/files/{NEWEST}_md.md",
]


def _api_list() -> bytes:
    items = [
        {
            "name": "2025_9_19_ga_voting",
            "format": ".csv",
            "url": f"{RECORD}/files/2025_9_19_ga_voting.csv",
        },
        {"name": NEWEST.removesuffix(".csv"), "format": ".csv", "url": f"{RECORD}/files/{NEWEST}"},
        {"name": f"{NEWEST}_md", "format": ".md", "url": f"{RECORD}/files/{NEWEST}_md.md"},
    ]
    return json.dumps(items).encode()


def _truncated(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/csv")
    handler.send_header("Content-Length", str(len(CSV_BYTES)))
    handler.end_headers()
    handler.wfile.write(CSV_BYTES[: len(CSV_BYTES) // 2])
    handler.wfile.flush()
    handler.close_connection = True


def _stall_before_headers(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(1)
    _send(handler, CSV_BYTES, "text/csv")


def _stall_in_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/csv")
    handler.send_header("Content-Length", str(len(CSV_BYTES)))
    handler.end_headers()
    handler.wfile.write(CSV_BYTES[:100])
    handler.wfile.flush()
    time.sleep(1)


def _challenge(handler: BaseHTTPRequestHandler) -> None:
    _send(handler, b"<html><head><title>Just a moment...</title></head></html>", "text/html")


class FakeLibrary:
    """Routes by path (query included); counts requests; records User-Agents."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {
            RECORD: lambda h: _send(h, _page(FILE_LINKS), "text/html; charset=utf-8"),
            "/api/v1/file?recid=4060887": lambda h: _send(h, _api_list(), "application/json"),
            f"{RECORD}/files/{NEWEST}": lambda h: _send(h, CSV_BYTES, "text/csv"),
            f"{RECORD}/files/2025_9_19_ga_voting.csv": lambda h: _send(h, OLDER_CSV, "text/csv"),
            "/files/truncated.csv": _truncated,
            "/files/stall-headers.csv": _stall_before_headers,
            "/files/stall-body.csv": _stall_in_body,
            "/files/challenge.csv": _challenge,
        }
        self.hits: list[str] = []
        self.agents: list[str] = []
        self.base = ""


@pytest.fixture()
def library() -> Iterator[FakeLibrary]:
    lib = FakeLibrary()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            lib.hits.append(self.path)
            lib.agents.append(self.headers.get("User-Agent", ""))
            route = lib.routes.get(self.path)
            try:
                if route is None:
                    _send(self, b"<html>not found</html>", "text/html", status=404)
                else:
                    route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first, as it should after a timeout

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    lib.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield lib
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_the_newest_file_is_chosen_by_date_as_numbers() -> None:
    names = [
        "2025_7_23_ga_voting.csv",
        "2025_9_19_ga_voting.csv",
        "2025_12_1_ga_voting.csv",
        "2024_09_12_ga_resolutions_voting.csv",
        "2026_02_06_ga_voting.csv_md.md",
    ]
    files = [dl.RemoteFile(n, f"http://127.0.0.1/{n}", file_date_from_name(n)) for n in names]
    assert dl.newest_csv(files).name == "2025_12_1_ga_voting.csv"


def test_record_files_come_from_the_json_list_and_the_newest_date_wins(
    library: FakeLibrary,
) -> None:
    files = dl.list_record_files(library.base + RECORD, timeout=5)
    assert {f.name for f in files} == {"2025_9_19_ga_voting.csv", NEWEST}
    newest = dl.newest_csv(files)
    assert newest.name == NEWEST and newest.date == "2025-12-01"
    assert newest.url == f"{library.base}{RECORD}/files/{NEWEST}"
    assert library.hits == ["/api/v1/file?recid=4060887"]
    assert all(agent.startswith("votebot/") for agent in library.agents)


@pytest.mark.parametrize("api", ["missing", "challenge"])
def test_record_page_links_are_used_when_the_json_list_fails(
    library: FakeLibrary, api: str
) -> None:
    if api == "missing":
        del library.routes["/api/v1/file?recid=4060887"]
    else:
        library.routes["/api/v1/file?recid=4060887"] = _challenge
    files = dl.list_record_files(library.base + RECORD + "/", timeout=5)
    assert dl.newest_csv(files).name == NEWEST
    assert library.hits[-1] == RECORD


def test_update_from_the_record_imports_the_newest_file_then_skips_it(
    library: FakeLibrary, tmp_path: Path
) -> None:
    db = tmp_path / "votes.db"
    first = dl.update_database(library.base + RECORD, db, timeout=5)
    assert not first.skipped and first.summary is not None
    assert first.chosen is not None and first.chosen.name == NEWEST
    with Store(db) as st:
        meta = st.metadata()
    assert meta["source"] == f"{library.base}{RECORD}/files/{NEWEST}"
    assert meta["file_date"] == "2025-12-01"
    again = dl.update_database(library.base + RECORD, db, timeout=5)
    assert again.skipped and again.sha256 == meta["sha256"]
    assert not list((tmp_path / "downloads").iterdir())


def test_a_record_that_links_a_local_file_is_refused(library: FakeLibrary, tmp_path: Path) -> None:
    secret = tmp_path / "2099_1_1_ga_voting.csv"
    secret.write_bytes(CSV_BYTES)
    listing = [{"name": secret.name, "format": ".csv", "url": secret.as_uri()}]
    library.routes["/api/v1/file?recid=4060887"] = lambda h: _send(
        h, json.dumps(listing).encode(), "application/json"
    )
    db = tmp_path / "votes.db"
    with pytest.raises(dl.DownloadError, match="not an http"):
        dl.update_database(library.base + RECORD, db, timeout=5)
    assert not db.exists()


def test_update_from_a_direct_file_url(library: FakeLibrary, tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    result = dl.update_database(
        f"{library.base}{RECORD}/files/2025_9_19_ga_voting.csv", db, timeout=5
    )
    assert result.summary is not None and result.summary.layout == "2024"
    with Store(db) as st:
        assert st.metadata()["file_date"] == "2025-09-19"


def test_update_from_a_local_path_skips_an_identical_file(tmp_path: Path) -> None:
    db = tmp_path / "votes.db"
    src = FIXTURES / "ingest" / "small_2025.csv"
    assert not dl.update_database(str(src), db, timeout=5).skipped
    assert dl.update_database(str(src), db, timeout=5).skipped


@pytest.mark.parametrize(
    ("path", "timeout", "message"),
    [
        ("/files/nothing-here.csv", 5, "the server answered 404"),
        ("/files/stall-headers.csv", 0.3, "no answer within 0.3 s"),
        ("/files/stall-body.csv", 0.3, "stalled for more than 0.3 s after 100 bytes"),
        ("/files/truncated.csv", 5, "cut short"),
        ("/files/challenge.csv", 5, "HTML page instead of the CSV file"),
    ],
)
def test_failed_downloads_leave_the_database_and_no_files(
    library: FakeLibrary, tmp_path: Path, path: str, timeout: float, message: str
) -> None:
    db = tmp_path / "votes.db"
    import_file(FIXTURES / "ingest" / "small_2024.csv", db)
    before = db.read_bytes()
    with pytest.raises(dl.DownloadError) as info:
        dl.update_database(library.base + path, db, timeout=timeout)
    assert message in str(info.value)
    assert str(info.value).startswith(library.base + path)
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != "downloads"] == ["votes.db"]
    assert not list((tmp_path / "downloads").glob("*"))


def test_record_without_any_csv_is_refused(library: FakeLibrary, tmp_path: Path) -> None:
    library.routes["/api/v1/file?recid=4060887"] = lambda h: _send(h, b"[]", "application/json")
    library.routes[RECORD] = _challenge
    with pytest.raises(dl.DownloadError, match="found no CSV file on the record"):
        dl.update_database(library.base + RECORD, tmp_path / "votes.db", timeout=5)


def test_unreachable_host_is_a_clear_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(dl.DownloadError, match="cannot connect"):
        dl.update_database(f"http://127.0.0.1:{port}/x.csv", tmp_path / "votes.db", timeout=2)


def test_cli_update_against_the_record_page(library: FakeLibrary, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bot.cli import cli

    db = tmp_path / "votes.db"
    env = {"VOTEBOT_DATA_SOURCE": library.base + RECORD, "VOTEBOT_DB": str(db)}
    first = CliRunner().invoke(cli, ["data", "update"], env=env)
    assert first.exit_code == 0, first.output
    assert f"Newest file on the record: {NEWEST} (2025-12-01)" in first.output
    assert f"Imported {library.base}{RECORD}/files/{NEWEST} into {db}" in first.output
    again = CliRunner().invoke(cli, ["data", "update"], env=env)
    assert again.exit_code == 0
    assert "Already up to date" in again.output
    library.routes[f"{RECORD}/files/{NEWEST}"] = _challenge
    refused = CliRunner().invoke(cli, ["data", "update"], env=env)
    assert refused.exit_code == 1
    assert "HTML page instead of the CSV file" in refused.output
    assert f"The database at {db} was not changed." in refused.output


def test_files_of_a_killed_download_are_cleared(library: FakeLibrary, tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    stale = downloads / f"{dl.DOWNLOAD_PREFIX}999999999-abc-{NEWEST}"
    stale.write_bytes(b"half a file")
    dl.update_database(library.base + RECORD, tmp_path / "votes.db", timeout=5)
    assert list(downloads.iterdir()) == []
