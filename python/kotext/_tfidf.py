"""TF-IDF / BM25 document vectors (the Python face of ``kotext::count_*`` and ``weight_in_place``).

:class:`TfidfVectorizer` follows the scikit-learn estimator contract and gives the same
numbers as :class:`sklearn.feature_extraction.text.TfidfVectorizer` for the same features;
counting and weighting run in C++ with the GIL released.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real
from typing import Any, Callable, ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.utils._param_validation import Interval, StrOptions

from . import _rules, _vectorizer
from ._vectorizer import NotFittedError

__all__ = ["NotFittedError", "TfidfVectorizer", "load"]

_FORMAT = "kotext.TfidfVectorizer"
_FORMAT_VERSION = 1


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
        self._check_fitted()
        docs = _vectorizer._check_raw_documents(raw_documents)
        self._check_vocabulary()
        counts, _ = self._count(docs, self._vocab())
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

        self._check_fitted()
        return _keywords_frame(X, self._features(), top_k, int(self.n_jobs))

    # ---- persistence -------------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        """Save to ``path`` as an ``.npz`` holding JSON parameters and arrays (no pickle).

        The file is written to a temporary file next to ``path`` and moved into place with
        :func:`os.replace`, so a crash never leaves a half-written file. Callable analyzers
        and tokenizers cannot be saved this way (use pickle for those); a
        :class:`kotext.Tokenizer` can (its parameters and learned state are stored as JSON).

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

        params = {}
        for k, v in self.get_params(deep=False).items():
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
        if hasattr(self, "vocabulary_"):
            meta["fitted"] = {"fixed_vocabulary_": bool(self.fixed_vocabulary_)}
            if hasattr(self, "avgdl_"):
                meta["fitted"]["avgdl_"] = self.avgdl_
            arrays.update(_pack_terms("terms", list(self._features())))
            if hasattr(self, "stop_words_"):
                arrays.update(_pack_terms("stop_words", sorted(self.stop_words_)))
            if hasattr(self, "idf_"):
                arrays["idf"] = np.asarray(self.idf_)
        arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"),
                                       dtype=np.uint8)
        path = os.fspath(path)
        directory = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".kotext-", suffix=".npz.tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, **arrays)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


def _pack_terms(name: str, terms: list[str]) -> dict[str, np.ndarray]:
    encoded = [t.encode("utf-8") for t in terms]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return {f"{name}_utf8": np.frombuffer(b"".join(encoded), dtype=np.uint8),
            f"{name}_offsets": offsets}


def _unpack_terms(z: Any, name: str) -> list[str]:
    buf = z[f"{name}_utf8"].tobytes()
    off = z[f"{name}_offsets"].tolist()
    return [buf[off[i]:off[i + 1]].decode("utf-8") for i in range(len(off) - 1)]


def load(path: str | os.PathLike) -> TfidfVectorizer:
    """Load a vectorizer written by :meth:`TfidfVectorizer.save` (never runs pickled code).

    Raises
    ------
    ValueError
        The file is not a kotext vectorizer file (or of a newer format version).
    """
    with np.load(os.fspath(path), allow_pickle=False) as z:
        if "meta" not in z.files:
            raise ValueError(f"{os.fspath(path)!r} is not a kotext file (no metadata)")
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        if meta.get("format") != _FORMAT:
            raise ValueError(f"{os.fspath(path)!r} is not a kotext.TfidfVectorizer file")
        if int(meta.get("version", 0)) > _FORMAT_VERSION:
            raise ValueError(f"{os.fspath(path)!r} has format version {meta['version']}, newer "
                             f"than this kotext supports ({_FORMAT_VERSION})")
        params = dict(meta["params"])
        params["ngram_range"] = tuple(params["ngram_range"])
        tok = params.get("tokenizer")
        if isinstance(tok, dict):
            from ._tokenize import Tokenizer

            tokenizer = Tokenizer.__new__(Tokenizer)
            tokenizer.__setstate__(tok["kotext.Tokenizer"])
            params["tokenizer"] = tokenizer
        params["dtype"] = np.dtype(params["dtype"]).type
        vec = TfidfVectorizer(**params)
        fitted = meta.get("fitted")
        if fitted is not None:
            terms = _unpack_terms(z, "terms")
            vec.vocabulary_ = {t: i for i, t in enumerate(terms)}
            vec.fixed_vocabulary_ = bool(fitted["fixed_vocabulary_"])
            if "stop_words_utf8" in z.files:
                vec.stop_words_ = set(_unpack_terms(z, "stop_words"))
            if "idf" in z.files:
                vec.idf_ = z["idf"]
            if "avgdl_" in fitted:
                vec.avgdl_ = float(fitted["avgdl_"])
    return vec
