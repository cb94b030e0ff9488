"""Open the UN voting file: plain, gzip or zip, strictly UTF-8, never loaded whole.

`read_rows` yields a csv reader over the file and turns every way the bytes can be
wrong (not UTF-8, truncated or damaged compression, broken CSV quoting) into a
`SourceError` that names the file, the line and the reason.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.core.data.layout import file_date_from_name

Progress = Callable[[int, int], None]  # (bytes read so far, total bytes or 0)
PROGRESS_STEP = 1 << 22  # bytes between progress callbacks


class SourceError(Exception):
    """Bad input: names the file, the line when there is one, and the reason."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}: line {line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class _CountingReader(io.RawIOBase):
    """Passes bytes through and reports how many went by, chunk by chunk."""

    def __init__(self, stream: IO[bytes], total: int, progress: Progress | None) -> None:
        self.stream = stream
        self.total = total
        self.progress = progress
        self.done = 0
        self._next = PROGRESS_STEP

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n: int = self.stream.readinto(buffer)  # type: ignore[attr-defined]
        self.done += n
        if self.progress is not None and (self.done >= self._next or n == 0):
            self.progress(self.done, self.total)
            self._next = self.done + PROGRESS_STEP
        return n


def locate_bad_utf8(source: Path, label: str) -> SourceError:
    """Find the first line that is not UTF-8 (the fast reader only knows it failed)."""
    with ExitStack() as stack:
        raw, _, _ = open_source(source, label, stack)
        for number, line in enumerate(raw, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                return SourceError(
                    label,
                    f"not UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); "
                    "the UN file is UTF-8",
                    line=number,
                )
    return SourceError(label, "not UTF-8 text; the UN file is UTF-8")


def open_source(path: Path, label: str, stack: ExitStack) -> tuple[IO[bytes], int, str]:
    """Open a plain, gzip or zip CSV by its first bytes.

    Returns (binary lines, uncompressed size or 0, name of the CSV inside a zip or "").
    """
    try:
        fh = stack.enter_context(open(path, "rb"))
    except FileNotFoundError:
        raise SourceError(label, "no such file") from None
    except IsADirectoryError:
        raise SourceError(label, "is a directory, not a CSV file") from None
    except OSError as exc:
        raise SourceError(label, f"cannot be read ({exc.strerror})") from None
    head = fh.read(512)
    size = os.fstat(fh.fileno()).st_size
    fh.seek(0)
    if not head:
        raise SourceError(label, "the file is empty")
    if head[:2] == b"\x1f\x8b":
        total = 0
        if size >= 18:  # gzip keeps the uncompressed size (mod 2**32) in its last 4 bytes
            fh.seek(-4, os.SEEK_END)
            total = struct.unpack("<I", fh.read(4))[0]
            fh.seek(0)
        return stack.enter_context(gzip.GzipFile(fileobj=fh, mode="rb")), total, ""  # type: ignore[arg-type]
    if head[:4] == b"PK\x03\x04":
        try:
            archive = stack.enter_context(zipfile.ZipFile(fh))
        except zipfile.BadZipFile as exc:
            raise SourceError(label, f"is not a readable zip archive ({exc})") from None
        members = [
            info
            for info in archive.infolist()
            if info.filename.lower().endswith(".csv") and not info.filename.startswith("__")
        ]
        if not members:
            raise SourceError(label, "the zip archive holds no .csv file")
        member = max(members, key=lambda i: (file_date_from_name(i.filename) or "", i.file_size))
        stream = stack.enter_context(archive.open(member))
        reader = io.BufferedReader(stream)  # type: ignore[type-var]
        return stack.enter_context(reader), member.file_size, member.filename
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head")):
        raise SourceError(label, "is an HTML page, not the CSV voting file")
    return fh, size, ""


@dataclass
class Rows:
    """The rows of an opened source: the csv reader and the name of a zip's CSV."""

    reader: Any  # csv.reader: iterate it; .line_num is the current physical line
    member: str  # the CSV's name inside a zip archive, else ""


@contextmanager
def read_rows(source: Path, label: str, *, progress: Progress | None = None) -> Iterator[Rows]:
    """Open `source` and give its CSV rows; errors while reading become SourceError."""
    with ExitStack() as stack:
        raw, total, member = open_source(source, label, stack)
        counted = io.BufferedReader(_CountingReader(raw, total, progress), 1 << 16)
        text = io.TextIOWrapper(counted, encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        try:
            yield Rows(reader, member)
        except csv.Error as exc:
            raise SourceError(
                label, f"malformed CSV line ({exc})", line=reader.line_num or 1
            ) from None
        except UnicodeDecodeError:
            raise locate_bad_utf8(source, label) from None
        except (EOFError, gzip.BadGzipFile, zlib.error, zipfile.BadZipFile) as exc:
            raise SourceError(
                label,
                f"the compressed data is truncated or damaged after this line ({exc})",
                line=reader.line_num,
            ) from None
