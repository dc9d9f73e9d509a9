"""soynlp: normalizer functions and the LTokenizer (scored by its WordExtractor)."""

from __future__ import annotations

from collections.abc import Callable

from ._util import content_tokens, missing

DIST = "soynlp"


def unavailable() -> str | None:
    return missing("soynlp.normalizer", DIST)


def normalizers() -> dict[str, Callable[[str], str]]:
    """soynlp's normalizer functions, each a smaller job than kotext.normalize (see task)."""
    from soynlp import normalizer as n

    return {"repeat_normalize": n.repeat_normalize, "emoticon_normalize": n.emoticon_normalize,
            "only_hangle": n.only_hangle, "normalize": n.normalize}


def content_system(texts: list[str]):
    """(call, convert, info) of ``content_tokens.system_soynlp`` (trains on ``texts`` first)."""
    return content_tokens().system_soynlp(texts)
