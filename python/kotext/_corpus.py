"""A collection of news documents with ids and dates, holding its fitted matrix.

:class:`Corpus` is the analyst's entry point: give it texts (or scraped pages), then ask
what each article is about (:meth:`Corpus.keywords`), which articles say the same thing
(:meth:`Corpus.similar`, :meth:`Corpus.duplicates`), how two articles differ
(:meth:`Corpus.compare`), what distinguishes one group from another
(:meth:`Corpus.contrast`) and which keywords are rising (:meth:`Corpus.trend`,
:meth:`Corpus.rising`). Every answer is a pandas DataFrame keyed by document id.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _plot, _report
from ._similarity import compare as _compare
from ._similarity import contrast as _contrast
from ._similarity import similarity as _similarity
from ._tfidf import TfidfVectorizer

__all__ = ["Corpus"]


class Corpus:
    """Documents with ids and dates, vectorized once with TF-IDF.

    Parameters
    ----------
    texts : sequence of str
        The documents (article title and body, for example).
    ids : sequence of hashable, optional
        One unique id per document (default: 0 .. n-1). Every result names documents by id.
    dates : sequence of date-like, optional
        Publication dates (anything :func:`pandas.to_datetime` reads; missing ones may be
        None). Needed for :meth:`trend` and :meth:`rising`.
    vectorizer : TfidfVectorizer, optional
        An unfitted vectorizer to fit on ``texts`` (default: ``TfidfVectorizer()``, the
        Korean tokenizer with sublinear TF-IDF).

    Attributes
    ----------
    X : scipy.sparse.csr_matrix of shape (n_documents, n_terms)
        The fitted TF-IDF matrix (rows L2-normalized by default).
    feature_names : numpy.ndarray of str
        The terms, column by column.

    Examples
    --------
    >>> import kotext
    >>> corpus = kotext.Corpus(
    ...     ["금리 인상 우려에 증시 하락", "증시 하락 금리 인상 여파", "프로야구 개막전 매진"],
    ...     ids=["a", "b", "c"], dates=["2024-01-02", "2024-01-03", "2024-02-01"])
    >>> corpus.similar("a", top_n=1)["similar_id"].tolist()
    ['b']
    >>> corpus.keywords(top_k=1).query("id == 'c'")["term"].item() in {"프로야구", "개막전", "매진"}
    True
    """

    def __init__(
        self,
        texts: Sequence[str],
        *,
        ids: Sequence[Hashable] | None = None,
        dates: Sequence[Any] | None = None,
        vectorizer: TfidfVectorizer | None = None,
    ) -> None:
        if isinstance(texts, (str, bytes)):
            raise TypeError("Corpus expects a sequence of documents, not a single str")
        self.texts = list(texts)
        for i, t in enumerate(self.texts):
            if not isinstance(t, str):
                raise TypeError(f"document {i} must be str, not {type(t).__name__}")
        n = len(self.texts)
        if n == 0:
            raise ValueError("Corpus needs at least one document")
        self.ids = pd.Index(range(n) if ids is None else list(ids), name="id")
        if len(self.ids) != n:
            raise ValueError(f"got {len(self.ids)} ids for {n} documents")
        if not self.ids.is_unique:
            dup = self.ids[self.ids.duplicated()][0]
            raise ValueError(f"ids must be unique; {dup!r} appears more than once")
        if dates is None:
            self.dates = pd.Series(pd.NaT, index=self.ids, dtype="datetime64[ns]", name="date")
        else:
            dates = list(dates)
            if len(dates) != n:
                raise ValueError(f"got {len(dates)} dates for {n} documents")
            parsed = pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce", format="mixed")
            bad = [i for i, (d, p) in enumerate(zip(dates, parsed)) if d is not None and pd.isna(p)
                   and not (isinstance(d, float) and np.isnan(d))]
            if bad:
                raise ValueError(f"date of document {bad[0]} ({dates[bad[0]]!r}) is not a date")
            self.dates = pd.Series(parsed.values, index=self.ids, name="date")
        self.vectorizer = vectorizer if vectorizer is not None else TfidfVectorizer()
        self.X: sp.csr_matrix = self.vectorizer.fit_transform(self.texts)
        self.feature_names: np.ndarray = self.vectorizer.get_feature_names_out()
        self._counts: sp.csr_matrix | None = None

    # ---- construction from pages -------------------------------------------------------
    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, text: str = "text", id: str | None = None,
                   date: str | None = None, **kwargs: Any) -> Corpus:
        """A corpus from a DataFrame's text column (and optional id and date columns).

        Examples
        --------
        >>> import pandas as pd, kotext
        >>> df = pd.DataFrame({"text": ["수출 증가", "수출 감소"], "day": ["2024-01-01", "2024-01-02"]})
        >>> len(kotext.Corpus.from_frame(df, date="day"))
        2
        """
        return cls(frame[text].tolist(),
                   ids=frame[id].tolist() if id else frame.index.tolist(),
                   dates=frame[date].tolist() if date else None, **kwargs)

    @classmethod
    def from_articles(cls, articles: Sequence[Any], *, ids: Sequence[Hashable] | None = None,
                      **kwargs: Any) -> Corpus:
        """A corpus of segmented articles (:func:`kotext.segment`): title and body as the
        text, the article's date as the date.

        Examples
        --------
        >>> import kotext
        >>> from kotext.__main__ import sample_text
        >>> corpus = kotext.Corpus.from_articles(kotext.segment_many(sample_text()))
        >>> corpus.dates.dt.strftime("%Y-%m-%d").tolist()
        ['2026-03-12', '2026-03-14', '2026-03-15']
        """
        texts = ["\n\n".join(p for p in [a.title, *a.subtitle, a.text] if p) for a in articles]
        dates = [a.date or None for a in articles]
        return cls(texts, ids=ids, dates=dates, **kwargs)

    # ---- basics ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.texts)

    def __repr__(self) -> str:
        return f"Corpus({len(self)} documents, {self.X.shape[1]} terms)"

    def _position(self, doc: Hashable) -> int:
        """Row of a document given by id (or, when the id is unknown, by int position)."""
        if doc in self.ids:
            return int(self.ids.get_loc(doc))
        if isinstance(doc, (int, np.integer)) and -len(self) <= doc < len(self):
            return int(doc) % len(self)
        raise KeyError(f"no document with id {doc!r}")

    def _mask(self, group: Any, name: str) -> np.ndarray:
        """Boolean row mask from a mask, a list of ids, or a callable on the frame."""
        if callable(group):
            group = group(self.frame())
        arr = np.asarray(group)
        if arr.dtype == bool:
            if arr.shape != (len(self),):
                raise ValueError(f"{name}: a boolean mask must have {len(self)} entries")
            return arr
        mask = np.zeros(len(self), dtype=bool)
        for doc in list(group):
            mask[self._position(doc)] = True
        return mask

    @property
    def counts(self) -> sp.csr_matrix:
        """Raw term counts over the fitted vocabulary (computed once, on first use)."""
        if self._counts is None:
            self._counts = self.vectorizer.count(self.texts)
        return self._counts

    def frame(self) -> pd.DataFrame:
        """One row per document: id, date, length in characters, number of distinct terms."""
        return pd.DataFrame({
            "date": self.dates.values,
            "chars": [len(t) for t in self.texts],
            "terms": np.diff(self.X.indptr),
        }, index=self.ids)

    # ---- what each article is about -------------------------------------------------------
    def keywords(self, top_k: int = 10, docs: Iterable[Hashable] | None = None) -> pd.DataFrame:
        """Each document's ``top_k`` highest-weighted terms.

        Returns
        -------
        pandas.DataFrame with columns ``id``, ``rank`` (1 = best), ``term``, ``weight``.
        """
        rows = None if docs is None else [self._position(d) for d in docs]
        X = self.X if rows is None else self.X[rows]
        df = self.vectorizer.keywords(X, top_k=top_k)
        source = np.arange(len(self)) if rows is None else np.asarray(rows)
        df.insert(0, "id", self.ids[source[df["doc"].to_numpy()]])
        return df.drop(columns="doc").reset_index(drop=True)

    # ---- which articles say the same thing ------------------------------------------------
    def similar(self, doc: Hashable | None = None, top_n: int = 5) -> pd.DataFrame:
        """Nearest documents by cosine similarity of their TF-IDF vectors.

        Parameters
        ----------
        doc : id, optional
            One document; None gives every document's neighbours (computed block by
            block, never as an n x n matrix).
        top_n : int, default 5

        Returns
        -------
        pandas.DataFrame with columns ``id``, ``rank``, ``similar_id``, ``score``.
        """
        top_n = min(int(top_n), len(self) - 1)
        rows = np.arange(len(self)) if doc is None else np.array([self._position(doc)])
        if top_n <= 0:
            return pd.DataFrame({"id": [], "rank": [], "similar_id": [], "score": []})
        if doc is None:
            nb = _similarity(self.X, top_n=top_n)
        else:
            nb = _similarity(self.X[rows], self.X, top_n=top_n + 1, include_self=True)
        out = []
        for r, row in enumerate(rows):
            rank = 0
            for j, s in zip(nb.indices[r], nb.scores[r]):
                if j < 0 or j == row or rank >= top_n:
                    continue
                rank += 1
                out.append((self.ids[row], rank, self.ids[j], float(s)))
        return pd.DataFrame(out, columns=["id", "rank", "similar_id", "score"])

    def duplicates(self, threshold: float = 0.8, top_n: int = 10) -> pd.DataFrame:
        """Pairs of documents whose cosine similarity is at least ``threshold``.

        Each pair appears once (``id_a`` before ``id_b`` in corpus order), most similar first.
        """
        pairs = self.similar(top_n=top_n)
        pairs = pairs[pairs["score"] >= threshold]
        pos = {d: i for i, d in enumerate(self.ids)}
        keep = [pos[a] < pos[b] for a, b in zip(pairs["id"], pairs["similar_id"])]
        pairs = pairs[keep].rename(columns={"id": "id_a", "similar_id": "id_b"})
        return pairs[["id_a", "id_b", "score"]].sort_values("score", ascending=False,
                                                            kind="stable").reset_index(drop=True)

    def compare(self, a: Hashable, b: Hashable) -> pd.DataFrame:
        """Terms two documents share and terms only one of them has (see :func:`kotext.compare`)."""
        return _compare(self.X, self._position(a), self._position(b), self.feature_names)

    # ---- what distinguishes groups -------------------------------------------------------
    def contrast(self, group_a: Any, group_b: Any = None, *, top: int | None = 20,
                 prior: float = 100.0) -> pd.DataFrame:
        """Terms that distinguish group A from group B (log-odds with a Dirichlet prior).

        Groups are boolean masks, lists of ids, or callables taking :meth:`frame` and
        returning a mask. ``group_b=None`` means every document not in A.
        """
        mask_a = self._mask(group_a, "group_a")
        mask_b = ~mask_a if group_b is None else self._mask(group_b, "group_b")
        if not mask_a.any() or not mask_b.any():
            raise ValueError("both groups need at least one document")
        C = self.counts
        return _contrast(C[mask_a], C[mask_b], self.feature_names, prior=prior, top=top)

    # ---- keywords over time ---------------------------------------------------------------
    def _periods(self, freq: str) -> pd.Series:
        if self.dates.isna().all():
            raise ValueError("this corpus has no dates: pass dates=... to Corpus()")
        return self.dates.dt.to_period(freq)

    def trend(self, terms: Sequence[str], freq: str = "M", *, share: bool = True) -> pd.DataFrame:
        """How many documents use each term, period by period.

        Parameters
        ----------
        terms : sequence of str
            Terms from the vocabulary (unknown ones raise KeyError).
        freq : str, default 'M'
            A pandas period frequency: 'D', 'W', 'M', 'Q', 'Y'.
        share : bool, default True
            Fraction of the period's documents (True) or a document count (False).

        Returns
        -------
        pandas.DataFrame indexed by period, one column per term. Documents without a date
        are left out.
        """
        index = {t: i for i, t in enumerate(self.feature_names)}
        missing = [t for t in terms if t not in index]
        if missing:
            raise KeyError(f"not in the vocabulary: {missing}")
        periods = self._periods(freq)
        dated = periods.notna().to_numpy()
        cols = [index[t] for t in terms]
        present = (self.X[:, cols] != 0).toarray()[dated].astype(np.int64)
        df = pd.DataFrame(present, columns=list(terms), index=periods[dated].array)
        grouped = df.groupby(level=0)
        out = grouped.mean() if share else grouped.sum()
        full = pd.period_range(out.index.min(), out.index.max(), freq=out.index.freq)
        out = out.reindex(full, fill_value=0)
        out.index.name = "period"
        return out

    def rising(self, freq: str = "M", *, top: int = 20, prior: float = 100.0) -> pd.DataFrame:
        """Keywords of the latest period against all earlier ones (log-odds z-scores)."""
        periods = self._periods(freq)
        last = periods.max()
        latest = (periods == last).to_numpy()
        earlier = (periods < last).to_numpy()
        if not earlier.any():
            raise ValueError("rising() needs documents from at least two periods")
        out = self.contrast(latest, earlier, top=top, prior=prior)
        out.attrs["period"] = str(last)
        return out

    # ---- display and plots (drawn by kotext._plot, HTML by kotext._report) -------------
    def _repr_html_(self) -> str:
        """Jupyter display: size, date span, top keywords and the first articles."""
        return _report.corpus_html(self)

    def report(self, path: Any, **options: Any) -> Any:
        """Write a self-contained HTML report; see :func:`kotext._report.write_report`."""
        return _report.write_report(self, path, **options)

    def plot_keywords(self, doc: Hashable | None = None, top_k: int = 10, **kw: Any) -> Any:
        """Keyword bars of one document, or of the corpus; see :func:`kotext._plot.plot_keywords`."""
        return _plot.plot_keywords(self, doc, top_k, **kw)

    def plot_similarity(self, docs: Sequence[Hashable] | None = None, **kw: Any) -> Any:
        """Similarity heatmap labelled with titles; see :func:`kotext._plot.plot_similarity`."""
        return _plot.plot_similarity(self, docs, **kw)

    def plot_trend(self, terms: Sequence[str], freq: str = "M", **kw: Any) -> Any:
        """Lines of :meth:`trend`; see :func:`kotext._plot.plot_trend`."""
        return _plot.plot_trend(self, terms, freq, **kw)

    def plot_compare(self, a: Hashable, b: Hashable, top: int = 12, **kw: Any) -> Any:
        """Diverging bars of :meth:`compare`; see :func:`kotext._plot.plot_compare`."""
        return _plot.plot_compare(self, a, b, top, **kw)

    def plot_contrast(self, group_a: Any, group_b: Any = None, top: int = 12, **kw: Any) -> Any:
        """Diverging bars of :meth:`contrast`; see :func:`kotext._plot.plot_contrast`."""
        return _plot.plot_contrast(self, group_a, group_b, top, **kw)

    def plot_map(self, labels: Any = None, **kw: Any) -> Any:
        """2-D map of the documents, colored and labelled; see :func:`kotext._plot.plot_map`."""
        return _plot.plot_map(self, labels, **kw)
