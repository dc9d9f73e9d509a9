"""Korean text normalization (the Python face of ``kotext::normalize``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Union, overload

import numpy as np

from . import _core

__all__ = ["normalize"]

TextLike = Union[str, bytes]
Form = Literal["NFC", "NFKC", "none"]
Errors = Literal["strict", "replace", "ignore"]


def _raise_decode_error(err: Exception, docs: Sequence[TextLike], single: bool) -> None:
    """Turn the core's Utf8Error into UnicodeDecodeError over the caller's bytes."""
    _message, offset, length, reason, index = err.args
    doc = docs[index] if index >= 0 else docs[0]
    where = "" if single else f" (document {index})"
    raise UnicodeDecodeError("utf-8", bytes(doc), offset, offset + length, reason + where) from None


@overload
def normalize(text: TextLike, *, form: Form = ..., decode_html: bool = ..., width: bool = ...,
              quotes: bool = ..., middle_dots: bool = ..., dashes: bool = ..., ellipsis: bool = ...,
              keep_paragraphs: bool = ..., lowercase: bool = ..., strip_emoji: bool = ...,
              max_repeat: int = ..., errors: Errors = ..., return_offsets: Literal[False] = ...,
              n_jobs: int = ...) -> str: ...
@overload
def normalize(text: Sequence[TextLike], *, form: Form = ..., decode_html: bool = ...,
              width: bool = ..., quotes: bool = ..., middle_dots: bool = ..., dashes: bool = ...,
              ellipsis: bool = ..., keep_paragraphs: bool = ..., lowercase: bool = ...,
              strip_emoji: bool = ..., max_repeat: int = ..., errors: Errors = ...,
              return_offsets: Literal[False] = ..., n_jobs: int = ...) -> list[str]: ...
@overload
def normalize(text: TextLike, *, return_offsets: Literal[True], form: Form = ...,
              decode_html: bool = ..., width: bool = ..., quotes: bool = ...,
              middle_dots: bool = ..., dashes: bool = ..., ellipsis: bool = ...,
              keep_paragraphs: bool = ..., lowercase: bool = ..., strip_emoji: bool = ...,
              max_repeat: int = ..., errors: Errors = ...,
              n_jobs: int = ...) -> tuple[str, np.ndarray]: ...
@overload
def normalize(text: Sequence[TextLike], *, return_offsets: Literal[True], form: Form = ...,
              decode_html: bool = ..., width: bool = ..., quotes: bool = ...,
              middle_dots: bool = ..., dashes: bool = ..., ellipsis: bool = ...,
              keep_paragraphs: bool = ..., lowercase: bool = ..., strip_emoji: bool = ...,
              max_repeat: int = ..., errors: Errors = ...,
              n_jobs: int = ...) -> list[tuple[str, np.ndarray]]: ...


def normalize(
    text,
    *,
    form: Form = "NFC",
    decode_html: bool = True,
    width: bool = True,
    quotes: bool = True,
    middle_dots: bool = True,
    dashes: bool = True,
    ellipsis: bool = True,
    keep_paragraphs: bool = True,
    lowercase: bool = False,
    strip_emoji: bool = False,
    max_repeat: int = 2,
    errors: Errors = "strict",
    return_offsets: bool = False,
    n_jobs: int = -1,
):
    """Normalize Korean text for analysis.

    Parameters
    ----------
    text : str, bytes, or list of str / bytes
        One document or a batch. Bytes are decoded as UTF-8 (see ``errors``). A batch is
        processed by the C++ thread pool with the GIL released and returns one result per
        input, in order.
    form : {'NFC', 'NFKC', 'none'}, default 'NFC'
        Unicode normalization form. Conjoining-jamo Hangul (NFD, as macOS writes it) gives
        the same output as precomposed syllables. Hangul compatibility jamo (ㅋ, ㅠ, ㄱ) are
        kept as they are under every form.
    decode_html : bool, default True
        Decode HTML character references (``&amp;``, ``&nbsp;``, ``&ldquo;``, ``&#8230;``,
        ``&#x2026;`` ...), also double-escaped ones (``&amp;quot;``); ``&#147;`` to
        ``&#159;`` mean their windows-1252 characters, as in HTML5. The result never holds
        a decodable reference, so ``normalize`` is idempotent.
    width : bool, default True
        Full-width ASCII (``ＡＢＣ１２３``) to ASCII, half-width Hangul (``ﾾ``) to
        compatibility jamo.
    quotes : bool, default True
        ``‘ ’ 「 」 ＇`` to ``'`` and ``“ ” 『 』 ＂`` to ``"``.
    middle_dots : bool, default True
        ``‧ ・ ･ ∙ ⋅`` and ``ㆍ`` used as a separator to ``·``.
    dashes : bool, default True
        ``‐ ‑ ‒ – — ― − －`` to ``-``.
    ellipsis : bool, default True
        ``…`` to ``...``.
    keep_paragraphs : bool, default True
        Keep blank lines as paragraph breaks (``"\\n\\n"``); when False every line break
        run becomes a single ``"\\n"``.
    lowercase : bool, default False
        Lowercase Latin letters.
    strip_emoji : bool, default False
        Remove emoji (pictographs, skin tones, flags, keycaps and joiners). Without it, a
        zero-width joiner survives only inside emoji sequences.
    max_repeat : int, default 2
        Cut runs of one repeated character to this length (``ㅋㅋㅋㅋ`` -> ``ㅋㅋ``,
        ``!!!!`` -> ``!!``); digits and Latin letters are never cut, and ``.`` keeps up to
        three. 0 disables it.
    errors : {'strict', 'replace', 'ignore'}, default 'strict'
        What to do with invalid UTF-8 in bytes input: raise ``UnicodeDecodeError`` naming
        the byte offset, insert U+FFFD, or drop the bytes.
    return_offsets : bool, default False
        Also return, per output character, the index of the input character it came from
        (an ``int64`` numpy array as long as the output string).
    n_jobs : int, default -1
        Threads for a batch; -1 means all cores.

    Returns
    -------
    str, or (str, numpy.ndarray) with ``return_offsets``; a list of those for a batch.

    Raises
    ------
    TypeError
        An item of the batch is not str or bytes (the message names its index).
    ValueError
        A str holds a lone surrogate (the message names the document and character).
    UnicodeDecodeError
        Bytes that are not UTF-8 with ``errors='strict'`` (``.start`` is the byte offset).

    Examples
    --------
    >>> import kotext
    >>> kotext.normalize("“ＫＯＴＥＸＴ”  최고ㅋㅋㅋㅋ!!!!")
    '"KOTEXT" 최고ㅋㅋ!!'
    >>> kotext.normalize(["가&nbsp;나", "ｶﾞ"], form="NFKC")
    ['가 나', 'ガ']
    >>> text, src = kotext.normalize("a  b", return_offsets=True)
    >>> text, src.tolist()
    ('a b', [0, 1, 3])
    """
    single = isinstance(text, (str, bytes, bytearray))
    if not single and not isinstance(text, Iterable):
        raise TypeError(
            f"normalize() expects str, bytes or a list of them, not {type(text).__name__}")
    docs = [bytes(text) if isinstance(text, bytearray) else text] if single else list(text)
    if not single:
        for i, d in enumerate(docs):
            if isinstance(d, bytearray):
                docs[i] = bytes(d)
            elif not isinstance(d, (str, bytes)):
                raise TypeError(f"document {i} must be str or bytes, not {type(d).__name__}")
    try:
        out = _core.normalize_batch(
            docs, form, decode_html, width, quotes, middle_dots, dashes, ellipsis,
            keep_paragraphs, lowercase, strip_emoji, int(max_repeat), errors,
            return_offsets, int(n_jobs),
        )
    except _core.Utf8Error as err:
        _raise_decode_error(err, docs, single)
    except ValueError as err:
        if single and str(err).startswith("document 0 "):
            raise ValueError("text" + str(err)[len("document 0"):]) from None
        raise
    return out[0] if single else out
