"""Small helpers shared by the adapters."""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2].parent / "shared" / "tools"


def missing(module: str, dist: str) -> str | None:
    """None when ``module`` imports, else a reason naming the pip package."""
    try:
        importlib.import_module(module)
    except Exception as err:  # noqa: BLE001 - an optional peer may fail in any way
        return f"{dist} not importable: {type(err).__name__}" + (
            "" if isinstance(err, ImportError) else f": {str(err)[:60]}")
    return None


def content_tokens():
    """``../shared/tools/content_tokens.py``: the gold rule, the peers' systems and the scorer."""
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    return importlib.import_module("content_tokens")


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Swallow a peer's progress printing (soynlp, krwordrank print to stdout)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield
