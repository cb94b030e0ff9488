"""Find and fetch the newest official voting file from the UN Digital Library.

`VOTEBOT_DATA_SOURCE` may be the record page (https://digitallibrary.un.org/record/4060887),
a direct file URL, or a local path. For a record page the record's file list is read
from the JSON API (`/api/v1/file?recid=...`), or from the links in the page's HTML when
the API does not answer with JSON, and the CSV whose name carries the newest date wins.

Downloads stream to a temporary file beside the database, with a descriptive
User-Agent and timeouts; an HTML page where data was expected (the site's firewall
answers scripts with a challenge page and status 200) and a body shorter than its
Content-Length are refused with a clear message.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPException, HTTPResponse, IncompleteRead
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bot import __version__
from bot.core.data.atomic import remove_stale_files
from bot.core.data.ingest import ImportSummary, current_sha256, import_file
from bot.core.data.layout import file_date_from_name
from bot.core.data.source import file_sha256

USER_AGENT = (
    f"votebot/{__version__} (UN General Assembly voting data importer; "
    "fetches the public bulk file of record 4060887)"
)
CHUNK = 1 << 16
DOWNLOAD_PREFIX = ".download-"
_RECORD_RE = re.compile(r"^(?P<base>https?://[^/]+)(?P<path>/record/(?P<recid>\d+))/?(?:[?#].*)?$")
_HREF_RE = re.compile(r"""href=["']([^"']+?\.csv(?:\?[^"']*)?)["']""", re.IGNORECASE)

Progress = Callable[[int, int], None]


class DownloadError(Exception):
    """The source could not be fetched; the message says which URL and why."""


@dataclass(frozen=True, slots=True)
class RemoteFile:
    name: str  # file name with extension, e.g. 2026_02_06_ga_voting.csv
    url: str
    date: str | None  # ISO date parsed from the name

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date or "", self.name)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def record_id(url: str) -> str | None:
    """The record number of a Digital Library record page URL, else None."""
    match = _RECORD_RE.match(url)
    return match.group("recid") if match else None


def _get(url: str, *, timeout: float, accept: str) -> HTTPResponse:
    # The record's file list names the URL to fetch; urllib would also open file:// and
    # ftp:// links, which a voting file never lives at.
    if not is_url(url):
        raise DownloadError(f"{url}: not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    try:
        response: HTTPResponse = urllib.request.urlopen(request, timeout=timeout)
        return response
    except urllib.error.HTTPError as exc:
        exc.close()
        raise DownloadError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise DownloadError(f"{url}: no answer within {timeout:g} s") from None
        raise DownloadError(f"{url}: cannot connect ({reason})") from None
    except TimeoutError:
        raise DownloadError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, HTTPException) as exc:
        raise DownloadError(f"{url}: cannot connect ({exc})") from None


def _read_small(url: str, *, timeout: float, accept: str, limit: int = 5 << 20) -> tuple[str, str]:
    """Fetch a page or JSON document: (content type, text)."""
    with _get(url, timeout=timeout, accept=accept) as resp:
        ctype = resp.headers.get("Content-Type", "")
        try:
            body = resp.read(limit)
        except TimeoutError:
            raise DownloadError(f"{url}: the answer stalled for more than {timeout:g} s") from None
        except (OSError, HTTPException) as exc:
            raise DownloadError(f"{url}: the answer broke off ({exc})") from None
    return ctype, body.decode("utf-8", errors="replace")


def list_record_files(record_url: str, *, timeout: float) -> list[RemoteFile]:
    """Every CSV attached to a Digital Library record, from the JSON list or the page."""
    match = _RECORD_RE.match(record_url)
    if not match:
        raise DownloadError(f"{record_url} is not a Digital Library record page URL")
    base, path, recid = match.group("base"), match.group("path"), match.group("recid")
    api_url = f"{base}/api/v1/file?recid={recid}"
    api_problem = ""
    try:
        ctype, text = _read_small(api_url, timeout=timeout, accept="application/json")
        files = _files_from_json(text, base)
        if files:
            return files
        api_problem = "the file list names no CSV file"
    except DownloadError as exc:
        api_problem = str(exc)
    except ValueError:
        api_problem = f"{api_url}: the answer is not JSON"
    page_url = f"{base}{path}"
    _, html = _read_small(page_url, timeout=timeout, accept="text/html")
    files = _files_from_html(html, page_url)
    if not files:
        raise DownloadError(
            f"{record_url}: found no CSV file on the record ({api_problem}; the page links "
            "none either; the site may have shown a challenge page)"
        )
    return files


def _files_from_json(text: str, base: str) -> list[RemoteFile]:
    data = json.loads(text)
    if isinstance(data, dict):
        for key in ("files", "data", "results", "hits"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list):
        raise ValueError("not a list of files")
    files = []
    for item in data:
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or item.get("full_name") or "")
        fmt = str(item.get("format") or item.get("extension") or "")
        url = str(item.get("url") or "")
        if fmt and not fmt.startswith("."):
            fmt = "." + fmt
        full = name if name.lower().endswith(fmt.lower()) or not fmt else name + fmt
        if not url or not full.lower().endswith(".csv"):
            continue
        files.append(RemoteFile(full, urljoin(base + "/", url), file_date_from_name(full)))
    return files


def _files_from_html(html: str, page_url: str) -> list[RemoteFile]:
    seen: dict[str, RemoteFile] = {}
    for href in _HREF_RE.findall(html):
        url = urljoin(page_url, href.replace("&amp;", "&"))
        name = urlsplit(url).path.rsplit("/", 1)[-1]
        seen.setdefault(url, RemoteFile(name, url, file_date_from_name(name)))
    return list(seen.values())


def newest_csv(files: list[RemoteFile]) -> RemoteFile:
    """The CSV whose name carries the newest date (dates compared as numbers)."""
    csvs = [f for f in files if f.name.lower().endswith(".csv")]
    if not csvs:
        raise DownloadError("the record lists no CSV file")
    return max(csvs, key=lambda f: f.sort_key)


def download(url: str, dest_dir: Path, *, timeout: float, progress: Progress | None = None) -> Path:
    """Stream `url` into a new file in `dest_dir`; remove it again on any failure."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_files(dest_dir, DOWNLOAD_PREFIX)  # left by a killed download
    name = urlsplit(url).path.rsplit("/", 1)[-1] or "download"
    fd, tmp_name = tempfile.mkstemp(
        prefix=f"{DOWNLOAD_PREFIX}{os.getpid()}-", suffix=f"-{name}", dir=dest_dir
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, _get(url, timeout=timeout, accept="*/*") as resp:
            ctype = resp.headers.get("Content-Type", "").lower()
            length_header = resp.headers.get("Content-Length")
            expected = int(length_header) if length_header and length_header.isdigit() else 0
            received = 0
            first = b""
            while True:
                try:
                    chunk = resp.read1(CHUNK)
                except IncompleteRead as exc:
                    received += len(exc.partial)
                    raise DownloadError(
                        f"{url}: the download was cut short ({received:,} of {expected:,} bytes)"
                    ) from None
                except TimeoutError:
                    raise DownloadError(
                        f"{url}: the download stalled for more than {timeout:g} s "
                        f"after {received:,} bytes"
                    ) from None
                except (OSError, HTTPException) as exc:
                    raise DownloadError(f"{url}: the download broke off ({exc})") from None
                if not chunk:
                    break
                if not first:
                    first = chunk[:512]
                    _refuse_html(url, ctype, first)
                out.write(chunk)
                received += len(chunk)
                if progress is not None:
                    progress(received, expected)
            if expected and received != expected:
                raise DownloadError(
                    f"{url}: the download was cut short ({received:,} of {expected:,} bytes)"
                )
            if received == 0:
                raise DownloadError(f"{url}: the server sent an empty file")
        return tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _refuse_html(url: str, ctype: str, first: bytes) -> None:
    head = first.lstrip().lower()
    if "text/html" in ctype or head.startswith((b"<!doctype", b"<html", b"<head")):
        raise DownloadError(
            f"{url}: the server sent an HTML page instead of the CSV file (the UN site "
            "sometimes answers scripts with a challenge page); try again later, or download "
            "the file in a browser and run `votebot data import FILE`"
        )


@dataclass
class UpdateResult:
    source: str  # what was imported (or would have been): a URL or a path
    sha256: str
    skipped: bool  # True when the database already holds this exact file
    chosen: RemoteFile | None = None  # the record's newest CSV, for a record page
    summary: ImportSummary | None = None


def update_database(
    source: str,
    db_path: Path,
    *,
    timeout: float,
    skip_same: bool = True,
    progress: Progress | None = None,
    import_progress: Progress | None = None,
    on_found: Callable[[RemoteFile], None] | None = None,
) -> UpdateResult:
    """Fetch `source` (record page, file URL or local path) and import it into `db_path`.

    With `skip_same`, nothing is imported when the file's sha256 equals the one the
    current database was built from. Raises DownloadError or SourceError; the database
    is then unchanged.
    """
    if not is_url(source):
        path = Path(source)
        digest = file_sha256(path) if path.is_file() else ""
        if skip_same and digest and digest == current_sha256(db_path):
            return UpdateResult(source, digest, skipped=True)
        summary = import_file(
            path, db_path, label=source, sha256=digest or None, progress=import_progress
        )
        return UpdateResult(source, summary.sha256, skipped=False, summary=summary)
    chosen = None
    url = source
    if record_id(source):
        chosen = newest_csv(list_record_files(source, timeout=timeout))
        url = chosen.url
        if on_found is not None:
            on_found(chosen)
    name = chosen.name if chosen else urlsplit(url).path.rsplit("/", 1)[-1]
    path = download(url, db_path.parent / "downloads", timeout=timeout, progress=progress)
    try:
        digest = file_sha256(path)
        if skip_same and digest == current_sha256(db_path):
            return UpdateResult(url, digest, skipped=True, chosen=chosen)
        summary = import_file(
            path, db_path, label=url, source_name=name, sha256=digest, progress=import_progress
        )
    finally:
        path.unlink(missing_ok=True)
    return UpdateResult(url, digest, skipped=False, chosen=chosen, summary=summary)
