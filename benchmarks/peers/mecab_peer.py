"""python-mecab-ko: MeCab-ko with mecab-ko-dic (the ``python-mecab-ko-dic`` wheel; offline)."""

from __future__ import annotations

from ._util import content_tokens, missing

DIST = "python-mecab-ko"


def unavailable() -> str | None:
    return missing("mecab", DIST)


def content_system(texts: list[str]):
    """(call, convert, info) of ``content_tokens.system_mecab``."""
    return content_tokens().system_mecab(texts)
