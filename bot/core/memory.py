"""Building the long-lived tables of a process (name indexes, the vote matrix) without the
garbage collector scanning them again and again as they grow.

The tables hold hundreds of thousands of small objects that live as long as the process;
each collection of the oldest generation while they are built walks all of them (about a
third of the time it takes to build the resolution matcher). `building()` pauses the
collector while they are made. (Freezing them into the permanent generation would also
spare later collections, but would keep any cycle of an old table alive after a refresh
of the data replaces it.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def building() -> Iterator[None]:
    """Pause the garbage collector while long-lived tables are built (nested uses keep it
    paused until the outermost ends)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
