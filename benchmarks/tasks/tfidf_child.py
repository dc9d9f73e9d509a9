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


def corpus(kind: str, target_mb: float) -> list[str]:
    """'distinct': knews8 once (each article once); 'repeated': knews8 repeated to target_mb."""
    texts, _ = c.knews8()
    if kind == "distinct" or target_mb < c.mb(texts):  # quick mode: a slice
        return texts[: max(1, int(len(texts) * min(1.0, target_mb / c.mb(texts))))]
    reps = -(-int(target_mb * 1e6) // int(c.mb(texts) * 1e6))
    return texts * reps


def prepare(name: str, kind: str, target_mb: float) -> dict:
    docs = corpus(kind, target_mb)
    return {"name": name, "docs": docs, "mb": c.mb(docs)}


def warm_up(state: dict) -> None:
    make(state["name"]).fit_transform(state["docs"][:50])


def run(state: dict) -> None:
    X = make(state["name"]).fit_transform(state["docs"])
    state["shape"], state["nnz"] = list(X.shape), int(X.nnz)


def describe(state: dict) -> dict:
    return {"docs": len(state["docs"]), "mb": state["mb"], "shape": state.get("shape"),
            "nnz": state.get("nnz")}
