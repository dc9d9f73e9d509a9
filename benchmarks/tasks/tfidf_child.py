"""The job one fresh process times for the TF-IDF speed table (see ``_common.peak_rss_child``)."""

from __future__ import annotations

from typing import Any

import _common as c


def make(name: str) -> Any:
    """An unfitted vectorizer by table name (the names of ``tasks.tfidf.VECTORIZERS``)."""
    if name.startswith("sklearn"):
        from peers import sklearn_peer

        return sklearn_peer.vectorizers()[name]()
    import kotext

    if name.startswith("kotext.sklearn"):
        import kotext.sklearn as ks

        kw = {"analyzer": "char_wb", "ngram_range": (2, 3)} if "char_wb" in name else {}
        return ks.TfidfVectorizer(**kw)
    n_jobs = 1 if "1 thread" in name else -1
    kw = {"analyzer": "char_wb", "ngram_range": (2, 3)} if "char_wb" in name else {}
    return kotext.TfidfVectorizer(n_jobs=n_jobs, **kw)


def corpus(kind: str, size: float) -> list[str]:
    """'distinct': news in which no text repeats (``_common.distinct_news``); 'second half':
    its odd documents, after a warm-up on its even ones (a process that has analysed other
    news before: a pipeline's next batch); 'slice': the
    first ``size`` knews8 articles; 'repeated': knews8 repeated to ``size`` MB (a slice of it
    when ``size`` is below knews8's size: quick mode)."""
    if kind == "distinct":
        return c.distinct_news()
    if kind == "second half":  # the odd documents; the warm-up fits the even ones
        return c.distinct_news()[1::2]
    texts, _ = c.knews8()
    if kind == "slice":
        return texts[:int(size)]
    if size < c.mb(texts):
        return texts[: max(1, int(len(texts) * size / c.mb(texts)))]
    reps = -(-int(size * 1e6) // int(c.mb(texts) * 1e6))
    return texts * reps


def prepare(name: str, kind: str, size: float) -> dict:
    docs = corpus(kind, size)
    warm = c.distinct_news()[0::2] if kind == "second half" else docs[:50]
    return {"name": name, "docs": docs, "mb": c.mb(docs), "warm": warm}


def warm_up(state: dict) -> None:
    make(state["name"]).fit_transform(state["warm"])


def run(state: dict) -> None:
    X = make(state["name"]).fit_transform(state["docs"])
    state["shape"], state["nnz"] = list(X.shape), int(X.nnz)


def describe(state: dict) -> dict:
    return {"docs": len(state["docs"]), "mb": state["mb"], "shape": state.get("shape"),
            "nnz": state.get("nnz")}
