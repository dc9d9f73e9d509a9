"""Korean sentence splitting (the Python face of ``kotext::split_sentences``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple, overload

from . import _core

__all__ = ["Sentence", "split_sentences"]

Span = tuple[int, int]
Newline = Literal["always", "ending", "never"]


class Sentence(NamedTuple):
    """A sentence with its character offsets: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


@overload
def split_sentences(text: str, *, return_offsets: Literal[False] = ...,
                    protected: Sequence[Span] | None = ..., newline: Newline = ...,
                    split_unpunctuated_endings: bool = ..., n_jobs: int = ...) -> list[str]: ...
@overload
def split_sentences(text: str, *, return_offsets: Literal[True],
                    protected: Sequence[Span] | None = ..., newline: Newline = ...,
                    split_unpunctuated_endings: bool = ...,
                    n_jobs: int = ...) -> list[Sentence]: ...
@overload
def split_sentences(text: Sequence[str], *, return_offsets: Literal[False] = ...,
                    protected: Sequence[Sequence[Span] | None] | None = ...,
                    newline: Newline = ..., split_unpunctuated_endings: bool = ...,
                    n_jobs: int = ...) -> list[list[str]]: ...
@overload
def split_sentences(text: Sequence[str], *, return_offsets: Literal[True],
                    protected: Sequence[Sequence[Span] | None] | None = ...,
                    newline: Newline = ..., split_unpunctuated_endings: bool = ...,
                    n_jobs: int = ...) -> list[list[Sentence]]: ...


def split_sentences(
    text: str | Sequence[str],
    *,
    return_offsets: bool = False,
    protected=None,
    newline: Newline = "always",
    split_unpunctuated_endings: bool = True,
    n_jobs: int = -1,
):
    """Split Korean text into sentences without changing a single character.

    The rules (applied in C++): terminal punctuation (``. ! ? …`` and full-width forms)
    followed by a new sentence; Korean final endings without punctuation before a new
    sentence (``...했다 그리고``, ``...했어요 다음에``); quotes and brackets tracked by depth
    (``“...요구된다”며, “...한다”고 강조했다.`` stays one sentence) with recovery from
    unbalanced quotes; decimals and dates (``0.1%``, ``2010. 01. 01.``), initials and
    abbreviations (``J. K. Rowling``, ``U.S.``), URLs and e-mails, ellipses inside headlines
    and bullets (``가.``, ``1.``) do not split; a blank line always does.

    Parameters
    ----------
    text : str or list of str
        One document or a batch. A batch runs on the C++ thread pool with the GIL released
        and returns one list per input, in order.
    return_offsets : bool, default False
        Return :class:`Sentence` tuples ``(text, start, end)`` with Python character offsets
        (code points, so emoji count as one) instead of plain strings.
    protected : list of (start, end), optional
        Character ranges that must not be split (for a batch: one list or None per
        document). A boundary strictly inside a range is dropped.
    newline : {'always', 'ending', 'never'}, default 'always'
        A single line break always ends a sentence, only after an ending or terminal
        punctuation (hard-wrapped text), or never (a blank line always does).
    split_unpunctuated_endings : bool, default True
        Split after final endings that carry no punctuation.
    n_jobs : int, default -1
        Threads for a batch; -1 means all cores.

    Returns
    -------
    list of str, or list of Sentence with ``return_offsets``; a list of those for a batch.
    Every sentence equals ``text[start:end]``; only whitespace between sentences is left
    out.

    Raises
    ------
    TypeError
        ``text`` (or an item of the batch) is not str, or ``protected`` is malformed.
    ValueError
        A str holds a lone surrogate, or a protected span has ``start > end`` or a negative
        bound.

    Examples
    --------
    >>> import kotext
    >>> kotext.split_sentences("회의는 3.5시간 걸렸다. 결론은 없었다 다음 주에 다시 모인다")
    ['회의는 3.5시간 걸렸다.', '결론은 없었다', '다음 주에 다시 모인다']
    >>> kotext.split_sentences('그는 “준비가 됐다. 시작하자”고 말했다. 모두 웃었다.')
    ['그는 “준비가 됐다. 시작하자”고 말했다.', '모두 웃었다.']
    >>> kotext.split_sentences("좋아요 😀 정말요? 네.", return_offsets=True)[1]
    Sentence(text='정말요?', start=6, end=10)
    >>> kotext.split_sentences(["첫 문장. 둘째 문장.", "하나뿐"])
    [['첫 문장.', '둘째 문장.'], ['하나뿐']]
    """
    if text is None:
        raise TypeError("split_sentences() expects str or a list of str, not None")
    single = isinstance(text, str)
    if not single and isinstance(text, (bytes, bytearray)):
        raise TypeError("split_sentences() expects str, not bytes: decode it first")
    docs = [text] if single else list(text)
    try:
        out = _core.split_sentences_batch(docs, protected, single, newline,
                                          bool(split_unpunctuated_endings),
                                          bool(return_offsets), int(n_jobs))
    except (TypeError, ValueError) as err:
        msg = str(err)
        if single and msg.startswith("document 0 "):
            raise type(err)("text" + msg[len("document 0"):]) from None
        raise
    if return_offsets:
        out = [[Sentence(*s) for s in doc] for doc in out]
    return out[0] if single else out
