"""The counting vectorizer family: scikit-learn's text estimators with their counting and
weighting in C++.

:class:`CountVectorizer`, :class:`TfidfTransformer`, :class:`TfidfVectorizer` and
:class:`HashingVectorizer` take scikit-learn's parameters, defaults, attributes, methods,
warnings and exceptions (they subclass :class:`sklearn.base.BaseEstimator`, so ``clone``,
the HTML repr and the tags are scikit-learn's). What runs where:

- the default ``token_pattern`` ``(?u)\\b\\w\\w+\\b``, ``'char'`` and ``'char_wb'``, stop
  words, word n-grams, counting, pruning masks applied, hashing and weighting: C++, on
  ``n_jobs`` threads with the GIL released;
- a custom ``preprocessor``, ``strip_accents``, ``tokenizer``, ``token_pattern`` or
  callable ``analyzer``: Python, as scikit-learn runs them (correct, slower), then C++ counts
  what they produced.

:class:`kotext.TfidfVectorizer` is :class:`TfidfVectorizer` with Korean defaults.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Mapping
from numbers import Integral
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.exceptions import NotFittedError as _SkNotFittedError
from sklearn.feature_extraction import text as _sk_text
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    strip_accents_ascii,
    strip_accents_unicode,
)

from . import _core, _rules

try:  # scikit-learn >= 1.6
    from sklearn.utils.validation import validate_data as _validate_data
except ImportError:  # pragma: no cover - older scikit-learn
    def _validate_data(estimator: Any, X: Any, **kwargs: Any) -> Any:
        return estimator._validate_data(X, **kwargs)

try:  # scikit-learn >= 1.8: sparse matrix or sparse array, as configured
    from sklearn.utils._sparse import _align_api_if_sparse
except ImportError:  # pragma: no cover - older scikit-learn
    def _align_api_if_sparse(X: Any) -> Any:
        return X

__all__ = ["CountVectorizer", "HashingVectorizer", "NotFittedError", "TfidfTransformer",
           "TfidfVectorizer"]

DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
FLOAT_DTYPES = (np.float64, np.float32, np.float16)


class NotFittedError(_SkNotFittedError):
    """Raised when a vectorizer is used before ``fit``; a
    :class:`sklearn.exceptions.NotFittedError` (so ``except`` clauses for either catch it)."""


# ---- the running Python's character classes, for the C++ word pattern -------------------
@functools.cache
def unicode_tables() -> Any:
    """``_core.UnicodeTables`` of this Python: ``re``'s ``\\w`` and ``str.lower``.

    Built once (about 0.2 s) from the interpreter itself, so the C++ tokens equal
    ``re.findall`` and ``str.lower`` for this Python's Unicode version, whatever version
    utf8proc has.
    """
    n = 0x110000
    cps = np.arange(n, dtype=np.uint32)
    scalar = cps[(cps < 0xD800) | (cps > 0xDFFF)]  # str cannot encode lone surrogates
    text = scalar.astype("<u4").tobytes().decode("utf-32-le")
    word = np.frombuffer(re.sub(r"\W+", "", text).encode("utf-32-le"), dtype="<u4")
    # one-to-one lowercase; U+0130 (the only multi-character lowercase) and the context
    # rule of capital sigma are handled in C++
    lower = cps.copy()
    one = scalar[scalar != 0x130]
    lowered = one.astype("<u4").tobytes().decode("utf-32-le").lower()
    if len(lowered) == len(one):
        lower[one] = np.frombuffer(lowered.encode("utf-32-le"), dtype="<u4")
    else:  # a future Unicode with more multi-character lowercases: keep those unchanged
        for c in one.tolist():
            low = chr(c).lower()
            lower[c] = ord(low) if len(low) == 1 else c
    # Final_Sigma classes, read off str.lower itself: "A c Σ " ends in final sigma when c
    # is case-ignorable or cased, " c Σ " when c is cased (and not case-ignorable).
    probe = one[one != 0x3A3]

    def final_after(first: int) -> np.ndarray:
        units = np.empty((len(probe), 4), dtype="<u4")
        units[:, 0] = first
        units[:, 1] = probe
        units[:, 2] = 0x3A3
        units[:, 3] = 0x20
        out = units.tobytes().decode("utf-32-le").lower().encode("utf-32-le")
        return np.frombuffer(out, dtype="<u4").reshape(-1, 4)[:, 2] == 0x3C2

    either = final_after(ord("A"))
    cased = final_after(ord(" "))
    case_class = np.zeros(n, dtype=np.uint8)
    case_class[probe[either]] = 1
    case_class[probe[cased]] = 2
    case_class[[0x130, 0x3A3]] = 2
    return _core.UnicodeTables(word, lower, case_class)


# ---- input checks -------------------------------------------------------------------------
def _check_raw_documents(raw_documents: Any) -> list:
    if isinstance(raw_documents, str):
        raise ValueError(  # noqa: TRY004 (scikit-learn's exception)
            "Iterable over raw text documents expected, string object received.")
    if raw_documents is None:
        raise TypeError("Iterable over raw text documents expected, None received.")
    return raw_documents if isinstance(raw_documents, list) else list(raw_documents)


def _is_pretokenized(docs: list) -> bool:
    return bool(docs) and isinstance(docs[0], (list, tuple))


def _check_str_documents(docs: list, what: str = "str") -> None:
    """TypeError naming the first document that is not a str (fast when all are)."""
    if all(issubclass(t, str) for t in set(map(type, docs))):
        return
    for i, d in enumerate(docs):
        if not isinstance(d, str):
            raise TypeError(f"document {i} must be {what}, not {type(d).__name__}")


def _threads(n_jobs: Any) -> int:
    return -1 if n_jobs is None else int(n_jobs)


def _to_csr(counts: Any, dtype: Any) -> sp.csr_matrix:
    """The C++ buffers as a canonical CSR matrix (no copy for float64)."""
    data, indices, indptr, shape = counts.release()
    if np.dtype(dtype) != np.float64:
        data = data.astype(dtype)
    X = sp.csr_matrix((data, indices, indptr), shape=shape, copy=False)
    X.has_sorted_indices = True
    X.has_canonical_format = True
    return X


class _VectorizerMixin:
    """Text handling shared by the vectorizers: scikit-learn's ``_VectorizerMixin``
    methods (decode, build_* and stop words), and the dispatch to the C++ counters."""

    _white_spaces = re.compile(r"\s\s+")
    _korean_by_default = False  # analyzer='word' with token_pattern=None: Korean tokenizer

    # ---- scikit-learn's methods --------------------------------------------------------
    def decode(self, doc: Any) -> Any:
        """Decode the input into a string of unicode symbols (scikit-learn's rules:
        ``input``, ``encoding``, ``decode_error``); ValueError for ``np.nan``."""
        if self.input == "filename":
            with open(doc, "rb") as fh:
                doc = fh.read()
        elif self.input == "file":
            doc = doc.read()
        if isinstance(doc, (bytes, bytearray)):
            doc = bytes(doc).decode(self.encoding, self.decode_error)
        if isinstance(doc, float) and np.isnan(doc):  # np.nan, e.g. a missing pandas value
            raise ValueError("np.nan is an invalid document, expected byte or unicode string.")
        return doc

    def _word_ngrams(self, tokens: list, stop_words: Any = None) -> list:
        if stop_words is not None:
            tokens = [w for w in tokens if w not in stop_words]
        min_n, max_n = self.ngram_range
        if max_n != 1:
            original = tokens
            if min_n == 1:
                tokens = list(original)
                min_n += 1
            else:
                tokens = []
            n = len(original)
            for k in range(min_n, min(max_n + 1, n + 1)):
                for i in range(n - k + 1):
                    tokens.append(" ".join(original[i:i + k]))
        return tokens

    def _char_ngrams(self, text_document: str) -> list:
        text_document = self._white_spaces.sub(" ", text_document)
        text_len = len(text_document)
        min_n, max_n = self.ngram_range
        if min_n == 1:
            ngrams = list(text_document)
            min_n += 1
        else:
            ngrams = []
        for n in range(min_n, min(max_n + 1, text_len + 1)):
            for i in range(text_len - n + 1):
                ngrams.append(text_document[i:i + n])
        return ngrams

    def _char_wb_ngrams(self, text_document: str) -> list:
        text_document = self._white_spaces.sub(" ", text_document)
        min_n, max_n = self.ngram_range
        ngrams = []
        for w in text_document.split():
            w = " " + w + " "
            w_len = len(w)
            for n in range(min_n, max_n + 1):
                offset = 0
                ngrams.append(w[offset:offset + n])
                while offset + n < w_len:
                    offset += 1
                    ngrams.append(w[offset:offset + n])
                if offset == 0:  # count a short word (w_len < n) only once
                    break
        return ngrams

    def build_preprocessor(self) -> Any:
        """Return a function to preprocess the text before tokenization."""
        if self.preprocessor is not None:
            return self.preprocessor
        if not self.strip_accents:
            strip = None
        elif callable(self.strip_accents):
            strip = self.strip_accents
        elif self.strip_accents == "ascii":
            strip = strip_accents_ascii
        elif self.strip_accents == "unicode":
            strip = strip_accents_unicode
        else:
            raise ValueError(f'Invalid value for "strip_accents": {self.strip_accents}')
        return functools.partial(_sk_text._preprocess, accent_function=strip,
                                 lower=self.lowercase)

    def build_tokenizer(self) -> Any:
        """Return a function that splits a string into a sequence of tokens (the
        ``tokenizer``, the compiled ``token_pattern``'s ``findall``, or, for
        :class:`kotext.TfidfVectorizer` with ``token_pattern=None``, the Korean tokenizer)."""
        if self.tokenizer is not None:
            return self.tokenizer
        if self.token_pattern is None and self._korean_by_default:
            return _default_korean_tokenizer()
        token_pattern = re.compile(self.token_pattern)
        if token_pattern.groups > 1:
            raise ValueError("More than 1 capturing group in token pattern. Only a single "
                             "group should be captured.")
        return token_pattern.findall

    def get_stop_words(self) -> frozenset | None:
        """Build or fetch the effective stop words list (``'english'``: scikit-learn's)."""
        stop = self.stop_words
        if stop == "english":
            return ENGLISH_STOP_WORDS
        if isinstance(stop, str):
            raise ValueError(f"not a built-in stop list: {stop}")  # noqa: TRY004 (as sklearn)
        return None if stop is None else frozenset(stop)

    def _check_stop_words_consistency(self, stop_words: Any, preprocess: Any,
                                      tokenize: Any) -> Any:
        """Warn when tokenizing the stop words gives tokens that are not stop words
        (scikit-learn's check, run once per ``stop_words`` object)."""
        if id(self.stop_words) == getattr(self, "_stop_words_id", None):
            return None
        try:
            inconsistent = set()
            for w in stop_words or ():
                for token in list(tokenize(preprocess(w))):
                    if token not in stop_words:
                        inconsistent.add(token)
            self._stop_words_id = id(self.stop_words)
            if inconsistent:
                warnings.warn("Your stop_words may be inconsistent with your preprocessing. "
                              "Tokenizing the stop words generated tokens "
                              f"{sorted(inconsistent)!r} not in stop_words.", stacklevel=3)
            return not inconsistent
        except Exception:  # noqa: BLE001 - a custom preprocessor / tokenizer failed
            self._stop_words_id = id(self.stop_words)
            return "error"

    def build_analyzer(self) -> Any:
        """Return a callable doc -> features (decoding, preprocessing, tokenization and
        n-grams), the pure-Python equivalent of what the C++ counters compute."""
        if callable(self.analyzer):
            return functools.partial(_sk_text._analyze, analyzer=self.analyzer,
                                     decoder=self.decode)
        preprocess = self.build_preprocessor()
        if self.analyzer == "char":
            return functools.partial(_sk_text._analyze, ngrams=self._char_ngrams,
                                     preprocessor=preprocess, decoder=self.decode)
        if self.analyzer == "char_wb":
            return functools.partial(_sk_text._analyze, ngrams=self._char_wb_ngrams,
                                     preprocessor=preprocess, decoder=self.decode)
        if self.analyzer == "word":
            stop_words = self.get_stop_words()
            tokenize = self.build_tokenizer()
            self._check_stop_words_consistency(stop_words, preprocess, tokenize)
            return functools.partial(_sk_text._analyze, ngrams=self._word_ngrams,
                                     tokenizer=tokenize, preprocessor=preprocess,
                                     decoder=self.decode, stop_words=stop_words)
        raise ValueError(f"{self.analyzer} is not a valid tokenization scheme/analyzer")

    def _validate_vocabulary(self) -> None:
        vocabulary = self.vocabulary
        if vocabulary is not None:
            if isinstance(vocabulary, set):
                vocabulary = sorted(vocabulary)  # a stable column order (not hash order)
            if not isinstance(vocabulary, Mapping):
                vocab: dict = {}
                for i, t in enumerate(vocabulary):
                    if vocab.setdefault(t, i) != i:
                        raise ValueError(f"Duplicate term in vocabulary: {t!r}")
                vocabulary = vocab
            else:
                indices = set(vocabulary.values())
                if len(indices) != len(vocabulary):
                    raise ValueError("Vocabulary contains repeated indices.")
                for i in range(len(vocabulary)):
                    if i not in indices:
                        raise ValueError(f"Vocabulary of size {len(vocabulary)} doesn't "
                                         f"contain index {i}.")
            if not vocabulary:
                raise ValueError("empty vocabulary passed to fit")
            self.fixed_vocabulary_ = True
            self.vocabulary_ = dict(vocabulary)
        else:
            self.fixed_vocabulary_ = False

    def _check_vocabulary(self) -> None:
        if not hasattr(self, "vocabulary_"):
            self._validate_vocabulary()
            if not self.fixed_vocabulary_:
                raise NotFittedError("Vocabulary not fitted or provided")
        if len(self.vocabulary_) == 0:
            raise ValueError("Vocabulary is empty")

    def _validate_ngram_range(self) -> None:
        _rules.check_ngram_range(self.ngram_range)

    def _warn_for_unused_params(self) -> None:
        if self.tokenizer is not None and self.token_pattern is not None:
            warnings.warn("The parameter 'token_pattern' will not be used since 'tokenizer' "
                          "is not None'", stacklevel=3)
        if self.preprocessor is not None and callable(self.analyzer):
            warnings.warn("The parameter 'preprocessor' will not be used since 'analyzer' "
                          "is callable'", stacklevel=3)
        if (self.ngram_range != (1, 1) and self.ngram_range is not None
                and callable(self.analyzer)):
            warnings.warn("The parameter 'ngram_range' will not be used since 'analyzer' "
                          "is callable'", stacklevel=3)
        if self.analyzer != "word" or callable(self.analyzer):
            if self.stop_words is not None:
                warnings.warn("The parameter 'stop_words' will not be used since "
                              "'analyzer' != 'word'", stacklevel=3)
            if self.token_pattern is not None and self.token_pattern != DEFAULT_TOKEN_PATTERN:
                warnings.warn("The parameter 'token_pattern' will not be used since "
                              "'analyzer' != 'word'", stacklevel=3)
            if self.tokenizer is not None:
                warnings.warn("The parameter 'tokenizer' will not be used since "
                              "'analyzer' != 'word'", stacklevel=3)

    # ---- the C++ counting dispatch -----------------------------------------------------
    def _decoded(self, docs: list) -> tuple[list, bool]:
        """Documents as str (pre-tokenized lists pass through), decoded only when needed,
        and whether all are str (one type pass over the batch)."""
        if self.input != "content":
            docs = [self.decode(d) for d in docs]
        if isinstance(docs, list) and _core.all_str(docs):
            return docs, True
        types = set(map(type, docs))
        if all(issubclass(t, str) for t in types):
            return docs, True
        if not callable(self.analyzer) and any(issubclass(t, (list, tuple)) for t in types):
            return docs, False
        docs = [d if isinstance(d, str) else self.decode(d) for d in docs]
        return docs, all(isinstance(d, str) for d in docs)

    def _custom_preprocessor(self) -> Any:
        """The preprocessor that must run in Python, or None when lowercasing alone."""
        if self.preprocessor is not None or self.strip_accents:
            return self.build_preprocessor()
        return None

    def _count(self, raw_documents: list, target: Any) -> tuple[Any, list | None]:
        """Count ``raw_documents`` into ``target`` (None: learn the vocabulary; a
        ``_core.Vocabulary``; a ``_core.Hasher``). Returns (CountMatrix, learned terms)."""
        docs, all_str = self._decoded(raw_documents)
        n_jobs = _threads(self.n_jobs)
        if callable(self.analyzer):
            feats = [f if isinstance(f, list) else list(f) for f in map(self.analyzer, docs)]
            return _core.count_tokens(feats, target, 1, 1, [], n_jobs)
        min_n, max_n = _rules.check_ngram_range(self.ngram_range)
        preprocess = self._custom_preprocessor()
        lowercase = bool(self.lowercase) and preprocess is None
        if preprocess is not None and not _is_pretokenized(docs):
            docs = [preprocess(d) for d in docs]  # may take any object (scikit-learn's too)
            all_str = False  # check what it returned
        if self.analyzer in ("char", "char_wb"):
            if not all_str:
                _check_str_documents(docs)
            return _core.count_chars(docs, self.analyzer, lowercase, target, min_n, max_n,
                                     n_jobs, unicode_tables())
        if self.analyzer != "word":
            raise ValueError(f"{self.analyzer} is not a valid tokenization scheme/analyzer")
        stop_words = self.get_stop_words()
        stops = sorted(stop_words) if stop_words else []
        if _is_pretokenized(docs):  # lists of tokens: used as they are
            return _core.count_tokens(docs, target, min_n, max_n, stops, n_jobs)
        if not all_str:
            _check_str_documents(docs, "str or a list of str tokens")
        if stop_words:
            self._check_stop_words_consistency(stop_words, self.build_preprocessor(),
                                               self.build_tokenizer())
        core_tokenizer = self._core_tokenizer()
        if core_tokenizer is not None:  # the kotext tokenizer, tokenizing and counting in C++
            return _core.count_words(docs, core_tokenizer, lowercase, target, min_n, max_n,
                                     stops, n_jobs)
        if self.tokenizer is None and self.token_pattern == DEFAULT_TOKEN_PATTERN:
            return _core.count_regex_words(docs, unicode_tables(), lowercase, target, min_n,
                                           max_n, stops, n_jobs)
        tokenize = self.build_tokenizer()  # a custom tokenizer or pattern: Python
        if lowercase:
            docs = [d.lower() for d in docs]
        toks = [t if isinstance(t, list) else list(t) for t in map(tokenize, docs)]
        return _core.count_tokens(toks, target, min_n, max_n, stops, n_jobs)

    def _core_tokenizer(self) -> Any:
        """The C++ tokenizer of a kotext word analyzer, or None."""
        from ._tokenize import Tokenizer

        tokenizer = self.tokenizer
        if tokenizer is None:
            if self.token_pattern is not None or not self._korean_by_default:
                return None
            tokenizer = _default_korean_tokenizer()
        if type(tokenizer) is Tokenizer and tokenizer.get_params().get("backend", "kotext") in (
                "kotext", "rules"):
            return tokenizer._core
        return None

    def _vocab(self) -> Any:
        """``_core.Vocabulary`` of ``vocabulary_`` (cached for that dict; not pickled)."""
        cached = self.__dict__.get("_vocab_core")
        if cached is None or cached[0] is not self.vocabulary_ or len(cached[1]) != len(
                self.vocabulary_):
            cached = (self.vocabulary_, _core.Vocabulary(list(self._features())))
            self._vocab_core = cached
        return cached[1]

    def _features(self) -> np.ndarray:
        """Terms in column order (cached for that ``vocabulary_`` dict; not pickled)."""
        cached = self.__dict__.get("_feature_names")
        if cached is None or cached[0] is not self.vocabulary_ or len(cached[1]) != len(
                self.vocabulary_):
            names = np.empty(len(self.vocabulary_), dtype=object)
            for t, i in self.vocabulary_.items():
                names[i] = t
            cached = (self.vocabulary_, names)
            self._feature_names = cached
        return cached[1]

    # ---- one consistent fitted state for concurrent readers -------------------------------
    # A fit works on a copy and publishes its result by replacing the instance ``__dict__``
    # in one assignment; it never changes the dict it replaces. A reader takes the dict once
    # (:meth:`_snapshot`) and reads everything from it, so a transform running while another
    # thread re-fits sees the old fit or the new one, never a mix (the new vocabulary with
    # the old idf), and an interrupted fit leaves the previous one untouched.
    def _work_copy(self) -> Any:
        """A copy to fit; :meth:`_publish` makes its state this estimator's."""
        work = object.__new__(type(self))
        work.__dict__ = dict(self.__dict__)
        return work

    def _publish(self, work: Any) -> None:
        self.__dict__ = work.__dict__

    def _snapshot(self) -> Any:
        """This estimator over its current state dict (shared, so caches built while
        reading stay; a later fit replaces the dict instead of changing it)."""
        snap = object.__new__(type(self))
        snap.__dict__ = self.__dict__
        return snap

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__() if hasattr(super(), "__getstate__") else self.__dict__.copy()
        state = dict(state)
        state.pop("_vocab_core", None)  # C++ object: rebuilt from vocabulary_ on demand
        state.pop("_feature_names", None)
        return state

    def _more_tags(self) -> dict:  # scikit-learn < 1.6
        return {"X_types": ["string"]}

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


_DEFAULT_KOREAN: Any = None


def _default_korean_tokenizer() -> Any:
    global _DEFAULT_KOREAN
    if _DEFAULT_KOREAN is None:
        from ._tokenize import Tokenizer

        _DEFAULT_KOREAN = Tokenizer()
    return _DEFAULT_KOREAN


_COUNT_CONSTRAINTS = dict(_sk_text.CountVectorizer._parameter_constraints)
_COUNT_CONSTRAINTS["n_jobs"] = [Integral, None]
_TFIDF_CONSTRAINTS = dict(_sk_text.TfidfVectorizer._parameter_constraints)
_TFIDF_CONSTRAINTS["n_jobs"] = [Integral, None]


class CountVectorizer(_VectorizerMixin, BaseEstimator):
    r"""Convert a collection of text documents to a matrix of token counts.

    scikit-learn's :class:`sklearn.feature_extraction.text.CountVectorizer` (same
    parameters, defaults, attributes and output) with the counting in C++. The default
    ``token_pattern`` ``(?u)\b\w\w+\b`` runs natively, with exactly Python's ``re``
    definition of ``\w`` and ``str.lower``; a custom ``token_pattern``, ``tokenizer``,
    ``preprocessor``, ``strip_accents`` or callable ``analyzer`` runs in Python as in
    scikit-learn (same result, slower), and only the counting is in C++.

    Parameters
    ----------
    input, encoding, decode_error, strip_accents, lowercase, preprocessor, tokenizer, \
stop_words, token_pattern, ngram_range, analyzer, max_df, min_df, max_features, \
vocabulary, binary, dtype
        As in scikit-learn. ``stop_words='english'`` is scikit-learn's list; a
        ``vocabulary`` given as a set is sorted (a stable column order).
    n_jobs : int, default=None
        Threads for counting (None or -1: all cores); the result does not depend on it.
        The one parameter scikit-learn does not have.

    Attributes
    ----------
    vocabulary_ : dict
        Term -> column index.
    fixed_vocabulary_ : bool
        True when ``vocabulary`` was given.

    Examples
    --------
    >>> from kotext.sklearn import CountVectorizer
    >>> vec = CountVectorizer()
    >>> X = vec.fit_transform(["the cat sat", "the cat and the hat"])
    >>> vec.get_feature_names_out().tolist()
    ['and', 'cat', 'hat', 'sat', 'the']
    >>> X.toarray().tolist()
    [[0, 1, 0, 1, 1], [1, 1, 1, 0, 2]]
    """

    _parameter_constraints: ClassVar[dict] = _COUNT_CONSTRAINTS

    def __init__(self, *, input: str = "content", encoding: str = "utf-8",
                 decode_error: str = "strict", strip_accents: Any = None,
                 lowercase: bool = True, preprocessor: Any = None, tokenizer: Any = None,
                 stop_words: Any = None, token_pattern: str | None = DEFAULT_TOKEN_PATTERN,
                 ngram_range: tuple[int, int] = (1, 1), analyzer: Any = "word",
                 max_df: float = 1.0, min_df: float = 1, max_features: int | None = None,
                 vocabulary: Any = None, binary: bool = False, dtype: Any = np.int64,
                 n_jobs: int | None = None) -> None:
        self.input = input
        self.encoding = encoding
        self.decode_error = decode_error
        self.strip_accents = strip_accents
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.analyzer = analyzer
        self.lowercase = lowercase
        self.token_pattern = token_pattern
        self.stop_words = stop_words
        self.max_df = max_df
        self.min_df = min_df
        self.max_features = max_features
        self.ngram_range = ngram_range
        self.vocabulary = vocabulary
        self.binary = binary
        self.dtype = dtype
        self.n_jobs = n_jobs

    _keeps_stop_words_ = False  # kotext.TfidfVectorizer keeps scikit-learn's old stop_words_

    def _sort_features(self, X: Any, vocabulary: dict) -> Any:
        """Sort features by name (scikit-learn's helper; counting already sorts them)."""
        sorted_features = sorted(vocabulary.items())
        map_index = np.empty(len(sorted_features), dtype=X.indices.dtype)
        for new_val, (term, old_val) in enumerate(sorted_features):
            vocabulary[term] = new_val
            map_index[old_val] = new_val
        X.indices = map_index.take(X.indices, mode="clip")
        return X

    def _fit_counts(self, raw_documents: Any, count_dtype: Any) -> Any:
        """Count, learn the vocabulary and prune: scikit-learn's CountVectorizer fit."""
        docs = _check_raw_documents(raw_documents)
        self._validate_params()
        self._validate_ngram_range()
        self._warn_for_unused_params()
        self._validate_vocabulary()
        if self.fixed_vocabulary_ and self.lowercase:
            for term in self.vocabulary_:
                if any(map(str.isupper, term)):
                    warnings.warn("Upper case characters found in vocabulary while "
                                  "'lowercase' is True. These entries will not be matched "
                                  "with any documents", stacklevel=3)
                    break
        if self.fixed_vocabulary_:
            self.__dict__.pop("stop_words_", None)
            counts, _ = self._count(docs, self._vocab())
            return counts
        counts, terms = self._count(docs, None)
        # The previous fit's attributes go only now (on the fit's working copy, see
        # _work_copy), after the long counting.
        for attr in ("_vocab_core", "_feature_names", "stop_words_", "vocabulary_"):
            self.__dict__.pop(attr, None)
        df = counts.document_frequency(_threads(self.n_jobs)) if terms else None
        mask = self._learn_vocabulary(terms, df, counts.column_sums, counts.shape[0], count_dtype)
        if mask is not None:
            counts.keep_columns(mask)
        return counts

    def _learn_vocabulary(self, terms: list, df: Any, column_sums: Any, n_docs: int,
                          count_dtype: Any) -> np.ndarray | None:
        """``vocabulary_`` (and ``stop_words_``) from the sorted terms of a corpus and
        their document frequencies, pruned by min_df / max_df / max_features; the mask of
        kept columns, or None when all stay. The one fit rule, for :meth:`fit` and the
        distributed fit of :mod:`kotext.dask` alike."""
        if terms is None or len(terms) == 0:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        mask = _rules.prune_mask(
            df, lambda: df if self.binary else column_sums(), n_docs,
            self.min_df, self.max_df, self.max_features, count_dtype)
        if mask is not None:
            keep = mask.tolist()
            if self._keeps_stop_words_:
                self.stop_words_ = {t for t, m in zip(terms, keep) if not m}
            terms = [t for t, m in zip(terms, keep) if m]
        elif self._keeps_stop_words_:
            self.stop_words_ = set()
        self.vocabulary_ = (_core.term_index(terms) if isinstance(terms, list)
                            else dict(zip(terms, range(len(terms)))))
        return mask

    def _statistics(self, raw_documents: Any) -> Any:
        """Corpus statistics of a batch (terms, document and term frequencies, counted in
        C++), mergeable with other batches' (:class:`kotext._rules.DocumentFrequency`)."""
        docs = _check_raw_documents(raw_documents)
        self._validate_params()
        self._validate_ngram_range()
        if not docs:
            return _rules.DocumentFrequency.empty()
        counts, terms = self._count(docs, None)
        n_jobs = _threads(self.n_jobs)
        return _rules.DocumentFrequency(
            np.asarray(terms if terms else [], dtype=object), counts.document_frequency(n_jobs),
            counts.column_sums(), counts.shape[0],
            float(counts.average_length(bool(self.binary))) * counts.shape[0])

    def _fit_statistics(self, stats: Any) -> CountVectorizer:
        """Fitted state from merged :meth:`_statistics`, as :meth:`fit` on all the batches
        would set it (the vocabulary must be learned, not given)."""
        self._validate_params()
        self._validate_ngram_range()
        if self.vocabulary is not None:
            raise ValueError("with a fixed vocabulary there is nothing to learn: call fit on "
                             "any sample")
        for attr in ("_vocab_core", "_feature_names", "stop_words_", "vocabulary_"):
            self.__dict__.pop(attr, None)
        self.fixed_vocabulary_ = False
        self._learn_vocabulary(list(stats.terms), stats.df, lambda: stats.tf, stats.n_docs,
                               getattr(self, "_out_dtype", lambda: self.dtype)())
        return self

    def _count_matrix(self, counts: Any) -> Any:
        X = _to_csr(counts, self.dtype)
        if self.binary:
            X.data.fill(1)
        return _align_api_if_sparse(X)

    def fit(self, raw_documents: Iterable[Any], y: Any = None) -> CountVectorizer:
        """Learn a vocabulary dictionary of all tokens in the raw documents; returns self."""
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents: Iterable[Any], y: Any = None) -> Any:
        """Learn the vocabulary dictionary and return the document-term matrix."""
        work = self._work_copy()
        X = work._count_matrix(work._fit_counts(raw_documents, work.dtype))
        self._publish(work)
        return X

    def transform(self, raw_documents: Iterable[Any]) -> Any:
        """Document-term matrix of ``raw_documents`` over the fitted vocabulary."""
        docs = _check_raw_documents(raw_documents)
        state = self._snapshot()
        state._check_vocabulary()
        counts, _ = state._count(docs, state._vocab())
        return state._count_matrix(counts)

    def inverse_transform(self, X: Any) -> list[np.ndarray]:
        """Return terms per document with nonzero entries in X."""
        state = self._snapshot()
        state._check_vocabulary()
        X = sp.csr_matrix(X, copy=True)
        names = state._features()
        if X.shape[1] != len(names):
            raise ValueError(f"X has {X.shape[1]} features, but {type(self).__name__} is "
                             f"expecting {len(names)} features as input.")
        X.eliminate_zeros()
        X.sort_indices()
        return [names[X.indices[X.indptr[i]:X.indptr[i + 1]]] for i in range(X.shape[0])]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Feature names in column order (an object array of str)."""
        state = self._snapshot()
        state._check_vocabulary()
        return state._features().copy()


class TfidfTransformer(OneToOneFeatureMixin, TransformerMixin, BaseEstimator,
                       auto_wrap_output_keys=None):
    """Transform a count matrix to a normalized tf or tf-idf representation.

    scikit-learn's :class:`sklearn.feature_extraction.text.TfidfTransformer`, weighting in
    C++ (float32 input is weighted in float64 and returned as float32).

    Parameters
    ----------
    norm : {'l1', 'l2'} or None, default='l2'
    use_idf, smooth_idf : bool, default=True
    sublinear_tf : bool, default=False
    n_jobs : int, default=None
        Threads for weighting (None: all cores).

    Attributes
    ----------
    idf_ : numpy.ndarray of shape (n_features,)
        Inverse document frequencies (with ``use_idf=True``).

    Examples
    --------
    >>> import numpy as np
    >>> from kotext.sklearn import TfidfTransformer
    >>> X = TfidfTransformer().fit_transform(np.array([[3, 0], [1, 1]]))
    >>> np.round(X.toarray(), 3).tolist()
    [[1.0, 0.0], [0.58, 0.815]]
    """

    _parameter_constraints: ClassVar[dict] = dict(_sk_text.TfidfTransformer._parameter_constraints,
                                        n_jobs=[Integral, None])

    def __init__(self, *, norm: str | None = "l2", use_idf: bool = True,
                 smooth_idf: bool = True, sublinear_tf: bool = False,
                 n_jobs: int | None = None) -> None:
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf
        self.n_jobs = n_jobs

    def fit(self, X: Any, y: Any = None) -> TfidfTransformer:
        """Learn the idf vector (global term weights) from a count matrix."""
        self._validate_params()
        X = _validate_data(self, X, accept_sparse=("csr", "csc"))
        if not sp.issparse(X):
            X = sp.csr_matrix(X)
        dtype = X.dtype if X.dtype in (np.float64, np.float32) else np.float64
        if self.use_idf:
            if X.format == "csr":
                df = np.bincount(X.indices, minlength=X.shape[1])
            else:
                df = np.diff(X.indptr)
            self.idf_ = _rules.idf(df, X.shape[0], self.smooth_idf, dtype)
        return self

    def transform(self, X: Any, copy: bool = True) -> Any:
        """Tf or tf-idf of a count matrix (weighting in C++)."""
        if not any(v.endswith("_") and not v.startswith("__") for v in vars(self)):
            raise NotFittedError(f"This {type(self).__name__} instance is not fitted yet. "
                                 "Call 'fit' with appropriate arguments before using this "
                                 "estimator.")
        X = _validate_data(self, X, accept_sparse="csr", dtype=[np.float64, np.float32],
                           copy=copy, reset=False)
        if not sp.issparse(X):
            X = sp.csr_matrix(X, dtype=X.dtype)
        elif X.format != "csr":
            X = X.tocsr()
        idf = getattr(self, "idf_", None) if self.use_idf else None
        if idf is None and not self.sublinear_tf and self.norm is None:
            return _align_api_if_sparse(X)
        return _align_api_if_sparse(_weight_csr(X, idf, self.sublinear_tf, self.norm,
                                                _threads(self.n_jobs)))

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags


def _weight_csr(X: sp.csr_matrix, idf: Any, sublinear_tf: bool, norm: Any,
                n_jobs: int) -> sp.csr_matrix:
    """Weights a CSR matrix's values in place (float64) or into a float64 copy (float32)."""
    dtype = X.dtype
    data = X.data if dtype == np.float64 else X.data.astype(np.float64)
    indices = X.indices if X.indices.dtype == np.int32 else X.indices.astype(np.int32)
    indptr = X.indptr.astype(np.int64, copy=False)
    if not data.flags.c_contiguous:
        data = np.ascontiguousarray(data)
    _core.weight_csr(indptr, np.ascontiguousarray(indices), data, X.shape[1],
                     None if idf is None else np.asarray(idf, dtype=np.float64), False,
                     bool(sublinear_tf), norm, n_jobs)
    if data is not X.data:
        X.data = data.astype(dtype)
    return X


class TfidfVectorizer(CountVectorizer):
    r"""Convert a collection of raw documents to a matrix of TF-IDF features.

    scikit-learn's :class:`sklearn.feature_extraction.text.TfidfVectorizer` (same
    parameters, defaults, attributes, methods and numbers) with counting and weighting in
    C++: :class:`CountVectorizer` followed by :class:`TfidfTransformer`, fused so the counts
    are weighted where they are. The default ``token_pattern`` runs natively; a custom one
    runs through Python's ``re`` (correct, slower). ``n_jobs`` (None: all cores) is the one
    added parameter.

    Attributes
    ----------
    vocabulary_ : dict
        Term -> column index.
    idf_ : numpy.ndarray of shape (n_features,)
        Inverse document frequencies (settable, with its length checked).
    fixed_vocabulary_ : bool

    Examples
    --------
    >>> from kotext.sklearn import TfidfVectorizer
    >>> vec = TfidfVectorizer()
    >>> X = vec.fit_transform(["the cat sat", "the cat and the hat"])
    >>> X.shape
    (2, 5)
    >>> vec.idf_.round(3).tolist()
    [1.405, 1.0, 1.405, 1.405, 1.0]
    """

    _parameter_constraints: ClassVar[dict] = _TFIDF_CONSTRAINTS

    def __init__(self, *, input: str = "content", encoding: str = "utf-8",
                 decode_error: str = "strict", strip_accents: Any = None,
                 lowercase: bool = True, preprocessor: Any = None, tokenizer: Any = None,
                 analyzer: Any = "word", stop_words: Any = None,
                 token_pattern: str | None = DEFAULT_TOKEN_PATTERN,
                 ngram_range: tuple[int, int] = (1, 1), max_df: float = 1.0,
                 min_df: float = 1, max_features: int | None = None, vocabulary: Any = None,
                 binary: bool = False, dtype: Any = np.float64, norm: str | None = "l2",
                 use_idf: bool = True, smooth_idf: bool = True, sublinear_tf: bool = False,
                 n_jobs: int | None = None) -> None:
        super().__init__(input=input, encoding=encoding, decode_error=decode_error,
                         strip_accents=strip_accents, lowercase=lowercase,
                         preprocessor=preprocessor, tokenizer=tokenizer, analyzer=analyzer,
                         stop_words=stop_words, token_pattern=token_pattern,
                         ngram_range=ngram_range, max_df=max_df, min_df=min_df,
                         max_features=max_features, vocabulary=vocabulary, binary=binary,
                         dtype=dtype, n_jobs=n_jobs)
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    # idf_ lives in the TfidfTransformer, as in scikit-learn (so it can be set and moved)
    @property
    def idf_(self) -> np.ndarray:
        """Inverse document frequency vector, only defined if ``use_idf=True``."""
        if not hasattr(self, "_tfidf"):
            raise NotFittedError(f"{type(self).__name__} is not fitted yet. Call 'fit' with "
                                 "appropriate arguments before using this attribute.")
        return self._tfidf.idf_

    @idf_.setter
    def idf_(self, value: Any) -> None:
        if not self.use_idf:
            raise ValueError("`idf_` cannot be set when `user_idf=False`.")
        if not hasattr(self, "_tfidf"):
            self._tfidf = self._transformer()
        self._validate_vocabulary()
        if hasattr(self, "vocabulary_") and len(self.vocabulary_) != len(value):
            raise ValueError(f"idf length = {len(value)} must be equal to vocabulary size = "
                             f"{len(self.vocabulary_)}")
        self._tfidf.idf_ = value

    def _transformer(self) -> TfidfTransformer:
        return TfidfTransformer(norm=self.norm, use_idf=self.use_idf,
                                smooth_idf=self.smooth_idf, sublinear_tf=self.sublinear_tf,
                                n_jobs=self.n_jobs)

    def _check_params(self) -> None:
        if self.dtype not in FLOAT_DTYPES:
            warnings.warn(f"Only {FLOAT_DTYPES} 'dtype' should be used. {self.dtype} 'dtype' "
                          "will be converted to np.float64.", UserWarning, stacklevel=3)

    def _out_dtype(self) -> Any:
        d = np.dtype(self.dtype) if self.dtype in FLOAT_DTYPES else np.dtype(np.float64)
        return d if d in (np.float64, np.float32) else np.dtype(np.float64)

    # weighting hooks (kotext.TfidfVectorizer adds BM25)
    def _idf_from_df(self, df: np.ndarray, n_docs: int, average_length: Any) -> np.ndarray:
        return _rules.idf(df, n_docs, self.smooth_idf, self._out_dtype())

    def _weight(self, counts: Any) -> None:
        idf = self._tfidf.idf_ if self.use_idf and hasattr(self._tfidf, "idf_") else None
        counts.weight(None if idf is None else np.asarray(idf, dtype=np.float64), "tfidf",
                      bool(self.binary), bool(self.sublinear_tf), self.norm, 1.2, 0.75, 0.0,
                      _threads(self.n_jobs))

    def _fit(self, raw_documents: Any) -> Any:
        self._check_params()
        # The new transformer replaces the old one only after counting: an interrupted
        # re-fit keeps the previous vocabulary and idf together.
        tfidf = self._transformer()
        counts = self._fit_counts(raw_documents, self._out_dtype())
        n_docs, n_features = counts.shape
        if self.use_idf:
            df = counts.document_frequency(_threads(self.n_jobs))
            tfidf.idf_ = self._idf_from_df(
                df, n_docs, lambda: float(counts.average_length(bool(self.binary))))
        tfidf.n_features_in_ = n_features
        self._tfidf = tfidf
        return counts

    def _fit_statistics(self, stats: Any) -> TfidfVectorizer:
        self._check_params()
        super()._fit_statistics(stats)
        self._tfidf = self._transformer()
        kept = np.fromiter((self.vocabulary_.get(t, -1) >= 0 for t in stats.terms), dtype=bool,
                           count=len(stats.terms))
        if self.use_idf:
            self._tfidf.idf_ = self._idf_from_df(
                stats.df[kept], stats.n_docs, lambda: stats.total_length / max(stats.n_docs, 1))
        self._tfidf.n_features_in_ = len(self.vocabulary_)
        return self

    def fit(self, raw_documents: Iterable[Any], y: Any = None) -> TfidfVectorizer:
        """Learn vocabulary and idf from training set; returns self."""
        work = self._work_copy()
        work._fit(raw_documents)
        self._publish(work)
        return self

    def fit_transform(self, raw_documents: Iterable[Any], y: Any = None) -> Any:
        """Learn vocabulary and idf, return the TF-IDF document-term matrix (CSR)."""
        work = self._work_copy()
        counts = work._fit(raw_documents)
        work._weight(counts)
        X = _align_api_if_sparse(_to_csr(counts, work._out_dtype()))
        self._publish(work)
        return X

    def _check_fitted(self) -> None:
        if not any(v.endswith("_") and not v.startswith("__") for v in vars(self)):
            raise NotFittedError("The TF-IDF vectorizer is not fitted")

    def transform(self, raw_documents: Iterable[Any]) -> Any:
        """TF-IDF matrix of ``raw_documents`` with the fitted vocabulary and idf."""
        state = self._snapshot()
        state._check_fitted()
        docs = _check_raw_documents(raw_documents)
        state._check_vocabulary()
        counts, _ = state._count(docs, state._vocab())
        if not hasattr(state, "_tfidf"):
            raise NotFittedError("The TF-IDF vectorizer is not fitted")
        state._weight(counts)
        return _align_api_if_sparse(_to_csr(counts, state._out_dtype()))

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags._skip_test = True
        return tags


class HashingVectorizer(TransformerMixin, _VectorizerMixin, BaseEstimator,
                        auto_wrap_output_keys=None):
    r"""Convert a collection of text documents to a matrix of hashed token occurrences.

    scikit-learn's :class:`sklearn.feature_extraction.text.HashingVectorizer`: the same
    columns (MurmurHash3 32-bit, seed 0, of each feature's UTF-8 bytes; ``alternate_sign``),
    the same values; analyzing and hashing in C++. Stateless: no fit is needed, which makes
    it the streaming and Dask path. ``n_jobs`` (None: all cores) is the added parameter.

    Examples
    --------
    >>> from kotext.sklearn import HashingVectorizer
    >>> X = HashingVectorizer(n_features=16).transform(["the cat sat", "the hat"])
    >>> X.shape
    (2, 16)
    """

    _parameter_constraints: ClassVar[dict] = dict(_sk_text.HashingVectorizer._parameter_constraints,
                                        n_jobs=[Integral, None])

    def __init__(self, *, input: str = "content", encoding: str = "utf-8",
                 decode_error: str = "strict", strip_accents: Any = None,
                 lowercase: bool = True, preprocessor: Any = None, tokenizer: Any = None,
                 stop_words: Any = None, token_pattern: str | None = DEFAULT_TOKEN_PATTERN,
                 ngram_range: tuple[int, int] = (1, 1), analyzer: Any = "word",
                 n_features: int = 2 ** 20, binary: bool = False, norm: str | None = "l2",
                 alternate_sign: bool = True, dtype: Any = np.float64,
                 n_jobs: int | None = None) -> None:
        self.input = input
        self.encoding = encoding
        self.decode_error = decode_error
        self.strip_accents = strip_accents
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.analyzer = analyzer
        self.lowercase = lowercase
        self.token_pattern = token_pattern
        self.stop_words = stop_words
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.binary = binary
        self.norm = norm
        self.alternate_sign = alternate_sign
        self.dtype = dtype
        self.n_jobs = n_jobs

    def partial_fit(self, X: Any, y: Any = None) -> HashingVectorizer:
        """Only validates the parameters (nothing is learned); returns self."""
        self._validate_params()
        return self

    def fit(self, X: Any, y: Any = None) -> HashingVectorizer:
        """Only validates the parameters (nothing is learned); returns self."""
        self._validate_params()
        if isinstance(X, str):
            raise ValueError(  # noqa: TRY004 (scikit-learn's exception)
                "Iterable over raw text documents expected, string object received.")
        self._warn_for_unused_params()
        self._validate_ngram_range()
        return self

    def transform(self, X: Any) -> Any:
        """Hashed document-term matrix of the documents (canonical CSR)."""
        docs = _check_raw_documents(X)
        self._validate_params()
        self._validate_ngram_range()
        dtype = np.dtype(self.dtype)
        counts, _ = self._count(docs, _core.Hasher(int(self.n_features), bool(self.alternate_sign)))
        if self.binary or self.norm is not None:
            counts.weight(None, "tfidf", bool(self.binary), False, self.norm, 1.2, 0.75, 0.0,
                          _threads(self.n_jobs))
        return _align_api_if_sparse(_to_csr(counts, dtype))

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        """The same as :meth:`transform` (after :meth:`fit`'s parameter checks)."""
        return self.fit(X, y).transform(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        return tags

