"""Scale kotext out with Dask when a corpus outgrows one machine (the ``dask`` extra).

Every function takes ``texts`` as a :class:`dask.bag.Bag` of str, a
:class:`dask.dataframe.Series` of str, or a dask DataFrame with ``column=`` naming its text
column, and works partition by partition on the Dask workers (any scheduler, including
``distributed``); kotext objects pickle, so they travel to workers as they are. Inside a
partition kotext still uses all the worker's cores.

:func:`fit` fits a vectorizer (:class:`kotext.TfidfVectorizer` or any of
:mod:`kotext.sklearn`'s counting vectorizers) on the whole distributed corpus: each
partition counts its terms in C++ into a :class:`kotext._rules.DocumentFrequency` (sorted
terms with document and term frequencies, as arrays), the partial statistics are merged in
a tree (``split_every`` at a time), and the vocabulary and idf are chosen from the totals
by the vectorizer's own fit rules (the same code as a single-machine ``fit``), so no
partition ever needs the others' text and the result equals ``fit`` on all rows.

:func:`fit_tokenizer` (or :func:`fit` given a :class:`kotext.Tokenizer`) learns nouns the
same way: each partition counts its eojeols in C++, the counts are summed, and the nouns are
chosen from the totals as a local ``Tokenizer.fit`` chooses them.

:class:`Corpus` runs the :class:`kotext.Corpus` analyses that scale (``keywords``,
``group_keywords``, ``contrast``, ``trend``, ``emerging``) on a dask DataFrame, from
per-partition sums scored by the in-memory corpus's own rules (:mod:`kotext._analysis`).

:class:`kotext.sklearn.HashingVectorizer` needs no fit at all (:func:`transform` it
directly); :func:`fit_idf` gives it a :class:`kotext.sklearn.TfidfTransformer` from the
summed document frequencies of its hashed columns.

Examples
--------
>>> import pandas as pd, dask.dataframe as dd, kotext, kotext.dask
>>> s = dd.from_pandas(pd.Series(["금리 인상", "금리 동결", "야구 개막"]), npartitions=2)
>>> kotext.dask.normalize(s).compute().tolist()
['금리 인상', '금리 동결', '야구 개막']
>>> vec = kotext.dask.fit(kotext.TfidfVectorizer(), s)
>>> kotext.dask.transform(vec, s).shape
(3, 5)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _analysis, _core, _rules
from ._normalize import normalize as _normalize
from ._terms import fold_whitespace
from ._tfidf import TfidfVectorizer
from ._tokenize import Tokenizer
from ._vectorizer import TfidfTransformer

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError("kotext.dask needs Dask: pip install 'kotext[dask]'") from err

__all__ = ["Corpus", "fit", "fit_idf", "fit_tokenizer", "fit_transform", "fit_vectorizer",
           "keywords", "normalize", "segment", "statistics", "tokenize", "transform"]

#: Partial statistics merged per task in the tree reduction: a few, so that no task holds
#: many partitions' vocabularies at once, and the tree stays shallow (log8 of partitions).
SPLIT_EVERY = 8


# ---- inputs -------------------------------------------------------------------------------
def _texts(texts: Any, column: str | None) -> Any:
    if isinstance(texts, dd.DataFrame):
        if column is None:
            raise TypeError("a dask DataFrame needs column= naming its text column")
        return texts[column]
    if column is not None:
        raise TypeError("column= is only for a dask DataFrame")
    if isinstance(texts, (db.Bag, dd.Series)):
        return texts
    raise TypeError("expected a dask.bag.Bag, a dask.dataframe.Series or a dask DataFrame "
                    f"with column=, not {type(texts).__name__}")


def _as_list(part: Any) -> list:
    return part.tolist() if isinstance(part, pd.Series) else list(part)


def _partitions(texts: Any, column: str | None = None) -> list:
    """One delayed list of documents per partition, in order."""
    return [dask.delayed(_as_list)(p) for p in _texts(texts, column).to_delayed()]


def _map(texts: Any, column: str | None, fn: Callable[[list], list]) -> Any:
    """``fn`` (list -> list of the same length) over every partition, keeping the type."""
    texts = _texts(texts, column)
    if isinstance(texts, db.Bag):
        return texts.map_partitions(lambda part: fn(list(part)))
    return texts.map_partitions(
        lambda part: pd.Series(fn(part.tolist()), index=part.index, dtype=object,
                               name=part.name),
        meta=(texts.name, object))


# ---- element-wise -------------------------------------------------------------------------
def normalize(texts: Any, *, column: str | None = None, **options: Any) -> Any:
    """:func:`kotext.normalize` on every document; options as there (not
    ``return_offsets``). Returns the same kind of collection."""
    if options.get("return_offsets"):
        raise ValueError("return_offsets is not supported on Dask collections")
    return _map(texts, column, lambda docs: _normalize(docs, **options))


def tokenize(texts: Any, tokenizer: Tokenizer | None = None, *,
             column: str | None = None) -> Any:
    """Token lists of every document with ``tokenizer`` (default: ``kotext.Tokenizer()``)."""
    tok = tokenizer if tokenizer is not None else Tokenizer()
    return _map(texts, column, tok.tokenize)


def segment(pages: Any, *, column: str | None = None, **options: Any) -> Any:
    """:func:`kotext.segment` on every page (str or bytes): a collection of
    :class:`kotext.Article`."""
    from ._segment import segment as _segment

    return _map(pages, column, lambda docs: [_segment(p, **options) for p in docs])


# ---- fitting ------------------------------------------------------------------------------
def _partition_statistics(vectorizer: Any, docs: list) -> _rules.DocumentFrequency:
    return vectorizer._statistics(docs)


def _merge(*parts: _rules.DocumentFrequency) -> _rules.DocumentFrequency:
    return parts[0].merge(*parts[1:])


def _tree(items: list, combine: Callable, split_every: int) -> Any:
    if not items:
        return dask.delayed(_rules.DocumentFrequency.empty)()
    while len(items) > 1:
        items = [dask.delayed(combine)(*items[i:i + split_every])
                 for i in range(0, len(items), split_every)]
    return items[0]


def statistics(vectorizer: Any, texts: Any, *, column: str | None = None,
               split_every: int = SPLIT_EVERY) -> Any:
    """The corpus statistics of ``texts`` under ``vectorizer``'s analyzer, as one delayed
    :class:`kotext._rules.DocumentFrequency` (per-partition C++ counts, tree-merged)."""
    if split_every < 2:
        raise ValueError(f"split_every must be >= 2, got {split_every}")
    parts = [dask.delayed(_partition_statistics)(vectorizer, p)
             for p in _partitions(texts, column)]
    return _tree(parts, _merge, split_every)


def fit(vectorizer: Any, texts: Any, *, column: str | None = None,
        split_every: int = SPLIT_EVERY) -> Any:
    """Fit ``vectorizer`` on a distributed corpus; returns it fitted, equal to
    ``vectorizer.fit`` on all the documents (same vocabulary order, idf).

    A fixed ``vocabulary`` has nothing to learn (ValueError: fit on any sample instead).
    Analyzers and tokenizers must pickle (no lambdas on a cluster).
    """
    if isinstance(vectorizer, Tokenizer):
        return fit_tokenizer(vectorizer, texts, column=column, split_every=split_every)
    _check_fittable(vectorizer)
    (stats,) = dask.compute(statistics(vectorizer, texts, column=column,
                                       split_every=split_every))
    return _fit_statistics(vectorizer, stats)


def _check_fittable(vectorizer: Any) -> None:
    if vectorizer.get_params().get("vocabulary") is not None:
        raise ValueError("with a fixed vocabulary, call vectorizer.fit on any sample instead")


def _fit_statistics(vectorizer: Any, stats: _rules.DocumentFrequency) -> Any:
    if stats.n_docs == 0:
        raise ValueError("empty corpus")
    return vectorizer._fit_statistics(stats)


def _eojeol_counts(tokenizer: Tokenizer, docs: list) -> tuple[list[str], list[int]]:
    return tokenizer._eojeol_counts(docs)


def _merge_eojeol_counts(*parts: tuple) -> tuple[list[str], list[int]]:
    return _core.merge_eojeol_counts([(list(w), list(c)) for w, c in parts])


def fit_tokenizer(tokenizer: Tokenizer, texts: Any, *, column: str | None = None,
                  split_every: int = SPLIT_EVERY, **options: Any) -> Tokenizer:
    """:meth:`kotext.Tokenizer.fit` (learned nouns) on a distributed corpus; returns the
    tokenizer fitted, with the same learned nouns as ``tokenizer.fit`` on all documents.

    Each partition counts its eojeols in C++ (the only corpus statistic the noun learner
    reads), the counts are summed in a tree, and the nouns are chosen from the totals by
    the same code as a local fit. ``options`` are :meth:`kotext.Tokenizer.fit`'s
    (``min_count``, ``max_length``, ``min_score``, ``min_particle_count``).

    Examples
    --------
    >>> import dask.bag as db, kotext, kotext.dask
    >>> docs = ["누리도가 무대에 섰다", "누리도의 노래", "누리도는 인기다", "누리도를 만났다"]
    >>> tok = kotext.dask.fit_tokenizer(kotext.Tokenizer(), db.from_sequence(docs, npartitions=2),
    ...                                 min_count=2)
    >>> "누리도" in tok.learned_nouns_
    True
    """
    import inspect

    bound = inspect.signature(Tokenizer.fit).bind(tokenizer, None, **options)
    bound.apply_defaults()
    learner = {k: v for k, v in bound.arguments.items() if k not in ("self", "texts", "y")}
    parts = [dask.delayed(_eojeol_counts)(tokenizer, p) for p in _partitions(texts, column)]
    if not parts:
        raise ValueError("empty corpus")
    (counts,) = dask.compute(_tree(parts, _merge_eojeol_counts, split_every))
    return tokenizer._fit_eojeol_counts(counts, **learner)


def transform(vectorizer: Any, texts: Any, *, column: str | None = None,
              compute: bool = True) -> Any:
    """Documents through a fitted (or stateless, such as HashingVectorizer) vectorizer.

    Returns one :class:`scipy.sparse.csr_matrix` (``compute=True``), or a list of
    ``dask.delayed`` CSR blocks, one per partition in order, to keep working lazily.
    """
    blocks = [dask.delayed(vectorizer.transform)(p) for p in _partitions(texts, column)]
    if not compute:
        return blocks
    mats = dask.compute(*blocks)
    if not mats:
        return sp.csr_matrix((0, len(getattr(vectorizer, "vocabulary_", ()))))
    X = sp.csr_matrix(sp.vstack(mats, format="csr"))
    X.sort_indices()
    return X


def fit_transform(vectorizer: Any, texts: Any, *, column: str | None = None,
                  compute: bool = True) -> Any:
    """:func:`fit` then :func:`transform` (two passes over the partitions)."""
    fit(vectorizer, texts, column=column)
    return transform(vectorizer, texts, column=column, compute=compute)


def _hashed_df(vectorizer: Any, docs: list) -> tuple[np.ndarray, int]:
    X = vectorizer.transform(docs)
    return np.bincount(X.indices, minlength=X.shape[1]).astype(np.int64), X.shape[0]


def _sum_df(*parts: tuple[np.ndarray, int]) -> tuple[np.ndarray, int]:
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def fit_idf(hashing_vectorizer: Any, texts: Any, transformer: TfidfTransformer | None = None,
            *, column: str | None = None, split_every: int = SPLIT_EVERY) -> TfidfTransformer:
    """A :class:`kotext.sklearn.TfidfTransformer` fitted from the summed document
    frequencies of ``hashing_vectorizer``'s columns over the corpus (equal to fitting it
    on the whole hashed matrix); use it on :func:`transform`'s output."""
    tr = transformer if transformer is not None else TfidfTransformer()
    parts = [dask.delayed(_hashed_df)(hashing_vectorizer, p) for p in _partitions(texts, column)]
    (df, n_docs), = dask.compute(_tree(parts, _sum_df, split_every))
    tr._validate_params()
    tr.n_features_in_ = int(hashing_vectorizer.n_features)
    if tr.use_idf:
        tr.idf_ = _rules.idf(df, int(n_docs), tr.smooth_idf, np.float64)
    return tr


def keywords(vectorizer: Any, texts: Any, n: int = 10, *, column: str | None = None) -> Any:
    """Each document's ``n`` highest-weighted terms under a fitted vectorizer, as a dask
    DataFrame with :meth:`kotext.TfidfVectorizer.keywords`' columns; ``doc`` is the
    document's position in the whole collection."""
    parts = _partitions(texts, column)
    lengths = dask.compute(*[dask.delayed(len)(p) for p in parts])
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(int).tolist()

    def one(docs: list, offset: int) -> pd.DataFrame:
        frame = vectorizer.keywords(vectorizer.transform(docs), top_k=n)
        frame["doc"] = frame["doc"] + offset
        return frame

    meta = pd.DataFrame({"doc": pd.Series(dtype=np.int64), "rank": pd.Series(dtype=np.int64),
                         "term": pd.Series(dtype=object),
                         "weight": pd.Series(dtype=np.float64)})
    frames = [dask.delayed(one)(p, offsets[i]) for i, p in enumerate(parts)]
    return dd.from_delayed(frames, meta=meta, verify_meta=False)


def fit_vectorizer(series: Any, vectorizer: Any = None) -> Any:
    """Former name of :func:`fit` (arguments the other way round)."""
    return fit(vectorizer if vectorizer is not None else TfidfVectorizer(), series)


# ---- the Corpus analyses that scale ------------------------------------------------------
def _display(spellings: dict[str, str], terms: Any) -> list[str]:
    from ._terms import display

    return [display(str(t), spellings) for t in terms]


def _latin_counts(docs: list) -> Any:
    from ._terms import latin_counts

    return latin_counts(docs)


def _merge_latin(*parts: Any) -> Any:
    from collections import Counter

    out: Counter = Counter()
    for p in parts:  # in partition order: first sight stays first sight
        out.update(p)
    return out


def _presence(X: sp.csr_matrix) -> sp.csr_matrix:
    """Which documents contain which terms (as :class:`kotext.Corpus` reads them from X)."""
    B = X.copy().astype(np.float64)
    B.eliminate_zeros()
    B.data[:] = 1.0
    return B


def _part_mask(part: pd.DataFrame, group: Any, name: str) -> np.ndarray:
    """Row mask of a group within one partition: ``(column, value)``, ``{column: value}``,
    or a callable taking the partition (a pandas DataFrame) and returning a boolean mask."""
    if isinstance(group, tuple) and len(group) == 2 and isinstance(group[0], str):
        group = {group[0]: group[1]}
    if isinstance(group, dict):
        mask = np.ones(len(part), dtype=bool)
        for col, value in group.items():
            if col not in part.columns:
                raise KeyError(f"{name}: no column {col!r} (columns: {list(part.columns)})")
            mask &= (part[col] == value).to_numpy()
        return mask
    if callable(group):
        mask = np.asarray(group(part))
        if mask.dtype != bool or mask.shape != (len(part),):
            raise ValueError(f"{name}: the callable must return one bool per row of the "
                             f"partition, got dtype {mask.dtype} shape {mask.shape}")
        return mask
    raise TypeError(f"{name}: on a dask Corpus a group is a (column, value) tuple, a "
                    f"{{column: value}} dict or a callable of the partition, not "
                    f"{type(group).__name__}")


def _check_group(mask: np.ndarray, name: str) -> None:
    if not mask.any():
        raise ValueError(f"{name} has no documents")


class Corpus:
    """The analyses of :class:`kotext.Corpus` that scale, on a dask DataFrame: the same
    numbers as the in-memory corpus of the same rows.

    The vectorizer is fitted once (:func:`fit`); every analysis is then one pass over the
    partitions, each computing summed aggregates (documents and summed TF-IDF weights per
    group or per period, documents containing each term) that add up across partitions,
    and the in-memory corpus's scoring rules (:mod:`kotext._analysis`) rank the totals.
    No partition needs another's text, and the driver holds aggregates only (the size of
    the vocabulary times the groups or periods), never the matrix.

    Parameters
    ----------
    frame : dask.dataframe.DataFrame
        One row per document; its index gives the ids.
    text : str, default "text"
        The text column.
    date, title : str, optional
        Columns with publication dates (for :meth:`trend` and :meth:`emerging`) and
        headlines (joined into :meth:`keywords`).
    vectorizer : TfidfVectorizer, optional
        An unfitted vectorizer (default ``TfidfVectorizer()``, as :class:`kotext.Corpus`).
    split_every : int, default SPLIT_EVERY
        Partial aggregates merged per task.

    Notes
    -----
    Groups are a ``(column, value)`` tuple, a ``{column: value}`` dict, or a callable that
    takes a partition (a pandas DataFrame) and returns a boolean mask of its rows.

    Examples
    --------
    >>> import pandas as pd, dask.dataframe as dd, kotext.dask
    >>> df = pd.DataFrame({"text": ["금리 인상 증시", "금리 동결 증시", "야구 개막", "야구 관중"],
    ...                    "section": ["경제", "경제", "스포츠", "스포츠"]})
    >>> c = kotext.dask.Corpus(dd.from_pandas(df, npartitions=2))
    >>> c.group_keywords("section", n=1)[["group", "term"]].values.tolist()
    [['경제', '금리'], ['스포츠', '야구']]
    """

    def __init__(self, frame: Any, *, text: str = "text", date: str | None = None,
                 title: str | None = None, vectorizer: TfidfVectorizer | None = None,
                 split_every: int = SPLIT_EVERY) -> None:
        if not isinstance(frame, dd.DataFrame):
            raise TypeError(f"expected a dask DataFrame, not {type(frame).__name__}")
        for c in (text, date, title):
            if c is not None and c not in frame.columns:
                raise KeyError(f"the frame has no column {c!r} (columns: {list(frame.columns)})")
        self.frame, self.text, self.date, self.title = frame, text, date, title
        self.split_every = split_every
        vec = vectorizer if vectorizer is not None else TfidfVectorizer()
        _check_fittable(vec)
        latin = _tree([dask.delayed(_latin_counts)(p) for p in _partitions(frame, text)],
                      _merge_latin, split_every)
        stats, counts = dask.compute(statistics(vec, frame, column=text,
                                                split_every=split_every), latin)
        self.vectorizer = _fit_statistics(vec, stats)
        from ._terms import noise_mask, spellings_of

        self.spellings = spellings_of(counts)
        self.feature_names: np.ndarray = self.vectorizer.get_feature_names_out()
        self._noise_mask = noise_mask(self.feature_names)

    def __repr__(self) -> str:
        return (f"kotext.dask.Corpus({self.frame.npartitions} partitions, "
                f"{len(self.feature_names)} terms)")

    # ---- helpers ------------------------------------------------------------------------
    def display_terms(self, terms: Any) -> list[str]:
        """Terms in the corpus's spelling of Latin (as :meth:`kotext.Corpus.display_terms`)."""
        return _display(self.spellings, terms)

    def _noise(self, noise: bool) -> np.ndarray | None:
        return self._noise_mask if noise else None

    def _reduce(self, per_partition: Callable, merge: Callable, *args: Any) -> Any:
        parts = [dask.delayed(per_partition)(self.vectorizer, p, self.text, *args)
                 for p in self.frame.to_delayed()]
        (total,) = dask.compute(_tree(parts, merge, self.split_every))
        return total

    # ---- analyses -----------------------------------------------------------------------
    def keywords(self, n: int = 10, *, noise: bool = True) -> Any:
        """Each document's ``n`` highest-weighted terms, as a dask DataFrame with
        :meth:`kotext.Corpus.keywords`' columns (``id``, ``title`` when known, ``rank``,
        ``term``, ``weight``), partition by partition (lazy)."""
        noise_ = self._noise(noise)
        frames = [dask.delayed(_part_keywords)(self.vectorizer, p, self.text, self.title, n,
                                               noise_, self.spellings)
                  for p in self.frame.to_delayed()]
        cols = {"id": pd.Series(dtype=self.frame.index.dtype)}
        if self.title is not None:
            cols["title"] = pd.Series(dtype=object)
        cols.update({"rank": pd.Series(dtype=np.int64), "term": pd.Series(dtype=object),
                     "weight": pd.Series(dtype=np.float64)})
        return dd.from_delayed(frames, meta=pd.DataFrame(cols), verify_meta=False)

    def group_keywords(self, by: Any = "label", n: int = 10, *,
                       noise: bool = True) -> pd.DataFrame:
        """:meth:`kotext.Corpus.group_keywords`: a column (one group per value, in order of
        first appearance) or a single group; per-group sums merged from the partitions."""
        if isinstance(by, str) and by not in self.frame.columns:
            raise KeyError(f"no column {by!r} (columns: {list(self.frame.columns)})")
        names, sizes, W, P, df = self._reduce(_part_groups, _merge_groups, by)
        if not names:
            raise ValueError(f"column {by!r} has no values")
        if not isinstance(by, str):
            _check_group(sizes > 0, "by")
        noise_ = self._noise(noise)
        return _analysis.group_keywords_table(
            names, sizes, W, P, df,
            lambda M: _analysis.top_terms(self.vectorizer, M, n, noise_, self.display_terms))

    def contrast(self, group_a: Any, group_b: Any = None, *, top: int | None = 20,
                 prior: float = 100.0, by: str = "documents", noise: bool = True,
                 labels: tuple[str, str] = ("a", "b")) -> pd.DataFrame:
        """:meth:`kotext.Corpus.contrast` (same parameters and columns) from the groups'
        summed counts per term."""
        if by not in ("documents", "counts"):
            raise ValueError(f"by must be 'documents' or 'counts', not {by!r}")
        ya, yb, na, nb = self._reduce(_part_contrast, _sum_tuples, group_a, group_b, by)
        if na == 0:
            raise ValueError("group_a has no documents")
        if nb == 0:
            raise ValueError("group_b (every document not in group_a) has no documents"
                             if group_b is None else "group_b has no documents")
        return _analysis.contrast_table(ya, yb, int(na), int(nb), self.feature_names,
                                        self._noise(noise), self.display_terms, prior=prior,
                                        top=top, by=by, labels=labels)

    def _period_sums(self, freq: str, cols: list[int] | None, measure: str) -> dict:
        if self.date is None:
            raise ValueError("this corpus has no dates: pass date= naming the date column")
        sums = self._reduce(_part_periods, _merge_periods, self.date, freq, cols, measure)
        if not sums:
            raise ValueError("this corpus has no dates: every date is missing")
        return sums

    def trend(self, terms: Sequence[str], freq: str = "M", *,
              measure: str = "share") -> pd.DataFrame:
        """:meth:`kotext.Corpus.trend`: per period, each term's share of documents, count
        of documents or summed TF-IDF weight."""
        if measure not in ("share", "count", "weight"):
            raise ValueError(f"measure must be 'share', 'count' or 'weight', not {measure!r}")
        if isinstance(terms, str):
            raise TypeError("terms must be a list of str, not a single str")
        terms = list(terms)
        cols = [_analysis.column_of(self.vectorizer.vocabulary_, t) for t in terms]
        known = [c for c in cols if c is not None]
        sums = self._period_sums(freq, known, measure)
        periods = sorted(sums)
        sizes = np.array([sums[p][0] for p in periods], dtype=np.int64)
        values = np.zeros((len(periods), len(terms)))
        where = [i for i, c in enumerate(cols) if c is not None]
        for k, p in enumerate(periods):
            values[k, where] = np.asarray(sums[p][1].todense()).ravel()
        return _analysis.trend_table(pd.PeriodIndex(periods), sizes, values, terms, measure)

    def emerging(self, freq: str = "W", window: int = 4, *, top: int = 20,
                 min_docs: int = 3, noise: bool = True) -> pd.DataFrame:
        """:meth:`kotext.Corpus.emerging`: the burst score of each term's share of
        documents in the latest period against the ``window`` periods before."""
        if window < 1:
            raise ValueError("window must be >= 1")
        sums = self._period_sums(freq, None, "share")
        last = max(sums)
        history = pd.period_range(end=last, periods=window + 1, freq=last.freq)
        n_terms = len(self.feature_names)
        zero = (0, sp.csr_matrix((1, n_terms)))
        rows = [sums.get(p, zero) for p in history]
        D = np.vstack([np.asarray(r[1].todense()).ravel() for r in rows])
        sizes = np.array([r[0] for r in rows], dtype=np.int64)
        return _analysis.emerging_table(D, sizes, last, self.feature_names, self._noise(noise),
                                        self.display_terms, top=top, min_docs=min_docs)


# per-partition steps of Corpus (module level: they travel to the workers by reference)
def _part_keywords(vec: Any, part: pd.DataFrame, text: str, title: str | None, n: int,
                   noise: np.ndarray | None, spellings: dict) -> pd.DataFrame:
    from functools import partial

    X = vec.transform(part[text].tolist())
    df = _analysis.top_terms(vec, X, n, noise, partial(_display, spellings))
    at = df["doc"].to_numpy()
    df.insert(0, "id", part.index.to_numpy()[at])
    if title is not None:
        df.insert(1, "title", [fold_whitespace(t) for t in part[title].to_numpy()[at]])
    return df.drop(columns=["doc", "col"]).reset_index(drop=True)


def _part_groups(vec: Any, part: pd.DataFrame, text: str, by: Any) -> tuple:
    X = vec.transform(part[text].tolist())
    if isinstance(by, str):
        values = part[by]
        names = [v for v in pd.unique(values) if not pd.isna(v)]
        masks = [(values == lab).to_numpy() for lab in names]
    else:
        names, masks = ["group"], [_part_mask(part, by, "by")]
    n_terms = X.shape[1]
    B = _presence(X)
    df = np.asarray(B.sum(axis=0)).ravel()  # over every document, in a group or not
    if not masks:
        empty = sp.csr_matrix((0, n_terms))
        return [], np.zeros(0), empty, empty, df
    G = sp.csr_matrix(np.vstack(masks).astype(np.float64))
    return (names, np.asarray(G.sum(axis=1)).ravel(), sp.csr_matrix(G @ X),
            sp.csr_matrix(G @ B), df)


def _merge_groups(*parts: tuple) -> tuple:
    names: list = []
    where: dict = {}
    for p in parts:  # in partition order: groups keep their order of first appearance
        for lab in p[0]:
            if lab not in where:
                where[lab] = len(names)
                names.append(lab)
    n_terms = parts[0][2].shape[1]
    sizes = np.zeros(len(names))
    W = sp.csr_matrix((len(names), n_terms))
    P = sp.csr_matrix((len(names), n_terms))
    for lab_list, sz, w, pr, _ in parts:
        idx = np.array([where[lab] for lab in lab_list], dtype=np.int64)
        if not len(idx):
            continue
        S = sp.csr_matrix((np.ones(len(idx)), (idx, np.arange(len(idx)))),
                          shape=(len(names), len(idx)))
        sizes[idx] += sz
        W = W + S @ w
        P = P + S @ pr
    return names, sizes, sp.csr_matrix(W), sp.csr_matrix(P), sum(p[4] for p in parts)


def _part_contrast(vec: Any, part: pd.DataFrame, text: str, group_a: Any, group_b: Any,
                   by: str) -> tuple:
    docs = part[text].tolist()
    M = _presence(vec.transform(docs)) if by == "documents" else vec.count(docs)
    mask_a = _part_mask(part, group_a, "group_a")
    mask_b = ~mask_a if group_b is None else _part_mask(part, group_b, "group_b")
    return (np.asarray(M[mask_a].sum(axis=0)).ravel(), np.asarray(M[mask_b].sum(axis=0)).ravel(),
            int(mask_a.sum()), int(mask_b.sum()))


def _sum_tuples(*parts: tuple) -> tuple:
    return tuple(sum(p[i] for p in parts) for i in range(len(parts[0])))


def _part_periods(vec: Any, part: pd.DataFrame, text: str, date: str, freq: str,
                  cols: list[int] | None, measure: str) -> dict:
    from ._corpus import Corpus as _Corpus

    # dask may hold the column as pyarrow strings, whose missing values are pd.NA
    dates = _Corpus._parse_dates([None if pd.isna(d) else d for d in part[date].tolist()],
                                 len(part))
    periods = dates.dt.to_period(freq)
    dated = periods.notna().to_numpy()
    X = vec.transform(part[text].tolist())
    M = X if measure == "weight" else _presence(X)
    if cols is not None:
        M = sp.csr_matrix(M[:, cols])
    out: dict = {}
    values = periods[dated]
    rows = np.flatnonzero(dated)
    for p in pd.unique(values):
        m = rows[(values == p).to_numpy()]
        out[p] = (len(m), sp.csr_matrix(M[m].sum(axis=0)))
    return out


def _merge_periods(*parts: dict) -> dict:
    out: dict = {}
    for p in parts:
        for period, (size, row) in p.items():
            if period in out:
                s0, r0 = out[period]
                out[period] = (s0 + size, r0 + row)
            else:
                out[period] = (size, row)
    return out
