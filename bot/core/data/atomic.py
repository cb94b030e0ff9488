"""Files replaced atomically: a new database is written to a temporary file beside the
target, synced, and renamed over it, so a reader of the old file never sees half of it;
temporary files of imports that were killed are cleaned up."""

from __future__ import annotations

import glob
import os
import time
from pathlib import Path


def temp_path(target: Path) -> Path:
    stamp = f"{os.getpid()}-{time.monotonic_ns() % 10**9}"
    return target.with_name(f"{target.name}.tmp-{stamp}")


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Delete temp databases of earlier imports whose process is gone (killed imports)."""
    return remove_stale_files(target.parent, f"{target.name}.tmp-")


def remove_stale_files(directory: Path, prefix: str) -> list[Path]:
    """Delete files named `<prefix><pid>-...` whose process no longer runs."""
    removed = []
    for path in directory.glob(f"{glob.escape(prefix)}*"):
        pid_text = path.name[len(prefix) :].split("-", 1)[0]
        if pid_text.isdigit() and _process_alive(int(pid_text)):
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def unlink_quietly(path: Path) -> None:
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            candidate.unlink()
        except OSError:
            pass


def fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
