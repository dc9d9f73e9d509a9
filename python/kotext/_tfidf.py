"""TF-IDF / BM25 document vectors (the Python face of ``kotext::count_*`` and ``weight_in_place``).

:class:`TfidfVectorizer` follows the scikit-learn estimator contract and gives the same
numbers as :class:`sklearn.feature_extraction.text.TfidfVectorizer` for the same features;
counting and weighting run in C++ with the GIL released.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from typing import Any, Callable, ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.utils._param_validation import Interval, StrOptions

from . import _rules, _vectorizer
from ._persist import ModelFormatError, read_model, write_model
from ._vectorizer import NotFittedError

__all__ = ["ModelFormatError", "NotFittedError", "TfidfVectorizer", "load"]

_FORMAT = "kotext.TfidfVectorizer"
# 1: members meta, terms_*, stop_words_*, idf (no checksum). 2: the file sealed by a
# SHA-256 checksum, stop_words_ no longer saved. Both are read.
_FORMAT_VERSION = 2
_READABLE_VERSIONS = (1, 2)
# Array members and the dtypes they may have (written little-endian, as numpy does here).
_MEMBER_DTYPES = {
    "terms_utf8": ("|u1",), "terms_offsets": ("<i8",),
    "stop_words_utf8": ("|u1",), "stop_words_offsets": ("<i8",),  # version 1 only
    "idf": ("<f8", "<f4"),
}


class TfidfVectorizer(_vectorizer.TfidfVectorizer):
    """Convert a collection of Korean documents to a matrix of TF-IDF (or BM25) features.

    :class:`kotext.sklearn.TfidfVectorizer` (scikit-learn's parameters, methods and numbers,
    counting and weighting in C++) with defaults for Korean news: with ``analyzer='word'``
    and ``token_pattern=None`` (the default here) documents are tokenized by the kotext
    Korean tokenizer in C++ (one-syllable words kept, particles split off), and
    ``sublinear_tf=True``. With the same features and parameters it gives scikit-learn's
    numbers (same shape, feature order and values within 1e-12).

    Parameters
    ----------
    input, encoding, decode_error, strip_accents, preprocessor, ngram_range, max_df, \
min_df, max_features, vocabulary, binary, dtype, norm, use_idf, smooth_idf
        As in scikit-learn's ``TfidfVectorizer``.
    analyzer : {'word', 'char', 'char_wb'} or callable, default='word'
        ``'word'``: documents are str, tokenized by ``tokenizer``, else by
        ``token_pattern``, else (the default) by the kotext Korean tokenizer, or lists of str
        tokens (pre-tokenized: used as they are, then stop words and word n-grams applied).
        ``'char'`` / ``'char_wb'``: character n-grams exactly like scikit-learn's. A callable
        receives each document and returns its features.
    tokenizer : callable, default=None
        A function ``str -> list[str]`` (for example a configured :class:`kotext.Tokenizer`,
        which then runs in C++).
    token_pattern : str, default=None
        None: the Korean tokenizer. scikit-learn's ``r"(?u)\\b\\w\\w+\\b"`` runs in C++;
        another pattern runs through Python's ``re`` (slower).
    lowercase : bool, default=True
        Lowercase the text (with the Korean tokenizer: the Latin letters of its tokens,
        ``AI`` -> ``ai``). Pre-tokenized documents are used as they are.
    stop_words : 'english', list of str or None, default=None
        Tokens removed before word n-grams are built (``analyzer='word'`` only).
    sublinear_tf : bool, default=True
        ``tf -> 1 + log(tf)``. (scikit-learn's default is False; True separates news topics
        better.)
    weighting : {'tfidf', 'bm25'}, default='tfidf'
        ``'bm25'``: Okapi BM25 term saturation ``tf (k1 + 1) / (tf + k1 (1 - b + b dl /
        avgdl))`` with Lucene's idf ``log(1 + (n - df + 0.5) / (df + 0.5))``.
    k1, b : float, default=1.2 and 0.75
        BM25 parameters.
    n_jobs : int, default=-1
        Threads for counting and weighting; -1 means all cores.

    Attributes
    ----------
    vocabulary_ : dict
        Term -> column index.
    idf_ : numpy.ndarray of shape (n_features,)
        Inverse document frequencies (only with ``use_idf=True``; settable).
    stop_words_ : set
        Terms dropped by ``min_df``, ``max_df`` or ``max_features`` (scikit-learn removed this
        attribute in 1.6; kotext keeps it).
    fixed_vocabulary_ : bool
        True when ``vocabulary`` was given.
    avgdl_ : float
        Average document length of the fitted corpus (BM25).

    Notes
    -----
    For articles the defaults separate topics best among the settings measured in
    ``benchmarks/README.md`` (knews8 leave-one-out 1-NN 0.806 against 0.762 for
    scikit-learn's defaults). For short texts such as headlines, character n-grams inside
    words do better: ``TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3))`` reaches
    0.729 / 0.797 (1-NN / nearest centroid) on YNAT headlines against 0.697 / 0.768 for the
    word analyzer, at the cost of features that are pieces of words (less useful for
    :meth:`keywords` and :func:`kotext.compare`). Counting is stopped by Ctrl-C
    (KeyboardInterrupt) even while it runs with the GIL released.

    Speed: the default Korean tokenizer analyses each distinct eojeol with the mecab-ko-dic
    dictionary once per process, so the first fit over unseen text is about as fast as
    scikit-learn's default (measured slower: about 1.8 against 3.3 MB per CPU-second),
    and later fits and transforms of text with known words several times faster. For raw
    speed over quality, ``tokenizer=kotext.Tokenizer(backend="rules")`` keeps the counting
    in C++ without the dictionary.

    The word analyzer with the kotext tokenizer (unigrams) also keeps, for the whole
    process, a memo of the whitespace chunks (eojeols) its fits and transforms have seen,
    chunk -> the ids of its tokens (``kotext::TermMemo``): a later fit or transform with
    the same tokenizer state, ``lowercase`` and ``stop_words`` counts those chunks without
    tokenizing them again. Its output is exactly that of a fresh tokenizer: every change of
    the tokenizer (``add_words``, ``add_stopwords``, ``fit``, other options) selects
    another memo. The threads of a fit read it without locks; fits in several Python
    threads share it safely (one adds its new chunks after counting, unless another fit is
    counting then). It is bounded: 48 MB per setting (6.7 MB of news that never repeats
    fills about 13 MB) and the 4 most recently used settings, so at most about 200 MB;
    once full it stops growing, and a fit that finds fewer of its chunks there than it had
    to analyse empties it and refills it with its own.

    Examples
    --------
    >>> import kotext
    >>> docs = [["정부", "예산", "발표"], ["정부", "발표"], ["야구", "경기"]]
    >>> vec = kotext.TfidfVectorizer(analyzer=lambda d: d)
    >>> X = vec.fit_transform(docs)
    >>> X.shape
    (3, 5)
    >>> vec.get_feature_names_out().tolist()
    ['경기', '발표', '야구', '예산', '정부']
    """

    _korean_by_default = True
    _keeps_stop_words_ = True
    _parameter_constraints: ClassVar[dict] = {
        **_vectorizer.TfidfVectorizer._parameter_constraints,
        "stop_words": [StrOptions({"english"}), list, tuple, set, frozenset, None],
        "weighting": [StrOptions({"tfidf", "bm25"})],
        "k1": [Interval(Real, 0, None, closed="left")],
        "b": [Interval(Real, 0, 1, closed="both")],
    }

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: Any = None,
        lowercase: bool = True,
        preprocessor: Callable[[str], str] | None = None,
        tokenizer: Callable[[str], Iterable[str]] | None = None,
        analyzer: str | Callable[[Any], Iterable[str]] = "word",
        stop_words: Sequence[str] | str | None = None,
        token_pattern: str | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        max_df: float = 1.0,
        min_df: float = 1,
        max_features: int | None = None,
        vocabulary: Mapping[str, int] | Iterable[str] | None = None,
        binary: bool = False,
        dtype: Any = np.float64,
        norm: str | None = "l2",
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = True,
        weighting: str = "tfidf",
        k1: float = 1.2,
        b: float = 0.75,
        n_jobs: int = -1,
    ) -> None:
        super().__init__(
            input=input, encoding=encoding, decode_error=decode_error,
            strip_accents=strip_accents, lowercase=lowercase, preprocessor=preprocessor,
            tokenizer=tokenizer, analyzer=analyzer, stop_words=stop_words,
            token_pattern=token_pattern, ngram_range=ngram_range, max_df=max_df,
            min_df=min_df, max_features=max_features, vocabulary=vocabulary, binary=binary,
            dtype=dtype, norm=norm, use_idf=use_idf, smooth_idf=smooth_idf,
            sublinear_tf=sublinear_tf, n_jobs=n_jobs)
        self.weighting = weighting
        self.k1 = k1
        self.b = b

    # ---- BM25 on top of the scikit-learn family ----------------------------------------
    def _idf_from_df(self, df: np.ndarray, n_docs: int, average_length: Any) -> np.ndarray:
        if self.weighting == "bm25":
            return _rules.bm25_idf(df, n_docs, self._out_dtype())
        return super()._idf_from_df(df, n_docs, average_length)

    def _fit(self, raw_documents: Any) -> Any:
        self.__dict__.pop("avgdl_", None)
        counts = super()._fit(raw_documents)
        if self.weighting == "bm25":
            self.avgdl_ = float(counts.average_length(bool(self.binary)))
        return counts

    def _fit_statistics(self, stats: Any) -> TfidfVectorizer:
        self.__dict__.pop("avgdl_", None)
        super()._fit_statistics(stats)
        if self.weighting == "bm25":
            self.avgdl_ = stats.total_length / stats.n_docs if stats.n_docs else 0.0
        return self

    def _weight(self, counts: Any) -> None:
        idf = self._tfidf.idf_ if self.use_idf and hasattr(self._tfidf, "idf_") else None
        counts.weight(None if idf is None else np.asarray(idf, dtype=np.float64),
                      self.weighting, bool(self.binary), bool(self.sublinear_tf), self.norm,
                      float(self.k1), float(self.b), float(getattr(self, "avgdl_", 0.0)),
                      _vectorizer._threads(self.n_jobs))

    def count(self, raw_documents: Iterable[Any]) -> sp.csr_matrix:
        """Raw term counts of documents over the fitted vocabulary (for :func:`kotext.contrast`).

        Examples
        --------
        >>> import kotext
        >>> vec = kotext.TfidfVectorizer(analyzer=lambda d: d).fit([["a", "b"], ["b"]])
        >>> vec.count([["b", "b", "c"]]).toarray().tolist()
        [[0.0, 2.0]]
        """
        state = self._snapshot()
        state._check_fitted()
        docs = _vectorizer._check_raw_documents(raw_documents)
        state._check_vocabulary()
        counts, _ = state._count(docs, state._vocab())
        data, indices, indptr, shape = counts.release()
        return sp.csr_matrix((data, indices, indptr), shape=shape, copy=False)

    def keywords(self, X: Any, top_k: int = 10) -> Any:
        """Each document's ``top_k`` highest-weighted terms as a DataFrame.

        Parameters
        ----------
        X : sparse matrix of shape (n_documents, n_features)
            Output of :meth:`transform` / :meth:`fit_transform`.
        top_k : int, default=10

        Returns
        -------
        pandas.DataFrame
            Columns ``doc`` (row index), ``rank`` (1 = highest), ``term``, ``weight``; ties
            in weight are ordered by feature index.

        Examples
        --------
        >>> import kotext
        >>> vec = kotext.TfidfVectorizer(analyzer=lambda d: d)
        >>> X = vec.fit_transform([["금리", "금리", "인상"], ["야구"]])
        >>> vec.keywords(X, top_k=1)[["doc", "term"]].values.tolist()
        [[0, '금리'], [1, '야구']]
        """
        from ._similarity import _keywords_frame

        state = self._snapshot()
        state._check_fitted()
        return _keywords_frame(X, state._features(), top_k, int(self.n_jobs))

    # ---- persistence -------------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        """Save to ``path`` as an ``.npz`` holding JSON parameters and arrays (no pickle).

        What a transform needs is saved: the parameters, the vocabulary, the idf and
        (BM25) the average document length. ``stop_words_`` (the terms the fit dropped,
        which can be millions with ``max_features``) is not: a loaded vectorizer has none.
        The file is written to a temporary file next to ``path`` (with the permissions the
        umask gives), flushed to disk and moved into place with :func:`os.replace`, so a
        crash or Ctrl-C never leaves a half-written file; the temporary files of a killed
        save are removed by the next save in that directory. The file ends with a SHA-256
        checksum that :func:`kotext.load` verifies. Callable analyzers and tokenizers
        cannot be saved this way (use pickle for those); a :class:`kotext.Tokenizer` can
        (its parameters and learned state are stored as JSON).

        Examples
        --------
        >>> import kotext, os, tempfile
        >>> vec = kotext.TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(["가나", "나다"])
        >>> path = os.path.join(tempfile.mkdtemp(), "vec.npz")
        >>> vec.save(path)
        >>> kotext.load(path).vocabulary_ == vec.vocabulary_
        True
        """
        from ._tokenize import Tokenizer

        state = self._snapshot()
        params = {}
        for k, v in state.get_params(deep=False).items():
            if k == "tokenizer" and type(v) is Tokenizer:
                params[k] = {"kotext.Tokenizer": v.__getstate__()}  # plain data, JSON-safe
                continue
            if callable(v) and k != "dtype":
                raise ValueError(f"cannot save a vectorizer with a callable {k!r}; pickle it instead")
            if k == "dtype":
                v = np.dtype(v).name
            elif k == "ngram_range" or (k == "stop_words" and v is not None
                                        and not isinstance(v, str)):
                v = list(v)
            elif k == "vocabulary" and v is not None:
                v = dict(v) if isinstance(v, Mapping) else list(v)
            params[k] = v
        meta: dict[str, Any] = {"format": _FORMAT, "version": _FORMAT_VERSION, "params": params}
        arrays: dict[str, np.ndarray] = {}
        if hasattr(state, "vocabulary_"):
            meta["fitted"] = {"fixed_vocabulary_": bool(state.fixed_vocabulary_)}
            if hasattr(state, "avgdl_"):
                meta["fitted"]["avgdl_"] = float(state.avgdl_)
            arrays.update(_pack_terms("terms", list(state._features())))
            if hasattr(state, "_tfidf") and hasattr(state._tfidf, "idf_"):
                idf = np.asarray(state._tfidf.idf_)
                arrays["idf"] = idf.astype("<f4" if idf.dtype == np.float32 else "<f8")
        write_model(path, meta, arrays)


def _pack_terms(name: str, terms: list[str]) -> dict[str, np.ndarray]:
    encoded = [t.encode("utf-8") for t in terms]
    offsets = np.zeros(len(encoded) + 1, dtype="<i8")
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return {f"{name}_utf8": np.frombuffer(b"".join(encoded), dtype=np.uint8),
            f"{name}_offsets": offsets}


def load(path: str | os.PathLike) -> TfidfVectorizer:
    """Load a vectorizer written by :meth:`TfidfVectorizer.save` (never runs pickled code).

    Everything in the file is checked before it is used: the checksum, the zip structure
    (sizes against the file's, no compressed member: no zip bomb), each array's dtype,
    shape and length, the terms (valid UTF-8, unique, offsets increasing), the idf (finite,
    one per term), and the parameters, by the same validation ``fit`` runs.

    Raises
    ------
    kotext.ModelFormatError
        (a :class:`ValueError`) The file is not a valid kotext vectorizer file: damaged,
        truncated, of another kind, inconsistent, or of a format version this kotext does
        not read. The message names the file, the member and what is wrong.
    OSError
        The file cannot be opened.

    Examples
    --------
    >>> import kotext, os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "vec.npz")
    >>> kotext.TfidfVectorizer(analyzer="char").fit(["가나", "나다"]).save(path)
    >>> kotext.load(path).get_feature_names_out().tolist()
    ['가', '나', '다']
    """
    name = os.fspath(path)
    meta, arrays, sealed = read_model(name, _MEMBER_DTYPES)

    def bad(member: str, problem: str) -> ModelFormatError:
        return ModelFormatError(name, member, problem)

    unknown = set(meta) - {"format", "version", "params", "fitted"}
    if unknown:
        raise bad("meta", f"unknown keys {sorted(unknown)}")
    if meta.get("format") != _FORMAT:
        raise bad("meta", f"format {meta.get('format')!r}, not {_FORMAT!r}")
    version = meta.get("version")
    if version is None:
        raise bad("meta", "no format version")
    if type(version) is not int or version < 1:
        raise bad("meta", f"format version {version!r} (versions are integers from 1)")
    if version > _FORMAT_VERSION:
        raise bad("meta", f"format version {version}, newer than this kotext reads "
                  f"({', '.join(map(str, _READABLE_VERSIONS))}): upgrade kotext")
    if version >= 2 and not sealed:
        raise bad("file", f"no checksum at the end of the file (format version {version} "
                  "files carry one): truncated or damaged")
    vec = _vectorizer_from_params(meta.get("params"), bad)
    fitted = meta.get("fitted")
    expected = {"stop_words_utf8", "stop_words_offsets"} if version == 1 else set()
    if fitted is None:
        if arrays:
            raise bad(min(arrays), "present in the file of an unfitted vectorizer")
        return vec
    if not isinstance(fitted, dict):
        raise bad("meta", f"'fitted' is a {type(fitted).__name__}, not an object")
    required = {"terms_utf8", "terms_offsets"} | ({"idf"} if vec.use_idf else set())
    for member in sorted(required - set(arrays)):
        raise bad(member, "missing (the file has fitted state)")
    for member in sorted(set(arrays) - required - expected):
        raise bad(member, f"not expected with use_idf={vec.use_idf!r}")
    keys = {"fixed_vocabulary_"} | ({"avgdl_"} if vec.weighting == "bm25" else set())
    if set(fitted) != keys:
        raise bad("meta", f"'fitted' has keys {sorted(fitted)}, expected {sorted(keys)}")
    fixed = fitted["fixed_vocabulary_"]
    if type(fixed) is not bool or fixed != (vec.vocabulary is not None):
        raise bad("meta", f"fixed_vocabulary_={fixed!r} with vocabulary="
                  f"{'None' if vec.vocabulary is None else 'given'}")
    terms = _unpack_terms(arrays, "terms", bad)
    if not terms:
        raise bad("terms_offsets", "no terms (a fitted vocabulary is never empty)")
    vocabulary = dict(zip(terms, range(len(terms))))
    if len(vocabulary) != len(terms):
        seen: set[str] = set()
        dup = next(t for t in terms if t in seen or seen.add(t))  # type: ignore[func-returns-value]
        raise bad("terms_utf8", f"term {dup!r} appears twice")
    if fixed:
        vec._validate_vocabulary()
        if vec.vocabulary_ != vocabulary:
            raise bad("terms_utf8", "the terms differ from the fixed vocabulary parameter")
    vec.vocabulary_ = vocabulary
    vec.fixed_vocabulary_ = fixed
    if "avgdl_" in keys:
        avgdl = fitted["avgdl_"]
        if type(avgdl) not in (int, float) or not np.isfinite(avgdl) or avgdl < 0:
            raise bad("meta", f"avgdl_={avgdl!r} (a finite length >= 0 expected)")
        vec.avgdl_ = float(avgdl)
    tfidf = vec._transformer()
    tfidf.n_features_in_ = len(terms)
    if vec.use_idf:
        idf = arrays["idf"]
        if len(idf) != len(terms):
            raise bad("idf", f"{len(idf)} values for {len(terms)} terms")
        if not np.isfinite(idf).all():
            raise bad("idf", f"non-finite value at index {int(np.flatnonzero(~np.isfinite(idf))[0])}")
        tfidf.idf_ = idf
    vec._tfidf = tfidf
    if version == 1 and "stop_words_utf8" in arrays:
        vec.stop_words_ = set(_unpack_terms(arrays, "stop_words", bad))
    return vec


def _vectorizer_from_params(params: Any, bad: Callable[[str, str], ModelFormatError]
                            ) -> TfidfVectorizer:
    """The vectorizer of the saved parameters, validated as ``fit`` validates them."""
    if not isinstance(params, dict):
        raise bad("meta", "no 'params' object")
    names = set(TfidfVectorizer().get_params(deep=False))
    if set(params) != names:
        missing, extra = sorted(names - set(params)), sorted(set(params) - names)
        raise bad("meta", f"parameters missing {missing}, unknown {extra}")
    params = dict(params)
    try:
        if not isinstance(params["ngram_range"], list):
            raise TypeError("ngram_range must be a list of two integers")
        params["ngram_range"] = tuple(params["ngram_range"])
        if params["dtype"] not in ("float64", "float32", "float16"):
            raise ValueError(f"dtype {params['dtype']!r} (float64, float32 or float16)")
        params["dtype"] = np.dtype(params["dtype"]).type
        if isinstance(params["stop_words"], list):
            _check_strings(params["stop_words"], "stop_words")
        tok = params["tokenizer"]
        if tok is not None:
            params["tokenizer"] = _tokenizer_from_state(tok)
        vec = TfidfVectorizer(**params)
        vec._validate_params()  # scikit-learn's parameter constraints, as fit runs them
        vec._validate_ngram_range()
        vec.build_preprocessor()  # strip_accents
        if vec.analyzer == "word":
            vec.build_tokenizer()  # token_pattern compiles, at most one group
        if vec.vocabulary is not None:
            _check_strings(list(vec.vocabulary), "vocabulary")
            vec._validate_vocabulary()
            del vec.vocabulary_, vec.fixed_vocabulary_
    except ModelFormatError:
        raise
    except Exception as e:
        raise bad("meta", f"invalid parameters ({type(e).__name__}: {e})") from e
    return vec


def _check_strings(values: list, what: str) -> None:
    for i, v in enumerate(values):
        if not isinstance(v, str):
            raise TypeError(f"{what}[{i}] is a {type(v).__name__}, not a str")


def _tokenizer_from_state(state: Any) -> Any:
    """A saved :class:`kotext.Tokenizer`, built by its own constructor checks."""
    from ._tokenize import Tokenizer

    if not isinstance(state, dict) or set(state) != {"kotext.Tokenizer"}:
        raise ValueError("tokenizer must be null or {'kotext.Tokenizer': state}")
    tok_state = state["kotext.Tokenizer"]
    if not isinstance(tok_state, dict) or not isinstance(tok_state.get("params"), dict):
        raise TypeError("the Tokenizer state has no 'params' object")
    tok_params = tok_state["params"]
    defaults = Tokenizer.__init__.__kwdefaults__ or {}
    unknown = set(tok_params) - set(defaults)
    if unknown:
        raise ValueError(f"unknown Tokenizer parameters {sorted(unknown)}")
    if isinstance(tok_params.get("ngram_range"), list):
        tok_params = {**tok_params, "ngram_range": tuple(tok_params["ngram_range"])}
    Tokenizer(**{k: v for k, v in tok_params.items() if k != "user_words"})  # its checks
    tokenizer = Tokenizer.__new__(Tokenizer)
    tokenizer.__setstate__({**tok_state, "params": tok_params})
    return tokenizer


def _unpack_terms(arrays: Mapping[str, np.ndarray], name: str,
                  bad: Callable[[str, str], ModelFormatError]) -> list[str]:
    buf, off = arrays.get(f"{name}_utf8"), arrays.get(f"{name}_offsets")
    if buf is None or off is None:
        raise bad(f"{name}_utf8" if buf is None else f"{name}_offsets", "missing")
    if len(off) == 0 or off[0] != 0 or off[-1] != len(buf):
        raise bad(f"{name}_offsets", f"must run from 0 to {len(buf)} (the UTF-8 bytes)")
    steps = np.diff(off)
    if (steps < 0).any():
        at = int(np.flatnonzero(steps < 0)[0])
        raise bad(f"{name}_offsets", f"decreasing at index {at + 1} ({off[at]} then {off[at + 1]})")
    data = buf.tobytes()
    bounds = off.tolist()
    out = []
    for i in range(len(bounds) - 1):
        try:
            out.append(data[bounds[i]:bounds[i + 1]].decode("utf-8"))
        except UnicodeDecodeError as e:
            raise bad(f"{name}_utf8", f"term {i} is not valid UTF-8 ({e.reason})") from None
    return out
