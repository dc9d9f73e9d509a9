"""A collection of news documents with ids, dates, titles and metadata, holding its matrix.

:class:`Corpus` is the analyst's entry point: give it texts (or scraped pages, a DataFrame,
a JSONL file), then ask what each article is about (:meth:`Corpus.keywords`,
:meth:`Corpus.summary`), which articles say the same thing (:meth:`Corpus.similar`,
:meth:`Corpus.duplicates`, :meth:`Corpus.stories`), what a group says that another does
not (:meth:`Corpus.contrast`, :meth:`Corpus.group_keywords`), which words go together
(:meth:`Corpus.related`) and which keywords are rising (:meth:`Corpus.trend`,
:meth:`Corpus.rising`, :meth:`Corpus.emerging`). Every answer is a pandas DataFrame keyed
by document id, with titles joined in when the corpus knows them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import _analysis, _core, _plot, _report
from ._analysis import STORY_DAYS, STORY_THRESHOLD
from ._similarity import _csr
from ._similarity import compare as _compare
from ._similarity import similarity as _similarity
from ._summary import score_sentences_batch
from ._terms import display as _display_term
from ._terms import fold_whitespace, latin_spellings, noise_mask
from ._tfidf import TfidfVectorizer

__all__ = ["Corpus"]

#: A progress bar appears only when a step runs longer than this many seconds.
PROGRESS_DELAY = 2.0
#: Rows per call of the block-wise searches (similar for all, duplicates, stories): big
#: enough that per-call overhead is small, small enough for a smooth bar and Ctrl-C.
_BLOCK_ROWS = 4096
#: The cap on one article's search for story links: posting entries walked, its rarest
#: terms first. Articles of one event share its rare words (names, places, figures), met
#: early; a 100-200-term article walks every term used by up to a few hundred articles
#: well within it. What the cap cuts is the tail of common words (정부, 지난해: thousands of
#: articles each at 100k) that no single event owns and that made the search quadratic.
#: Candidates met are verified exactly; ``attrs["capped"]`` counts the capped articles.
STORY_WORK = 20_000

_ARTICLE_FIELDS = ("title", "kicker", "date", "outlet", "reporters", "url")


def _progress(total: int | None, desc: str, enabled: bool) -> Any:
    """A tqdm bar (Jupyter or terminal) that shows only after PROGRESS_DELAY seconds."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, disable=not enabled, delay=PROGRESS_DELAY, leave=False)


#: Record fields that hold the body when none is named, tried in order after ``text``.
BODY_FIELDS = ("body", "content")
#: Record fields read as the text by default (and so not kept as metadata).
_DEFAULT_TEXT_FIELDS = ("text", *BODY_FIELDS)


def jsonl_records(lines: Iterable[str | bytes], name: str) -> Iterable[tuple[int, dict]]:
    """(line number, record) for each non-blank line of a JSON Lines stream.

    The one reader of JSONL records for :meth:`Corpus.from_jsonl` and the command line.
    Raises ValueError ``"<name>: line <n>: ..."`` for a line that is not valid JSON (or not
    UTF-8) or not a JSON object.
    """
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{name}: line {lineno}: not valid JSON ({err.msg} at column "
                             f"{err.colno})") from None
        except UnicodeDecodeError as err:
            raise ValueError(f"{name}: line {lineno}: not valid UTF-8 (byte {err.start})") \
                from None
        if not isinstance(rec, dict):  # bad file content, not a bad argument
            raise ValueError(  # noqa: TRY004
                f"{name}: line {lineno}: expected a JSON object, got {type(rec).__name__}")
        yield lineno, rec


def record_text(record: dict, where: str, fields: str | Sequence[str] | None = None) -> str:
    """The text of a JSON record: the named field(s) joined by a blank line, or by default
    its ``text`` field, else its ``title`` and ``body`` (or ``content``) joined.

    The one rule for :meth:`Corpus.from_jsonl` and the command line. Raises KeyError
    naming ``where`` when a field is missing, TypeError when one is not a string.
    """
    if fields is not None:
        return _join_fields(record, fields, where)
    title = record.get("title")
    body = next((record[k] for k in _DEFAULT_TEXT_FIELDS if record.get(k) is not None), None)
    if body is None and title is None:
        raise KeyError(f"{where}: no 'text' (or 'title' and 'body') field; "
                       f"fields: {', '.join(record) or 'none'}")
    for key, value in (("title", title), ("text/body", body)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{where}: '{key}' must be a string, not {type(value).__name__}")
    if record.get("text") is not None:
        return record["text"]
    return "\n\n".join(p for p in (title, body) if p)


def _join_fields(record: Any, fields: str | Sequence[str], where: str) -> str:
    """The text of a record: one field, or several joined by a blank line (title + body)."""
    names = [fields] if isinstance(fields, str) else list(fields)
    parts = []
    for f in names:
        try:
            v = record[f]
        except (KeyError, IndexError):
            raise KeyError(f"{where}: no field {f!r}") from None
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        if not isinstance(v, str):
            raise TypeError(f"{where}: field {f!r} must be str, not {type(v).__name__}")
        if v:
            parts.append(v)
    return "\n\n".join(parts)


def _counted(lines: Iterable[bytes], bar: Any) -> Iterable[bytes]:
    """The lines, advancing a byte-count progress bar."""
    for line in lines:
        bar.update(len(line))
        yield line


def _segment_chunk(pages: list) -> list:
    from ._segment import segment

    return [segment(p) for p in pages]


def _article_text(a: Any) -> str:
    return "\n\n".join(p for p in [a.title, *a.subtitle, a.text] if p)


class Corpus:
    """Documents with ids, dates, titles and metadata, vectorized once with TF-IDF.

    Parameters
    ----------
    texts : sequence of str
        The documents (article title and body, for example).
    ids : sequence of hashable, optional
        One unique id per document (default: 0 .. n-1). Every result names documents by id.
    dates : sequence of date-like, optional
        Publication dates (anything :func:`pandas.to_datetime` reads; missing ones may be
        None). Needed for :meth:`trend`, :meth:`rising` and :meth:`emerging`.
    titles : sequence of str, optional
        Headlines, joined into results next to ids and used by :meth:`summary`.
    vectorizer : TfidfVectorizer, optional
        An unfitted vectorizer to fit on ``texts`` (default: ``TfidfVectorizer()``, the
        Korean tokenizer with sublinear TF-IDF).
    progress : bool, default True
        Show a progress bar (tqdm) for steps that take more than two seconds.
    **metadata : sequences
        Any further columns, one value per document (``label=[...]``, ``outlet=[...]``):
        they travel into :meth:`frame` and can define groups.

    Attributes
    ----------
    X : scipy.sparse.csr_matrix of shape (n_documents, n_terms)
        The fitted TF-IDF matrix (rows L2-normalized by default).
    feature_names : numpy.ndarray of str
        The terms, column by column (as the vectorizer spells them: Latin lowercased).
    ids : pandas.Index
    dates : pandas.Series of datetime64, indexed by id
    titles : pandas.Series of str indexed by id, or None

    Notes
    -----
    Groups (in :meth:`contrast`, :meth:`group_keywords` and elsewhere) may be given as

    - a ``(column, value)`` tuple or a ``{column: value}`` dict over :meth:`frame`;
    - a boolean pandas Series, aligned by its index to the ids (never by position);
    - a boolean array or list with one entry per document, in corpus order;
    - a list of ids;
    - a callable that takes :meth:`frame` and returns any of the above.

    A group with no documents raises ValueError.

    Examples
    --------
    >>> import kotext
    >>> corpus = kotext.Corpus(
    ...     ["금리 인상 우려에 증시 하락", "증시 하락 금리 인상 여파", "프로야구 개막전 매진"],
    ...     ids=["a", "b", "c"], dates=["2024-01-02", "2024-01-03", "2024-02-01"],
    ...     section=["경제", "경제", "스포츠"])
    >>> corpus.similar("a", n=1)["similar_id"].tolist()
    ['b']
    >>> corpus.keywords(n=1).query("id == 'c'")["term"].item() in {"프로야구", "개막전", "매진"}
    True
    >>> corpus.frame()["section"].tolist()
    ['경제', '경제', '스포츠']
    """

    def __init__(
        self,
        texts: Sequence[str],
        *,
        ids: Sequence[Hashable] | None = None,
        dates: Sequence[Any] | None = None,
        titles: Sequence[str | None] | None = None,
        vectorizer: TfidfVectorizer | None = None,
        progress: bool = True,
        **metadata: Sequence[Any],
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
        self.dates = self._parse_dates(dates, n)
        self.titles: pd.Series | None = None
        if titles is not None:
            titles = list(titles)
            if len(titles) != n:
                raise ValueError(f"got {len(titles)} titles for {n} documents")
            for i, t in enumerate(titles):
                if t is not None and not isinstance(t, str):
                    raise TypeError(f"title of document {i} must be str, not {type(t).__name__}")
            self.titles = pd.Series([t or "" for t in titles], index=self.ids, name="title",
                                    dtype=object)
        reserved = {"date", "title", "chars", "terms"}
        meta = {}
        for name, values in metadata.items():
            if name in reserved:
                raise ValueError(f"metadata column {name!r} is reserved; pass it as {name}s=")
            values = list(values)
            if len(values) != n:
                raise ValueError(f"metadata {name!r} has {len(values)} values for {n} documents")
            meta[name] = values
        self.metadata = pd.DataFrame(meta, index=self.ids)
        self.progress = bool(progress)
        self.vectorizer = vectorizer if vectorizer is not None else TfidfVectorizer()
        with _progress(1, f"kotext: TF-IDF of {n:,} documents", self.progress) as bar:
            self.X: sp.csr_matrix = self.vectorizer.fit_transform(self.texts)
            bar.update()
        self.feature_names: np.ndarray = self.vectorizer.get_feature_names_out()
        self._counts: sp.csr_matrix | None = None
        self._cache: dict[str, Any] = {}

    @staticmethod
    def _parse_dates(dates: Sequence[Any] | None, n: int) -> pd.Series:
        if dates is None:
            return pd.Series(pd.NaT, index=pd.RangeIndex(n), dtype="datetime64[ns]", name="date")
        dates = list(dates)
        if len(dates) != n:
            raise ValueError(f"got {len(dates)} dates for {n} documents")
        parsed = pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce", format="mixed",
                                utc=False)
        bad = [i for i, (d, p) in enumerate(zip(dates, parsed)) if d is not None and pd.isna(p)
               and not (isinstance(d, float) and np.isnan(d)) and d is not pd.NaT and d != ""]
        if bad:
            raise ValueError(f"date of document {bad[0]} ({dates[bad[0]]!r}) is not a date")
        if getattr(parsed.dt, "tz", None) is not None:  # one zone for all: local wall time
            parsed = parsed.dt.tz_localize(None)
        return pd.Series(parsed.values, name="date")

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_cache", {})

    @property
    def dates(self) -> pd.Series:
        """Publication dates (datetime64, NaT when unknown), indexed by id."""
        return self._dates

    @dates.setter
    def dates(self, value: pd.Series) -> None:
        self._dates = pd.Series(np.asarray(value.values), index=self.ids, name="date")

    # ---- construction ------------------------------------------------------------------
    @classmethod
    def from_texts(cls, texts: Sequence[str], **kwargs: Any) -> Corpus:
        """The same as ``Corpus(texts, **kwargs)``.

        Examples
        --------
        >>> import kotext
        >>> len(kotext.Corpus.from_texts(["수출 증가", "수출 감소"], ids=["a", "b"]))
        2
        """
        return cls(texts, **kwargs)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, text: str | Sequence[str] = "text",
                   id: str | None = None, date: str | None = None, title: str | None = None,
                   **kwargs: Any) -> Corpus:
        """A corpus from a DataFrame; every column not used as text, id, date or title
        becomes metadata.

        Parameters
        ----------
        frame : pandas.DataFrame
        text : str or list of str, default "text"
            The text column, or several joined by a blank line (``["title", "body"]``).
        id, date, title : str, optional
            Columns with the ids (default: the frame's index), dates and headlines.

        Examples
        --------
        >>> import pandas as pd, kotext
        >>> df = pd.DataFrame({"text": ["수출 증가", "수출 감소"], "day": ["2024-01-01", "2024-01-02"],
        ...                    "section": ["경제", "경제"]})
        >>> kotext.Corpus.from_frame(df, date="day").frame()["section"].tolist()
        ['경제', '경제']
        """
        cols = [text] if isinstance(text, str) else list(text)
        for c in [*cols, id, date, title]:
            if c is not None and c not in frame.columns:
                raise KeyError(f"the frame has no column {c!r} (columns: {list(frame.columns)})")
        if len(cols) == 1:
            texts = frame[cols[0]].tolist()
        else:
            texts = [_join_fields(r, cols, f"row {i}")
                     for i, r in enumerate(frame[cols].to_dict("records"))]
        # Columns named id / date / title are what they say unless another column was named.
        id = id if id is not None or "id" not in frame.columns or "id" in cols else "id"
        date = date if date is not None or "date" not in frame.columns else "date"
        title = title if title is not None or "title" not in frame.columns or "title" in cols \
            else "title"
        used = {*cols, id, date, title}
        meta = {c: frame[c].tolist() for c in frame.columns if c not in used}
        meta.update(kwargs.pop("metadata", {}))
        return cls(texts, ids=frame[id].tolist() if id else frame.index.tolist(),
                   dates=frame[date].tolist() if date else None,
                   titles=frame[title].tolist() if title else None, **meta, **kwargs)

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike, *, text: str | Sequence[str] | None = None,
                   id: str | None = None, date: str | None = None, title: str | None = None,
                   progress: bool = True, **kwargs: Any) -> Corpus:
        """A corpus from a JSON Lines file (one JSON object per line), read as a stream.

        Fields other than text, id, date and title become metadata (values that are lists
        or objects too). Blank lines are skipped.

        Parameters
        ----------
        path : path-like
        text : str or list of str, optional
            The text field, or several joined by a blank line (``["title", "body"]``).
            By default a record's ``text`` field, or else its ``title`` and ``body`` (or
            ``content``) joined, as the command line reads JSONL.
        id, date, title : str, optional
            Fields with the ids, dates and headlines; by default the fields named ``id``
            (else 0 .. n-1), ``date`` and ``title`` when the records have them.

        Raises
        ------
        ValueError
            A line that is not a JSON object (the message names the file and line:
            ``news.jsonl: line 3: not valid JSON (...)``).
        KeyError
            A line without one of the named fields (file and line named).
        TypeError
            A text field that is not a string (file and line named).

        Examples
        --------
        >>> import kotext, tempfile, os, json
        >>> path = os.path.join(tempfile.mkdtemp(), "news.jsonl")
        >>> with open(path, "w", encoding="utf-8") as f:
        ...     for i, t in enumerate(["수출 증가", "수출 감소"]):
        ...         _ = f.write(json.dumps({"key": f"n{i}", "body": t, "section": "경제"}) + "\\n")
        >>> kotext.Corpus.from_jsonl(path, text="body", id="key").frame()["section"].tolist()
        ['경제', '경제']
        """
        cols = [] if text is None else [text] if isinstance(text, str) else list(text)
        texts: list[str] = []
        fields: dict[str, list[Any]] = {"id": [], "date": [], "title": []}
        meta: dict[str, list[Any]] = {}
        size = os.path.getsize(path)
        src = os.fspath(path)
        with open(path, "rb") as f, _progress(size, f"kotext: reading {src}", progress) as bar:
            for lineno, rec in jsonl_records(_counted(f, bar), src):
                where = f"{src}: line {lineno}"
                texts.append(record_text(rec, where, cols or None))
                for key, name in (("id", id), ("date", date), ("title", title)):
                    if name is not None:
                        if name not in rec:
                            raise KeyError(f"{where}: no field {name!r}")
                        fields[key].append(rec[name])
                k = len(texts) - 1
                for name, v in rec.items():
                    if name in cols or name in (id, date, title) or (
                            not cols and name in _DEFAULT_TEXT_FIELDS):
                        continue
                    if name not in meta:
                        meta[name] = [None] * k
                    meta[name].append(v)
                for name, values in meta.items():
                    if len(values) == k:
                        values.append(None)
        if not texts:
            raise ValueError(f"{os.fspath(path)} holds no records")
        # Fields named id / date / title are what they say unless another field was named
        # (records without one get None there: no id -> its line's position is not enough
        # to be an id, so ids must then be complete).
        for key, name in (("id", id), ("date", date), ("title", title)):
            if name is None and key in meta:
                values = meta.pop(key)
                if key == "id" and any(v is None for v in values):
                    line = values.index(None)
                    raise KeyError(f"{os.fspath(path)}: record {line} has no 'id' field "
                                   "while others have one; pass id= to choose the id field")
                fields[key] = values
        return cls(texts, ids=fields["id"] or None, dates=fields["date"] or None,
                   titles=fields["title"] or None, progress=progress, **meta, **kwargs)

    @classmethod
    def from_articles(cls, articles: Sequence[Any], *, ids: Sequence[Hashable] | None = None,
                      **kwargs: Any) -> Corpus:
        """A corpus of segmented articles (:func:`kotext.segment`).

        The text is the title, subtitles and body; the title, date, kicker, outlet,
        reporters and URL become metadata (``title`` and ``date`` as the corpus titles and
        dates).

        Examples
        --------
        >>> import kotext
        >>> from kotext.__main__ import sample_text
        >>> corpus = kotext.Corpus.from_articles(kotext.segment_many(sample_text()))
        >>> corpus.dates.dt.strftime("%Y-%m-%d").tolist()
        ['2026-03-12', '2026-03-14', '2026-03-15']
        >>> bool(corpus.frame()["outlet"].str.len().gt(0).all())
        True
        """
        articles = list(articles)
        texts = [_article_text(a) for a in articles]
        meta = {
            "kicker": [a.kicker for a in articles],
            "outlet": [a.outlet for a in articles],
            "reporters": [list(a.reporters) for a in articles],
            "url": [a.url for a in articles],
        }
        meta.update(kwargs.pop("metadata", {}))
        return cls(texts, ids=ids, dates=[a.date or None for a in articles],
                   titles=[a.title for a in articles], **meta, **kwargs)

    @classmethod
    def from_pages(cls, pages: Iterable[str | bytes], *, ids: Sequence[Hashable] | None = None,
                   n_jobs: int = 1, progress: bool = True, **kwargs: Any) -> Corpus:
        """Segment each page (:func:`kotext.segment`) and build a corpus of the articles.

        Parameters
        ----------
        pages : iterable of str or bytes
            One page (HTML or text dump) per item.
        ids : sequence of hashable, optional
        n_jobs : int, default 1
            Processes for segmentation; -1 means all cores. (Segmentation holds the GIL in
            its Python parts, so threads would not help.)

        Examples
        --------
        >>> import kotext
        >>> page = "경제 2026-03-12\\n\\n협의체 출범\\n\\n연합회는 11일 협의체를 열었다고 밝혔다."
        >>> kotext.Corpus.from_pages([page]).frame()["title"].tolist()
        ['협의체 출범']
        """
        pages = list(pages)
        n_procs = (os.cpu_count() or 1) if n_jobs in (-1, 0) else max(1, int(n_jobs))
        n_procs = min(n_procs, max(1, len(pages) // 64))
        chunk = 64
        chunks = [pages[i:i + chunk] for i in range(0, len(pages), chunk)]
        articles: list[Any] = []
        with _progress(len(pages), "kotext: segmenting pages", progress) as bar:
            if n_procs == 1:
                for c in chunks:
                    articles.extend(_segment_chunk(c))
                    bar.update(len(c))
            else:
                from concurrent.futures import ProcessPoolExecutor

                with ProcessPoolExecutor(n_procs) as pool:
                    for c, done in zip(chunks, pool.map(_segment_chunk, chunks)):
                        articles.extend(done)
                        bar.update(len(c))
        return cls.from_articles(articles, ids=ids, progress=progress, **kwargs)

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

    def _mask(self, group: Any, name: str = "group") -> np.ndarray:
        """Boolean row mask of a group (see the class Notes for the accepted forms)."""
        if callable(group) and not isinstance(group, (pd.Series, np.ndarray)):
            group = group(self.frame())
        frame = None
        if isinstance(group, tuple) and len(group) == 2 and isinstance(group[0], str):
            group = {group[0]: group[1]}
        if isinstance(group, dict):
            frame = self.frame()
            mask = np.ones(len(self), dtype=bool)
            for col, value in group.items():
                if col not in frame.columns:
                    raise KeyError(f"{name}: no column {col!r} (columns: {list(frame.columns)})")
                mask &= (frame[col] == value).to_numpy()
        elif isinstance(group, pd.Series) and (group.dtype == bool or group.dtype == object
                                               and group.map(type).eq(bool).all()):
            if not group.index.is_unique:
                raise ValueError(f"{name}: the mask's index has repeated labels")
            aligned = group.reindex(self.ids)
            if aligned.isna().any():
                missing = self.ids[aligned.isna().to_numpy()][:3].tolist()
                raise ValueError(f"{name}: the boolean Series has no entry for ids {missing} "
                                 "(it is aligned by its index, not by position)")
            mask = aligned.to_numpy(dtype=bool)
        else:
            if isinstance(group, pd.Series):
                group = group.tolist()
            arr = np.asarray(group) if not isinstance(group, (set, frozenset)) else None
            if arr is not None and arr.dtype == bool:
                if arr.shape != (len(self),):
                    raise ValueError(f"{name}: a boolean mask must have {len(self)} entries, "
                                     f"got shape {arr.shape}")
                mask = arr.copy()
            else:
                mask = np.zeros(len(self), dtype=bool)
                for doc in list(group):
                    mask[self._position(doc)] = True
        if not mask.any():
            raise ValueError(f"{name} has no documents")
        return mask

    @property
    def counts(self) -> sp.csr_matrix:
        """Raw term counts over the fitted vocabulary (computed once, on first use)."""
        if self._counts is None:
            self._counts = self.vectorizer.count(self.texts)
        return self._counts

    @property
    def _presence(self) -> sp.csr_matrix:
        """Which documents contain which terms (1.0 / absent), from the TF-IDF pattern."""
        if "presence" not in self._cache:
            B = self.X.copy().astype(np.float64)
            B.eliminate_zeros()
            B.data[:] = 1.0
            self._cache["presence"] = B
        return self._cache["presence"]

    @property
    def _df(self) -> np.ndarray:
        if "df" not in self._cache:
            self._cache["df"] = np.diff(self._presence.tocsc().indptr)
        return self._cache["df"]

    def _noise(self) -> np.ndarray:
        if "noise" not in self._cache:
            self._cache["noise"] = noise_mask(self.feature_names)
        return self._cache["noise"]

    def display_terms(self, terms: Iterable[str]) -> list[str]:
        """Terms as the corpus prints them: Latin in its most frequent case (``ai`` -> ``AI``).

        Examples
        --------
        >>> import kotext
        >>> kotext.Corpus(["생성형 AI 확산", "AI 반도체 수요"]).display_terms(["ai", "반도체"])
        ['AI', '반도체']
        """
        if "spellings" not in self._cache:
            self._cache["spellings"] = latin_spellings(self.texts)
        sp_ = self._cache["spellings"]
        return [_display_term(str(t), sp_) for t in terms]

    def _column(self, term: str) -> int | None:
        """Column of a term as the user writes it (display case accepted), or None."""
        return _analysis.column_of(self.vectorizer.vocabulary_, term)

    def frame(self) -> pd.DataFrame:
        """One row per document, indexed by id: date, title (when known), every metadata
        column, length in characters and number of distinct terms.

        Examples
        --------
        >>> import kotext
        >>> kotext.Corpus(["수출 증가", "수입 감소"], label=["a", "b"]).frame().columns.tolist()
        ['date', 'label', 'chars', 'terms']
        """
        parts = {"date": self.dates.values}
        if self.titles is not None:
            parts["title"] = self.titles.values
        df = pd.DataFrame(parts, index=self.ids)
        for c in self.metadata.columns:
            df[c] = self.metadata[c].values
        df["chars"] = [len(t) for t in self.texts]
        df["terms"] = np.diff(self.X.indptr)
        return df

    def _with_titles(self, df: pd.DataFrame, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
        """Insert a title column after each id column (when the corpus has titles), its
        whitespace folded for display (:func:`kotext._terms.fold_whitespace`)."""
        if self.titles is None:
            return df
        for id_col, title_col in pairs:
            at = df.columns.get_loc(id_col) + 1
            titles = [fold_whitespace(t) for t in self.titles.reindex(df[id_col]).to_numpy()]
            df.insert(at, title_col, np.asarray(titles, dtype=object))
        return df

    # ---- what each article is about -------------------------------------------------------
    def _top_terms(self, X: sp.csr_matrix, n: int, noise: bool) -> pd.DataFrame:
        """Per row of X, its n best terms (noise columns removed first)."""
        return _analysis.top_terms(self.vectorizer, X, n, self._noise() if noise else None,
                                   self.display_terms)

    def keywords(self, n: int = 10, docs: Iterable[Hashable] | None = None, *,
                 noise: bool = True, top_k: int | None = None) -> pd.DataFrame:
        """Each document's ``n`` highest-weighted terms.

        Parameters
        ----------
        n : int, default 10
        docs : iterable of ids, optional
            Only these documents (default: all).
        noise : bool, default True
            Leave out numbers alone, single Latin letters and one-syllable surname
            shorthand (:mod:`kotext._terms`). False keeps every term.
        top_k : int, optional
            Old name of ``n``.

        Returns
        -------
        pandas.DataFrame with columns ``id``, ``title`` (when known), ``rank`` (1 = best),
        ``term`` (Latin in the corpus's own case), ``weight``.
        """
        n = top_k if top_k is not None else n
        rows = None if docs is None else [self._position(d) for d in docs]
        X = self.X if rows is None else self.X[rows]
        df = self._top_terms(X, n, noise)
        source = np.arange(len(self)) if rows is None else np.asarray(rows, dtype=np.int64)
        df.insert(0, "id", self.ids[source[df["doc"].to_numpy()]])
        df = df.drop(columns=["doc", "col"]).reset_index(drop=True)
        return self._with_titles(df, [("id", "title")])

    def group_keywords(self, by: str | Any = "label", n: int = 10, *,
                       noise: bool = True) -> pd.DataFrame:
        """Each group's ``n`` most typical terms: frequent in the group, rare outside it.

        The score is the term's mean TF-IDF weight over the group's documents times the
        share of the corpus's documents using the term that belong to the group: words
        every section uses (지난해, 경우, 서울) do not crowd the top of each group.

        Parameters
        ----------
        by : str or group
            A metadata column (one group per value) or any single group (class Notes).
        n : int, default 10
        noise : bool, default True
            As in :meth:`keywords`.

        Returns
        -------
        pandas.DataFrame with columns ``group``, ``documents`` (group size), ``rank``,
        ``term``, ``score`` (what ranks them), ``weight`` (mean TF-IDF weight over the
        group's documents), ``docs`` (documents of the group that contain the term),
        ``share`` (``docs`` over the corpus's documents that contain it).

        Examples
        --------
        >>> import kotext
        >>> c = kotext.Corpus(["금리 인상 증시", "금리 동결 증시", "야구 개막", "야구 관중"],
        ...                   section=["경제", "경제", "스포츠", "스포츠"])
        >>> c.group_keywords("section", n=1)[["group", "term"]].values.tolist()
        [['경제', '금리'], ['스포츠', '야구']]
        """
        if isinstance(by, str) and by in self.frame().columns:
            values = self.frame()[by]
            labels = [v for v in pd.unique(values) if not pd.isna(v)]
            masks = [(lab, (values == lab).to_numpy()) for lab in labels]
        else:
            masks = [("group", self._mask(by, "by"))]
        if not masks:
            raise ValueError(f"column {by!r} has no values")
        names = [lab for lab, _ in masks]
        G = sp.csr_matrix(np.vstack([m for _, m in masks]).astype(np.float64))
        return _analysis.group_keywords_table(names, np.asarray(G.sum(axis=1)).ravel(),
                                              G @ self.X, G @ self._presence, self._df,
                                              lambda M: self._top_terms(M, n, noise))

    def summary(self, doc: Hashable, n: int = 3) -> pd.DataFrame:
        """The article's ``n`` key sentences, in article order, with their scores.

        Extractive: :func:`kotext.split_sentences` over the body, each sentence vectorized
        with the corpus's TF-IDF, scored by MEAD's centroid + position + headline overlap
        (:mod:`kotext._summary`). The headline itself is not a candidate.

        Returns
        -------
        pandas.DataFrame with columns ``id``, ``sentence`` (index among the article's
        sentences), ``text``, ``score``; fewer rows when the article has fewer sentences.

        Examples
        --------
        >>> import kotext
        >>> from kotext.__main__ import sample_text
        >>> c = kotext.Corpus.from_articles(kotext.segment_many(sample_text()))
        >>> s = c.summary(0, n=2)
        >>> len(s), s["sentence"].is_monotonic_increasing
        (2, True)
        """
        pos = self._position(doc)
        return self._summary_rows([pos], n)

    def summaries(self, n: int = 3) -> pd.DataFrame:
        """:meth:`summary` of every document, one frame (columns as in :meth:`summary`)."""
        return self._summary_rows(range(len(self)), n)

    def _summary_rows(self, rows: Iterable[int], n: int) -> pd.DataFrame:
        from ._sentences import split_sentences

        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"n must be a positive int, got {n!r}")
        rows = list(rows)
        parts = []
        with _progress(len(rows), "kotext: key sentences", self.progress) as bar:
            for start in range(0, len(rows), _BLOCK_ROWS):
                block = rows[start:start + _BLOCK_ROWS]
                sentences = split_sentences([self.texts[r] for r in block])
                heads = [self.titles.iloc[r].strip() if self.titles is not None else ""
                         for r in block]
                # candidates: every sentence but the headline repeated in the text
                art, num, text = [], [], []
                for k, (ss, head) in enumerate(zip(sentences, heads)):
                    for i, s_ in enumerate(ss):
                        if s_.strip() and s_.strip() != head:
                            art.append(k)
                            num.append(i)
                            text.append(s_)
                bar.update(len(block))
                if not text:
                    continue
                art_ = np.asarray(art, dtype=np.int64)
                titles = self.vectorizer.transform(heads) if self.titles is not None else None
                scores = score_sentences_batch(self.vectorizer.transform(text), art_, titles)
                # the n best of each article, then back in article order
                order = np.lexsort((-scores, art_))
                first = np.searchsorted(art_[order], art_[order], side="left")
                best = np.sort(order[np.arange(len(order)) - first < n])
                parts.append(pd.DataFrame({
                    "id": self.ids[np.asarray(block)[art_[best]]],
                    "sentence": np.asarray(num, dtype=np.int64)[best],
                    "text": [text[b] for b in best],
                    "score": scores[best],
                }))
        if not parts:
            return pd.DataFrame({"id": [], "sentence": [], "text": [], "score": []})
        return pd.concat(parts, ignore_index=True)

    # ---- which articles say the same thing ------------------------------------------------
    def similar(self, doc: Hashable | None = None, n: int = 5, *,
                top_n: int | None = None) -> pd.DataFrame:
        """Nearest documents by cosine similarity of their TF-IDF vectors.

        Parameters
        ----------
        doc : id, optional
            One document; None gives every document's neighbours, exactly (the same as
            the full product, scores to rounding) from an inverted index walked rarest
            term first that stops once no other document can reach a document's n-th
            best score (C++, both cores; never an n x n matrix).
        n : int, default 5
        top_n : int, optional
            Old name of ``n``.

        Returns
        -------
        pandas.DataFrame with columns ``id``, ``title``, ``rank``, ``similar_id``,
        ``similar_title``, ``score`` (titles only when known). Documents with no
        similar document (no shared term) have fewer rows.
        """
        n = int(top_n if top_n is not None else n)
        n = min(n, len(self) - 1)
        rows = np.arange(len(self)) if doc is None else np.array([self._position(doc)])
        cols = ["id", "rank", "similar_id", "score"]
        if n <= 0:
            return self._with_titles(pd.DataFrame({c: [] for c in cols}),
                                     [("id", "title"), ("similar_id", "similar_title")])
        ids_out, ranks, sims, scores = [], [], [], []
        # Every document: the exact top-n index (C++, rarest terms first with a running
        # n-th score; never the n x n product). One document: one sparse product row.
        index = self._neighbour_index(self.X) if doc is None else None
        with _progress(len(rows), "kotext: similar documents",
                       self.progress and doc is None) as bar:
            for start in range(0, len(rows), _BLOCK_ROWS):
                block = rows[start:start + _BLOCK_ROWS]
                if index is not None:
                    idx, sc = index.query(int(block[0]), int(block[-1]) + 1, n, -1)
                else:
                    nb = _similarity(self.X[block], self.X, top_n=n + 1, include_self=True)
                    idx, sc = nb.indices, nb.scores
                keep = (idx >= 0) & (idx != block[:, None]) & (sc > 0)
                # the n best that are not the document itself
                order = np.cumsum(keep, axis=1)
                keep &= order <= n
                r, k = np.nonzero(keep)
                ids_out.append(block[r])
                ranks.append(order[r, k])
                sims.append(idx[r, k])
                scores.append(sc[r, k])
                bar.update(len(block))
        df = pd.DataFrame({
            "id": self.ids[np.concatenate(ids_out)],
            "rank": np.concatenate(ranks).astype(np.int64),
            "similar_id": self.ids[np.concatenate(sims)],
            "score": np.concatenate(scores).astype(np.float64),
        })
        return self._with_titles(df, [("id", "title"), ("similar_id", "similar_title")])

    @staticmethod
    def _csr_arrays(X: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        X = _csr(X, "X")
        return (np.ascontiguousarray(X.indptr, dtype=np.int64),
                np.ascontiguousarray(X.indices, dtype=np.int32),
                np.ascontiguousarray(X.data, dtype=np.float64), int(X.shape[1]))

    @classmethod
    def _pair_index(cls, X: sp.csr_matrix, threshold: float) -> Any:
        return _core.CosinePairIndex(*cls._csr_arrays(X), float(threshold), -1)

    @classmethod
    def _neighbour_index(cls, X: sp.csr_matrix) -> Any:
        return _core.CosineNeighbourIndex(*cls._csr_arrays(X), -1)

    @staticmethod
    def _check_threshold(threshold: float) -> None:
        if not isinstance(threshold, (int, float, np.floating)) or not 0 < threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")

    def _pairs(self, threshold: float, desc: str, max_work: int = -1
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """Every pair of rows (a < b) with cosine >= threshold, block by block: exact when
        ``max_work`` < 0, else each row's search capped (pairs, rows that hit the cap)."""
        self._check_threshold(threshold)
        index = self._pair_index(self.X, threshold)
        a, b, s = [], [], []
        capped = 0
        with _progress(len(self), desc, self.progress) as bar:
            for start in range(0, len(self), _BLOCK_ROWS):
                pa, pb, ps, pc = index.query(start, start + _BLOCK_ROWS, -1, int(max_work))
                a.append(pa)
                b.append(pb)
                s.append(ps)
                capped += pc
                bar.update(min(_BLOCK_ROWS, len(self) - start))
        return np.concatenate(a), np.concatenate(b), np.concatenate(s), capped

    def _dated_pairs(self, threshold: float, days: float) -> tuple[np.ndarray, np.ndarray]:
        """Pairs with cosine >= threshold at most ``days`` apart, every date known: the
        dates cut into bins ``days`` wide, each bin searched with the next one only (a pair
        that close lies in one bin or two adjacent ones), so the work per article is bounded
        by the articles of its fortnight, not by the corpus."""
        d = self.dates.to_numpy()
        width = float(days) if days > 0 else 1.0
        bins = np.floor((d - d.min()) / np.timedelta64(1, "D") / width).astype(np.int64)
        order = np.argsort(bins, kind="stable")
        edges = np.searchsorted(bins[order], np.arange(int(bins.max()) + 2))
        a, b = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        with _progress(len(self), "kotext: stories", self.progress) as bar:
            for k in range(len(edges) - 1):
                here = order[edges[k]:edges[k + 1]]
                if not len(here):
                    continue
                rows = order[edges[k]:edges[min(k + 2, len(edges) - 1)]]
                pa, pb, _, _ = self._pair_index(self.X[rows], threshold).query(0, len(here), -1)
                a.append(rows[pa])
                b.append(rows[pb])
                bar.update(len(here))
        a_, b_ = np.concatenate(a), np.concatenate(b)
        keep = np.abs((d[a_] - d[b_]) / np.timedelta64(1, "D")) <= days
        return a_[keep], b_[keep]

    def duplicates(self, threshold: float = 0.8) -> pd.DataFrame:
        """Every pair of documents whose cosine similarity is at least ``threshold``.

        Exact: all pairs are found however many copies a story has (12 copies of an
        article give 66 pairs), without building the n x n similarity matrix (an inverted
        index over each document's rare terms, then exact verification; C++).

        Parameters
        ----------
        threshold : float in (0, 1], default 0.8

        Returns
        -------
        pandas.DataFrame with columns ``id_a``, ``title_a``, ``id_b``, ``title_b``,
        ``score`` (titles when known): each pair once, ``id_a`` before ``id_b`` in corpus
        order, most similar first. No pair gives an empty frame with these columns.

        Examples
        --------
        >>> import kotext
        >>> c = kotext.Corpus(["같은 기사 본문", "같은 기사 본문", "전혀 다른 내용"], ids=[1, 2, 3])
        >>> c.duplicates(0.9)[["id_a", "id_b"]].values.tolist()
        [[1, 2]]
        >>> c.duplicates(0.9).columns.tolist()
        ['id_a', 'id_b', 'score']
        """
        a, b, s, _ = self._pairs(threshold, "kotext: duplicates")
        order = np.lexsort((b, a, -s))
        df = pd.DataFrame({"id_a": self.ids[a[order]], "id_b": self.ids[b[order]],
                           "score": s[order]})
        return self._with_titles(df, [("id_a", "title_a"), ("id_b", "title_b")])

    def stories(self, threshold: float = STORY_THRESHOLD, *, days: float | None = STORY_DAYS,
                n_keywords: int = 5, max_work: int | None = STORY_WORK) -> pd.DataFrame:
        """Articles grouped into stories: the same event from several outlets or updates.

        Two articles are linked when their cosine is at least ``threshold`` (and, when both
        have dates, they are at most ``days`` apart); a story is a connected group of
        links. Every article is in exactly one story (one alone is a story of size 1).
        The links come from the thresholded pair index of :meth:`duplicates` (C++), with
        each article's search capped at ``max_work`` posting entries (rarest terms first),
        so that the work grows with the corpus, not with its square; the components are
        then taken over the sparse link graph (scipy, union-find order of work).

        Parameters
        ----------
        threshold : float, default STORY_THRESHOLD (0.4)
        days : float or None, default STORY_DAYS (7)
            None links articles regardless of dates. When every article has a date, only
            articles this close are compared at all (the search is cut into windows of
            dates: its work per article is bounded by its neighbours in time).
        n_keywords : int, default 5
        max_work : int or None, default STORY_WORK (20,000)
            For a corpus without dates (or ``days=None``): the cap on one article's search
            for links (see ``STORY_WORK``); None searches exhaustively, as
            :meth:`duplicates` does.

        Returns
        -------
        pandas.DataFrame, one row per story, largest first: ``story`` (0, 1, ...), ``size``,
        ``start`` and ``end`` (first and last date, NaT when unknown), ``id`` and ``title``
        of the representative article (the one closest to the story's centroid),
        ``keywords`` (the centroid's top terms, comma-separated) and ``ids`` (the members, in
        corpus order). ``df.explode("ids")`` maps articles to stories.
        ``df.attrs["capped"]``: articles whose search reached ``max_work``.

        Examples
        --------
        >>> import kotext
        >>> c = kotext.Corpus(["금리 인상 증시 하락", "금리 인상 증시 급락", "프로야구 개막"])
        >>> c.stories()[["size", "ids"]].values.tolist()
        [[2, [0, 1]], [1, [2]]]
        """
        from scipy.sparse.csgraph import connected_components

        self._check_threshold(threshold)
        if days is not None and not days >= 0:
            raise ValueError(f"days must be >= 0 or None, got {days!r}")
        capped = 0
        if days is not None and self.dates.notna().all():
            a, b = self._dated_pairs(threshold, days)
        else:
            a, b, _, capped = self._pairs(threshold, "kotext: stories",
                                          -1 if max_work is None else int(max_work))
            if days is not None and len(a):
                d = self.dates.to_numpy()
                gap = np.abs((d[a] - d[b]) / np.timedelta64(1, "D"))
                keep = ~(gap > days)  # NaN (a date unknown) keeps the link
                a, b = a[keep], b[keep]
        n = len(self)
        graph = sp.csr_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
        sizes = np.bincount(labels)
        # story order: largest first, then by first member
        first_member = np.full(len(sizes), n, dtype=np.int64)
        np.minimum.at(first_member, labels, np.arange(n))
        order = np.lexsort((first_member, -sizes))
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        story = rank[labels]
        k = len(sizes)
        G = sp.csr_matrix((np.ones(n), (story, np.arange(n))), shape=(k, n))
        C = sp.csr_matrix(G @ self.X)  # summed vectors: the centroid's direction
        # representative: the member closest to its story's centroid (ties: first member)
        # x_i . C[story_i], read off C at each stored entry of X by a sorted search of
        # (story, term) keys (C[story] itself would copy a large story's centroid once per
        # member; scipy's element-wise C[rows, cols] took minutes at 100k articles)
        X = self.X
        rows = np.repeat(np.arange(n), np.diff(X.indptr))
        C.sort_indices()
        n_terms = np.int64(C.shape[1])
        c_keys = np.repeat(np.arange(k, dtype=np.int64), np.diff(C.indptr)) * n_terms \
            + C.indices
        x_keys = story[rows].astype(np.int64) * n_terms + X.indices
        pos = np.minimum(np.searchsorted(c_keys, x_keys), max(len(c_keys) - 1, 0))
        at = np.where(c_keys[pos] == x_keys, C.data[pos], 0.0) if len(c_keys) else \
            np.zeros(len(x_keys))
        closeness = np.bincount(rows, weights=X.data * at, minlength=n)
        by_story = pd.DataFrame({"story": story, "row": np.arange(n), "c": closeness,
                                 "date": self.dates.to_numpy()})
        by_story = by_story.sort_values(["story", "c", "row"], ascending=[True, False, True],
                                        kind="stable")
        grouped = by_story.groupby("story", sort=True)
        best = grouped["row"].first().to_numpy()
        start = grouped["date"].min().reindex(range(k)).to_numpy()
        end = grouped["date"].max().reindex(range(k)).to_numpy()
        members = by_story.sort_values("row").groupby("story")["row"].apply(list)
        kw = self._top_terms(C, n_keywords, True)
        kws = kw.groupby("doc")["term"].apply(", ".join).reindex(range(k), fill_value="")
        df = pd.DataFrame({
            "story": np.arange(k),
            "size": sizes[order],
            "start": start,
            "end": end,
            "id": self.ids[best],
            "keywords": kws.to_numpy(),
            "ids": [list(self.ids[np.asarray(m)]) for m in members],
        })
        df = self._with_titles(df, [("id", "title")])
        df.attrs["capped"] = int(capped)
        return df

    def compare(self, a: Hashable, b: Hashable) -> pd.DataFrame:
        """Terms two documents share and terms only one of them has (see :func:`kotext.compare`)."""
        df = _compare(self.X, self._position(a), self._position(b), self.feature_names)
        df["term"] = self.display_terms(df["term"])
        return df

    # ---- which words go together -----------------------------------------------------------
    def related(self, term: str, n: int = 20, *, min_docs: int = 2,
                noise: bool = True) -> pd.DataFrame:
        """Terms that occur in the same documents as ``term`` more often than chance.

        Document-level association, as BigKinds' 연관어 analysis: for each other term w,
        the 2 x 2 table of documents with / without ``term`` and with / without w gives

        - ``llr``: Dunning's log-likelihood ratio G^2 (1993), the ranking measure (it does
          not reward rare terms seen once with the query, as PMI alone does);
        - ``pmi``: pointwise mutual information ``log2(P(term, w) / (P(term) P(w)))``.

        Only terms positively associated (seen together more often than expected) and in
        at least ``min_docs`` documents with ``term`` are listed.

        Returns
        -------
        pandas.DataFrame with columns ``term``, ``docs`` (documents with both), ``df``
        (documents with w), ``pmi``, ``llr``, sorted by llr. An unknown term gives an
        empty frame. ``df.attrs["docs"]`` is the number of documents with ``term``.

        Examples
        --------
        >>> import kotext
        >>> c = kotext.Corpus(["반도체 수출 증가", "반도체 수출 호조", "반도체 수출 감소",
        ...                    "야구 개막", "야구 관중", "날씨 맑음"])
        >>> c.related("반도체", min_docs=2)["term"].tolist()
        ['수출']
        """
        cols = ["term", "docs", "df", "pmi", "llr"]
        col = self._column(term)
        if col is None:
            out = pd.DataFrame({c: [] for c in cols})
            out.attrs["docs"] = 0
            return out
        B = self._presence
        N = float(len(self))
        with_term = B[:, col].toarray().ravel() > 0
        k11 = np.asarray(B[with_term].sum(axis=0)).ravel()
        dfw = self._df.astype(np.float64)
        a = float(with_term.sum())
        k12, k21 = a - k11, dfw - k11
        k22 = N - a - dfw + k11
        from scipy.special import xlogy

        def cell(k: np.ndarray, row: np.ndarray | float, col_: np.ndarray | float) -> np.ndarray:
            return xlogy(k, k * N / np.maximum(row * col_, 1e-300))

        llr = 2 * (cell(k11, a, dfw) + cell(k12, a, N - dfw)
                   + cell(k21, N - a, dfw) + cell(k22, N - a, N - dfw))
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log2(k11 * N / (a * dfw))
        keep = (k11 >= min_docs) & (k11 * N > a * dfw)
        keep[col] = False
        if noise:
            keep &= ~self._noise()
        idx = np.flatnonzero(keep)
        out = pd.DataFrame({"term": self.display_terms(self.feature_names[idx]),
                            "docs": k11[idx].astype(np.int64), "df": dfw[idx].astype(np.int64),
                            "pmi": pmi[idx], "llr": llr[idx]})
        out = out.sort_values(["llr", "docs"], ascending=False, kind="stable").head(n)
        out = out.reset_index(drop=True)
        out.attrs["docs"] = int(a)
        out.attrs["measure"] = "Dunning log-likelihood ratio over document co-occurrence"
        return out

    # ---- what distinguishes groups -------------------------------------------------------
    def contrast(self, group_a: Any, group_b: Any = None, *, top: int | None = 20,
                 prior: float = 100.0, by: str = "documents", noise: bool = True,
                 labels: tuple[str, str] = ("a", "b")) -> pd.DataFrame:
        """Terms that distinguish group A from group B (log-odds with a Dirichlet prior).

        Parameters
        ----------
        group_a, group_b : group (class Notes)
            ``group_b=None`` means every document not in A.
        top : int or None, default 20
            Rows per side: the ``top`` terms most typical of A and the ``top`` most typical
            of B (None: every term).
        prior : float, default 100.0
            Pseudo-counts of the informative prior (:func:`kotext.contrast`).
        by : {"documents", "counts"}, default "documents"
            ``"documents"`` counts each term once per document (document frequencies), so
            that one long article that repeats a word cannot dominate; ``"counts"`` uses
            raw token counts.
        noise : bool, default True
            Leave out numbers, single letters and surname shorthand.
        labels : (str, str), default ("a", "b")
            Values of the ``side`` column.

        Returns
        -------
        pandas.DataFrame with columns ``term``, ``side`` (``labels[0]`` for terms typical of
        A, ``labels[1]`` for B), ``count_a``, ``count_b`` (documents or tokens), ``share_a``,
        ``share_b`` (share of the group's documents with the term, for ``by="documents"``),
        ``log_odds``, ``z``; A's terms first (z descending), then B's (most typical first).
        """
        mask_a = self._mask(group_a, "group_a")
        mask_b = ~mask_a if group_b is None else self._mask(group_b, "group_b")
        if group_b is None and not mask_b.any():
            raise ValueError("group_b (every document not in group_a) has no documents")
        if by == "documents":
            M = self._presence
        elif by == "counts":
            M = self.counts
        else:
            raise ValueError(f"by must be 'documents' or 'counts', not {by!r}")
        return _analysis.contrast_table(
            np.asarray(M[mask_a].sum(axis=0)).ravel(), np.asarray(M[mask_b].sum(axis=0)).ravel(),
            int(mask_a.sum()), int(mask_b.sum()), self.feature_names,
            self._noise() if noise else None, self.display_terms, prior=prior, top=top, by=by,
            labels=labels)

    # ---- keywords over time ---------------------------------------------------------------
    def _periods(self, freq: str) -> pd.Series:
        if self.dates.isna().all():
            raise ValueError("this corpus has no dates: pass dates=... to Corpus()")
        return self.dates.dt.to_period(freq)

    def trend(self, terms: Sequence[str], freq: str = "M", *, measure: str = "share",
              share: bool | None = None) -> pd.DataFrame:
        """How much each term is used, period by period.

        Parameters
        ----------
        terms : sequence of str
            Terms (a term the corpus never uses gives a column of zeros).
        freq : str, default 'M'
            A pandas period frequency: 'D', 'W', 'M', 'Q', 'Y'.
        measure : {"share", "count", "weight"}, default "share"
            Share of the period's documents that use the term, number of such documents,
            or the term's summed TF-IDF weight.
        share : bool, optional
            Old switch: True is ``measure="share"``, False ``measure="count"``.

        Returns
        -------
        pandas.DataFrame indexed by period (every period from the first to the last date),
        one column per term as given. Documents without a date are left out.

        Examples
        --------
        >>> import kotext
        >>> c = kotext.Corpus(["수출 증가", "수출 감소", "야구 개막"],
        ...                   dates=["2024-01-05", "2024-02-01", "2024-02-03"])
        >>> c.trend(["수출", "반도체"], measure="count").values.tolist()
        [[1, 0], [1, 0]]
        """
        if share is not None:
            measure = "share" if share else "count"
        if measure not in ("share", "count", "weight"):
            raise ValueError(f"measure must be 'share', 'count' or 'weight', not {measure!r}")
        if isinstance(terms, str):
            raise TypeError("terms must be a list of str, not a single str")
        terms = list(terms)
        periods = self._periods(freq)
        dated = periods.notna().to_numpy()
        cols = [self._column(t) for t in terms]
        known = [c for c in cols if c is not None]
        M = self.X if measure == "weight" else self._presence
        sub = M[:, known][dated].toarray() if known else np.zeros((int(dated.sum()), 0))
        values = np.zeros((int(dated.sum()), len(terms)))
        j = 0
        for i, c in enumerate(cols):
            if c is not None:
                values[:, i] = sub[:, j]
                j += 1
        grouped = pd.DataFrame(values, columns=terms, index=periods[dated].array).groupby(level=0)
        sums = grouped.sum()
        return _analysis.trend_table(pd.PeriodIndex(sums.index), grouped.size().to_numpy(),
                                     sums.to_numpy(), terms, measure)

    def rising(self, freq: str = "M", *, top: int = 20, prior: float = 100.0) -> pd.DataFrame:
        """Terms typical of the latest period against all earlier ones (rising only).

        :meth:`contrast` of the last period's documents against the earlier ones, keeping
        the terms on the latest period's side; ``attrs["period"]`` names it.
        """
        return self._latest(freq, top, prior, "rising")

    def falling(self, freq: str = "M", *, top: int = 20, prior: float = 100.0) -> pd.DataFrame:
        """Terms typical of the earlier periods against the latest (falling only)."""
        return self._latest(freq, top, prior, "falling")

    def _latest(self, freq: str, top: int, prior: float, side: str) -> pd.DataFrame:
        periods = self._periods(freq)
        last = periods.max()
        latest = (periods == last).to_numpy()
        earlier = (periods < last).to_numpy()
        if not earlier.any():
            raise ValueError(f"{side}() needs documents from at least two periods")
        out = self.contrast(latest, earlier, top=None, prior=prior,
                            labels=("rising", "falling"))
        out = out[out["side"] == side].head(top).reset_index(drop=True)
        out.attrs["period"] = str(last)
        return out

    def emerging(self, freq: str = "W", window: int = 4, *, top: int = 20,
                 min_docs: int = 3, noise: bool = True) -> pd.DataFrame:
        """Terms whose share of documents jumps in the latest period: a burst score.

        For each term, its share of documents in each of the ``window`` periods before the
        latest gives a mean and a standard deviation; the burst is the z-score of the
        latest share against them, with the deviation floored by the binomial standard
        error of the latest share (so that a term steady at 0 does not get an infinite
        score from a couple of documents). Only rising terms (z > 0) are listed.

        Parameters
        ----------
        freq : str, default 'W'
        window : int, default 4
            Earlier periods that make the term's history (periods without documents
            count as zero use).
        top : int, default 20
        min_docs : int, default 3
            Documents of the latest period that must use the term.

        Returns
        -------
        pandas.DataFrame with columns ``term``, ``docs`` (latest period), ``share``,
        ``baseline`` (mean share before), ``burst`` (z-score), sorted by burst;
        ``attrs["period"]`` names the latest period.

        Examples
        --------
        >>> import kotext
        >>> texts = ["수출 실적"] * 4 + ["수출 실적 반도체"] * 3
        >>> dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"] + ["2024-01-29"] * 3
        >>> kotext.Corpus(texts, dates=dates).emerging("W", window=4)["term"].tolist()
        ['반도체']
        """
        if window < 1:
            raise ValueError("window must be >= 1")
        periods = self._periods(freq)
        last = periods.max()
        history = pd.period_range(end=last, periods=window + 1, freq=last.freq)
        B = self._presence
        rows = []
        sizes = []
        for p in history:
            m = (periods == p).to_numpy()
            sizes.append(int(m.sum()))
            rows.append(np.asarray(B[m].sum(axis=0)).ravel())
        return _analysis.emerging_table(np.vstack(rows), np.asarray(sizes), last,
                                        self.feature_names, self._noise() if noise else None,
                                        self.display_terms, top=top, min_docs=min_docs)

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

    def plot_stories(self, top: int = 10, **kw: Any) -> Any:
        """Bars of the largest :meth:`stories`; see :func:`kotext._plot.plot_stories`."""
        return _plot.plot_stories(self, top, **kw)
