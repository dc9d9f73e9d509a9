"""Where the tests find the project's shared test data (never copied into the repository).

The data lives next to the checkout, in ``../shared`` (``data/`` and ``seeds/``). The
environment variable ``KOTEXT_SHARED_DATA`` overrides that directory; CI sets it to a path
that does not exist (``make test-no-shared``) to check that every test needing the data
skips cleanly on a contributor's clone.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """The shared directory: ``$KOTEXT_SHARED_DATA`` if set, else ``../shared``."""
    override = os.environ.get("KOTEXT_SHARED_DATA")
    return Path(override) if override else ROOT.parent / "shared"


SHARED = shared_dir()
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"
