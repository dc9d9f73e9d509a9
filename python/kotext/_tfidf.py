"""TF-IDF / BM25 document vectors (the Python face of ``kotext::count_*`` and ``weight_in_place``).

:class:`TfidfVectorizer` follows the scikit-learn estimator contract and gives the same
numbers as :class:`sklearn.feature_extraction.text.TfidfVectorizer` for the same features;
counting and weighting run in C++ with the GIL released.
"""

from __future__ import annotations

import inspect
import json
import os
import tempfile
import warnings
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral, Real
from typing import Any, Callable

import numpy as np
import scipy.sparse as sp

from . import _core

__all__ = ["NotFittedError", "TfidfVectorizer", "load"]

_FORMAT = "kotext.TfidfVectorizer"
_FORMAT_VERSION = 1


class NotFittedError(ValueError, AttributeError):
    """Raised when a vectorizer is used before ``fit`` (like scikit-learn's NotFittedError)."""


def _check_corpus(raw_documents: Any) -> list:
    if isinstance(raw_documents, (str, bytes)):
        raise ValueError("Iterable over raw text documents expected, string object received.")  # noqa: TRY004 (as scikit-learn)
    if raw_documents is None:
        raise TypeError("Iterable over raw text documents expected, None received.")
    docs = raw_documents if isinstance(raw_documents, list) else list(raw_documents)
    types = set(map(type, docs))  # one C-level pass; a generator costs 5 ms per 20,000 docs
    if bytes in types or bytearray in types or any(
            issubclass(t, (bytes, bytearray)) for t in types):  # like sklearn: UTF-8 content
        docs = [bytes(d).decode("utf-8") if isinstance(d, (bytes, bytearray)) else d
                for d in docs]
    return docs


def _check_str_documents(docs: list) -> None:
    """TypeError naming the first document that is not a str (fast when all are)."""
    if all(issubclass(t, str) for t in set(map(type, docs))):
        return
    for i, d in enumerate(docs):
        if not isinstance(d, str):
            raise TypeError(f"document {i} must be str or a list of str tokens, "
                            f"not {type(d).__name__}")


def _is_pretokenized(docs: list) -> bool:
    return bool(docs) and not isinstance(docs[0], str) and isinstance(docs[0], (list, tuple))


class TfidfVectorizer:
    """Convert a collection of Korean documents to a matrix of TF-IDF (or BM25) features.

    A drop-in for :class:`sklearn.feature_extraction.text.TfidfVectorizer` whose counting
    and weighting run in C++ (thread pool, GIL released). With the same features and
    parameters it gives scikit-learn's numbers (same shape, feature order and values within
    1e-12). Its defaults differ where Korean news needs it: the ``'word'`` analyzer is the
    kotext Korean tokenizer (one-syllable words kept, particles split off) and
    ``sublinear_tf=True``.

    Parameters
    ----------
    analyzer : {'word', 'char', 'char_wb'} or callable, default='word'
        ``'word'``: documents are str, tokenized by ``tokenizer`` (default: the kotext
        Korean tokenizer, in C++), or lists of str tokens (pre-tokenized: used as they are,
        then stop words and word n-grams applied). ``'char'`` / ``'char_wb'``: character
        n-grams exactly like scikit-learn's. A callable receives each document and returns
        its features (``ngram_range``, ``stop_words`` and ``lowercase`` are then not used,
        as in scikit-learn).
    tokenizer : callable, default=None
        For ``analyzer='word'`` with str documents: a function ``str -> list[str]`` (for
        example a configured :class:`kotext.Tokenizer`). None means the kotext tokenizer
        with its defaults, run entirely in C++.
    ngram_range : tuple (min_n, max_n), default=(1, 1)
        Word or character n-gram lengths.
    lowercase : bool, default=True
        Lowercase before character n-grams or a custom ``tokenizer``; with the kotext
        tokenizer, the Latin letters of its tokens (``AI`` -> ``ai``). Pre-tokenized
        documents are used as they are.
    stop_words : list of str, default=None
        Tokens removed before word n-grams are built (``analyzer='word'`` only).
    min_df, max_df : int or float, default=1 and 1.0
        Ignore terms whose document frequency is below ``min_df`` / above ``max_df``: a
        float in [0, 1] is a proportion of documents, an int an absolute count
        (scikit-learn's semantics: ``max_df=1`` means one document, ``1.0`` all).
    max_features : int, default=None
        Keep only the most frequent terms (corpus term frequency; ties broken exactly as
        scikit-learn does).
    vocabulary : Mapping or iterable, default=None
        A fixed vocabulary (term -> column, or terms in column order).
    binary : bool, default=False
        Counts become 1 (before the tf transform and idf).
    dtype : numpy dtype, default=numpy.float64
        dtype of the returned matrix.
    norm : {'l2', 'l1'} or None, default='l2'
        Row normalization.
    use_idf, smooth_idf : bool, default=True
        Inverse document frequency weighting, with add-one smoothing
        (``log((1 + n) / (1 + df)) + 1``).
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
        Inverse document frequencies (only with ``use_idf=True``).
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

    def __init__(
        self,
        *,
        analyzer: str | Callable[[Any], Iterable[str]] = "word",
        tokenizer: Callable[[str], Iterable[str]] | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        lowercase: bool = True,
        stop_words: Sequence[str] | None = None,
        min_df: float = 1,
        max_df: float = 1.0,
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
        self.analyzer = analyzer
        self.tokenizer = tokenizer
        self.ngram_range = ngram_range
        self.lowercase = lowercase
        self.stop_words = stop_words
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.vocabulary = vocabulary
        self.binary = binary
        self.dtype = dtype
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf
        self.weighting = weighting
        self.k1 = k1
        self.b = b
        self.n_jobs = n_jobs

    # ---- scikit-learn estimator protocol -------------------------------------------------
    @classmethod
    def _get_param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return sorted(p.name for p in sig.parameters.values() if p.name != "self")

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Parameters of this estimator (scikit-learn protocol)."""
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params: Any) -> TfidfVectorizer:
        """Set parameters (scikit-learn protocol); returns self."""
        valid = set(self._get_param_names())
        for key, value in params.items():
            if key not in valid:
                raise ValueError(
                    f"Invalid parameter {key!r} for estimator {type(self).__name__}. "
                    f"Valid parameters are: {sorted(valid)!r}."
                )
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        defaults = type(self)().get_params()
        changed = []
        for k, v in self.get_params().items():
            d = defaults[k]
            try:
                same = bool(v is d or v == d)
            except Exception:  # noqa: BLE001
                same = False
            if not same:
                changed.append(f"{k}={v!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self):  # pragma: no cover - exercised through scikit-learn
        from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type="transformer",
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(),
            input_tags=InputTags(two_d_array=False, string=True),
        )

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_vocab_core", None)  # C++ object: rebuilt from vocabulary_ on demand
        state.pop("_feature_names", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    # ---- validation --------------------------------------------------------------------
    def _validate(self) -> None:
        min_n, max_n = self.ngram_range
        if min_n > max_n:
            raise ValueError(
                f"Invalid value for ngram_range={self.ngram_range!s} "
                "lower boundary larger than the upper boundary."
            )
        if min_n < 1:
            raise ValueError(f"Invalid value for ngram_range={self.ngram_range!s}: must be >= 1.")
        for name in ("min_df", "max_df"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, Real):
                raise TypeError(f"The '{name}' parameter must be an int or a float, not {v!r}.")
            if isinstance(v, Integral):
                if v < 0:
                    raise ValueError(f"The '{name}' parameter must be >= 0 as an int, got {v}.")
            elif not 0.0 <= v <= 1.0:
                raise ValueError(f"The '{name}' parameter must be in [0.0, 1.0] as a float, got {v}.")
        if self.max_features is not None and (
            isinstance(self.max_features, bool)
            or not isinstance(self.max_features, Integral)
            or self.max_features < 1
        ):
            raise ValueError(f"max_features must be a positive int or None, got {self.max_features!r}.")
        if self.norm not in ("l1", "l2", None):
            raise ValueError(f"norm must be 'l1', 'l2' or None, not {self.norm!r}.")
        if self.weighting not in ("tfidf", "bm25"):
            raise ValueError(f"weighting must be 'tfidf' or 'bm25', not {self.weighting!r}.")
        if not callable(self.analyzer) and self.analyzer not in ("word", "char", "char_wb"):
            raise ValueError(
                f"analyzer must be 'word', 'char', 'char_wb' or a callable, not {self.analyzer!r}."
            )
        if isinstance(self.stop_words, str):
            raise ValueError("stop_words must be a list of str (named lists are not built in).")  # noqa: TRY004
        if np.dtype(self.dtype) not in (np.float64, np.float32):
            raise ValueError(f"dtype must be float64 or float32, not {self.dtype!r}.")
        if callable(self.analyzer) and self.ngram_range not in ((1, 1), [1, 1]):
            warnings.warn("The parameter 'ngram_range' will not be used since 'analyzer' "
                          "is callable'", stacklevel=3)
        if (callable(self.analyzer) or self.analyzer != "word") and self.stop_words is not None:
            warnings.warn("The parameter 'stop_words' will not be used since 'analyzer' != "
                          "'word'", stacklevel=3)

    def _fixed_vocabulary(self) -> list[str] | None:
        vocabulary = self.vocabulary
        if vocabulary is None:
            return None
        if isinstance(vocabulary, Mapping):
            mapping = dict(vocabulary)
        else:
            mapping = {}
            for i, t in enumerate(vocabulary):
                if mapping.setdefault(t, i) != i:
                    raise ValueError(f"Duplicate term in vocabulary: {t!r}")
        indices = set(mapping.values())
        if len(indices) != len(mapping):
            raise ValueError("Vocabulary contains repeated indices.")
        for i in range(len(mapping)):
            if i not in indices:
                raise ValueError(f"Vocabulary of size {len(mapping)} doesn't contain index {i}.")
        if not mapping:
            raise ValueError("empty vocabulary passed to fit")
        terms = [""] * len(mapping)
        for t, i in mapping.items():
            terms[i] = t
        return terms

    # ---- counting ----------------------------------------------------------------------
    def _count(self, docs: list, vocab: Any) -> tuple[Any, list[str] | None]:
        n_jobs = int(self.n_jobs)
        min_n, max_n = (int(x) for x in self.ngram_range)
        stops = list(self.stop_words) if self.stop_words is not None else []
        if callable(self.analyzer):
            feats = []
            for i, d in enumerate(docs):
                f = self.analyzer(d)
                feats.append(f if isinstance(f, list) else list(f))
            return _core.count_tokens(feats, vocab, 1, 1, [], n_jobs)
        if self.analyzer in ("char", "char_wb"):
            for i, d in enumerate(docs):
                if not isinstance(d, str):
                    raise TypeError(f"document {i} must be str for analyzer={self.analyzer!r}, "
                                    f"not {type(d).__name__}")
            return _core.count_chars(docs, self.analyzer, bool(self.lowercase), vocab, min_n,
                                     max_n, n_jobs)
        # analyzer == 'word'
        if _is_pretokenized(docs):
            return _core.count_tokens(docs, vocab, min_n, max_n, stops, n_jobs)
        core_tokenizer = _core_tokenizer(self.tokenizer)
        if core_tokenizer is not None:  # tokenize + count in C++, no Python str per token
            _check_str_documents(docs)
            return _core.count_words(docs, core_tokenizer, bool(self.lowercase), vocab, min_n,
                                     max_n, stops, n_jobs)
        toks = []
        for i, d in enumerate(docs):
            if not isinstance(d, str):
                raise TypeError(f"document {i} must be str or a list of str tokens, "
                                f"not {type(d).__name__}")
            t = self.tokenizer(d.lower() if self.lowercase else d)
            toks.append(t if isinstance(t, list) else list(t))
        return _core.count_tokens(toks, vocab, min_n, max_n, stops, n_jobs)

    def _vocab(self) -> Any:
        core = self.__dict__.get("_vocab_core")
        if core is None or len(core) != len(self.vocabulary_):
            core = _core.Vocabulary(list(self._features()))
            self._vocab_core = core
        return core

    def _features(self) -> np.ndarray:
        names = self.__dict__.get("_feature_names")
        if names is None or len(names) != len(self.vocabulary_):
            names = np.empty(len(self.vocabulary_), dtype=object)
            for t, i in self.vocabulary_.items():
                names[i] = t
            self._feature_names = names
        return names

    def _check_fitted(self) -> None:
        if not hasattr(self, "vocabulary_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with "
                "appropriate arguments before using this estimator."
            )

    def _to_scipy(self, counts: Any) -> sp.csr_matrix:
        data, indices, indptr, shape = counts.release()
        if np.dtype(self.dtype) != np.float64:
            data = data.astype(self.dtype)
        X = sp.csr_matrix((data, indices, indptr), shape=shape, copy=False)
        X.has_sorted_indices = True
        X.has_canonical_format = True
        return X

    def _weight(self, counts: Any) -> None:
        idf = getattr(self, "idf_", None) if self.use_idf else None
        counts.weight(None if idf is None else np.asarray(idf, dtype=np.float64),
                      self.weighting, bool(self.binary), bool(self.sublinear_tf), self.norm,
                      float(self.k1), float(self.b), float(getattr(self, "avgdl_", 0.0)),
                      int(self.n_jobs))

    # ---- public API --------------------------------------------------------------------
    def fit(self, raw_documents: Iterable[Any], y: Any = None) -> TfidfVectorizer:
        """Learn the vocabulary and idf from the documents; returns self."""
        self._fit(raw_documents, keep=False)
        return self

    def fit_transform(self, raw_documents: Iterable[Any], y: Any = None) -> sp.csr_matrix:
        """Learn vocabulary and idf, and return the document-term matrix.

        Returns
        -------
        scipy.sparse.csr_matrix of shape (n_documents, n_features)
            Canonical CSR (sorted indices, no duplicates; int32 indices unless the number of
            stored values needs int64).
        """
        return self._fit(raw_documents, keep=True)

    def _fit(self, raw_documents: Iterable[Any], keep: bool) -> sp.csr_matrix | None:
        docs = _check_corpus(raw_documents)
        self._validate()
        fixed = self._fixed_vocabulary()
        vocab = _core.Vocabulary(fixed) if fixed is not None else None
        counts, terms = self._count(docs, vocab)
        df = counts.document_frequency(int(self.n_jobs))
        # Only now, after the long (interruptible) counting, is the previous fit dropped.
        for attr in ("vocabulary_", "idf_", "stop_words_", "avgdl_", "_vocab_core",
                     "_feature_names"):
            self.__dict__.pop(attr, None)
        if fixed is None:
            if not terms:
                raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
            terms, stop_words, df = self._limit(counts, terms, df)
            self.stop_words_ = stop_words
            self.fixed_vocabulary_ = False
        else:
            terms = fixed
            self._vocab_core = vocab
            self.fixed_vocabulary_ = True
        self.vocabulary_ = dict(zip(terms, range(len(terms))))
        n_samples = counts.shape[0]
        dtype = np.dtype(self.dtype)
        if self.use_idf:
            if self.weighting == "bm25":
                d = df.astype(np.float64)
                self.idf_ = np.log1p((n_samples - d + 0.5) / (d + 0.5)).astype(dtype)
            else:  # scikit-learn's TfidfTransformer.fit, operation for operation
                d = df.astype(dtype)
                d += float(self.smooth_idf)
                n = n_samples + int(self.smooth_idf)
                idf = np.full_like(d, fill_value=n, dtype=dtype)
                idf /= d
                np.log(idf, out=idf)
                idf += 1
                self.idf_ = idf
        if self.weighting == "bm25":
            self.avgdl_ = float(counts.average_length(bool(self.binary)))
        if not keep:
            return None
        self._weight(counts)
        return self._to_scipy(counts)

    def _limit(self, counts: Any, terms: list[str],
               dfs: np.ndarray) -> tuple[list[str], set, np.ndarray]:
        """min_df / max_df / max_features, as scikit-learn's CountVectorizer does it."""
        n_doc = counts.shape[0]
        max_df, min_df = self.max_df, self.min_df
        max_doc_count = max_df if isinstance(max_df, Integral) else max_df * n_doc
        min_doc_count = min_df if isinstance(min_df, Integral) else min_df * n_doc
        if max_doc_count < min_doc_count:
            raise ValueError("max_df corresponds to < documents than min_df")
        mask = np.ones(len(dfs), dtype=bool)
        mask &= dfs <= max_doc_count
        mask &= dfs >= min_doc_count
        limit = self.max_features
        if limit is not None and mask.sum() > limit:
            # the same numpy call as scikit-learn, so ties fall the same way
            tfs = dfs.astype(np.float64) if self.binary else counts.column_sums()
            tfs = tfs.astype(np.dtype(self.dtype), copy=False)
            mask_inds = (-tfs[mask]).argsort()[:limit]
            new_mask = np.zeros(len(dfs), dtype=bool)
            new_mask[np.where(mask)[0][mask_inds]] = True
            mask = new_mask
        if mask.all():
            return terms, set(), dfs
        if not mask.any():
            raise ValueError(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df."
            )
        counts.keep_columns(mask)
        kept = [t for t, m in zip(terms, mask.tolist()) if m]
        removed = {t for t, m in zip(terms, mask.tolist()) if not m}
        return kept, removed, dfs[mask]

    def transform(self, raw_documents: Iterable[Any]) -> sp.csr_matrix:
        """Document-term matrix of new documents with the fitted vocabulary and idf."""
        self._check_fitted()
        docs = _check_corpus(raw_documents)
        counts, _ = self._count(docs, self._vocab())
        self._weight(counts)
        return self._to_scipy(counts)

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
        docs = _check_corpus(raw_documents)
        counts, _ = self._count(docs, self._vocab())
        data, indices, indptr, shape = counts.release()
        return sp.csr_matrix((data, indices, indptr), shape=shape, copy=False)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Feature names in column order (an object array of str)."""
        self._check_fitted()
        return self._features().copy()

    def inverse_transform(self, X: Any) -> list[np.ndarray]:
        """Terms with a non-zero entry, per row of ``X``."""
        self._check_fitted()
        X = sp.csr_matrix(X)
        names = self._features()
        if X.shape[1] != len(names):
            raise ValueError(f"X has {X.shape[1]} features, but the vectorizer has "
                             f"{len(names)}.")
        X.eliminate_zeros()
        return [names[X.indices[X.indptr[i]:X.indptr[i + 1]]] for i in range(X.shape[0])]

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
        for k, v in self.get_params().items():
            if k == "tokenizer" and type(v) is Tokenizer:
                params[k] = {"kotext.Tokenizer": v.__getstate__()}  # plain data, JSON-safe
                continue
            if callable(v) and k != "dtype":
                raise ValueError(f"cannot save a vectorizer with a callable {k!r}; pickle it instead")
            if k == "dtype":
                v = np.dtype(v).name
            elif k == "ngram_range" or k == "stop_words" and v is not None:
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


# ---- the kotext word tokenizer ------------------------------------------------------------
_DEFAULT_TOKENIZER: Any = None


def _core_tokenizer(tokenizer: Any) -> Any:
    """The C++ tokenizer behind ``tokenizer`` (None: the default one), or None when
    ``tokenizer`` is some other callable that must run in Python."""
    global _DEFAULT_TOKENIZER
    from ._tokenize import Tokenizer

    if tokenizer is None:
        if _DEFAULT_TOKENIZER is None:
            _DEFAULT_TOKENIZER = Tokenizer()
        tokenizer = _DEFAULT_TOKENIZER
    if type(tokenizer) is Tokenizer and tokenizer.get_params().get("backend", "kotext") == "kotext":
        return tokenizer._core
    return None
