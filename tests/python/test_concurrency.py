"""Many Python threads on shared fitted objects: the results equal the serial ones, and a
fit running while other threads use the object gives them the old or the new state, never
an error. `make test-tsan` runs this file against a ThreadSanitizer build."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import kotext
import numpy as np
from kotext.__main__ import sample_text

N_THREADS = 8
ROUNDS = 3


def corpus() -> list[str]:
    pages = [p.strip() for p in sample_text().split("----") if p.strip()]
    return [p + f"\n\n{i}번째 기사, 정부가 예산을 늘렸다…" for i, p in enumerate(pages * 4)]


def run_threads(fn, n=N_THREADS):
    """fn(k) on n threads started together; their results in order (errors re-raised)."""
    barrier = threading.Barrier(n)

    def task(k):
        barrier.wait()
        return [fn(k) for _ in range(ROUNDS)]

    with ThreadPoolExecutor(n) as pool:
        return [r for rounds in pool.map(task, range(n)) for r in rounds]


def test_shared_objects_give_the_serial_results():
    docs = corpus()
    tok = kotext.Tokenizer().fit(docs)
    vec = kotext.TfidfVectorizer().fit(docs)
    X = vec.transform(docs)
    expected = {
        "normalize": kotext.normalize(docs),
        "normalize_one": kotext.normalize(docs[0]),
        "tokenize": tok.tokenize(docs),
        "transform": vec.transform(docs).toarray(),
        "similarity": kotext.similarity(X, top_n=3),
        "sentences": kotext.split_sentences(docs),
    }

    def work(k):
        return {
            "normalize": kotext.normalize(docs, n_jobs=2),
            "normalize_one": kotext.normalize(docs[0]),
            "tokenize": tok.tokenize(docs, n_jobs=2),
            "transform": vec.transform(docs).toarray(),
            "similarity": kotext.similarity(X, top_n=3, n_jobs=2),
            "sentences": kotext.split_sentences(docs, n_jobs=2),
        }

    for got in run_threads(work):
        assert got["normalize"] == expected["normalize"]
        assert got["normalize_one"] == expected["normalize_one"]
        assert got["tokenize"] == expected["tokenize"]
        np.testing.assert_array_equal(got["transform"], expected["transform"])
        np.testing.assert_array_equal(got["similarity"].indices, expected["similarity"].indices)
        np.testing.assert_array_equal(got["similarity"].scores, expected["similarity"].scores)
        assert got["sentences"] == expected["sentences"]


def test_tokenizer_fit_while_others_tokenize():
    docs = corpus()
    old_corpus = ["뽀로롱이 왔다", "뽀로롱의 노래", "뽀로롱은 인기다", "뽀로롱을 만났다"] * 2
    new_corpus = docs + ["협의체가 출범", "협의체의 회의", "협의체는 예산", "협의체를 만든다"]
    old_tok = kotext.Tokenizer().fit(old_corpus, min_count=2)
    new_tok = kotext.Tokenizer().fit(new_corpus, min_count=2)
    old_nouns, new_nouns = old_tok.learned_nouns_, new_tok.learned_nouns_
    assert old_nouns != new_nouns
    text = docs[0]
    allowed = [old_tok.tokenize(text), new_tok.tokenize(text)]

    shared = kotext.Tokenizer().fit(old_corpus, min_count=2)
    stop = threading.Event()
    seen_nouns: list[dict] = []
    wrong: list[list[str]] = []
    errors: list[BaseException] = []

    def reader():
        while not stop.is_set():
            try:
                tokens = shared.tokenize(text)
                seen_nouns.append(shared.learned_nouns_)
            except BaseException as e:  # noqa: BLE001 - any error fails the test below
                errors.append(e)
                return
            if tokens not in allowed:
                wrong.append(tokens)

    readers = [threading.Thread(target=reader) for _ in range(N_THREADS - 1)]
    for t in readers:
        t.start()
    try:
        for k in range(6):
            shared.fit(new_corpus if k % 2 == 0 else old_corpus, min_count=2)
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert not errors, errors[0]
    # Each reader saw one whole fit, the old or the new, never a mix or a broken state.
    assert not wrong
    assert seen_nouns and all(n == old_nouns or n == new_nouns for n in seen_nouns)
    assert shared.learned_nouns_ == old_nouns  # the last fit was on the old corpus


def fit_while_others_transform(params, corpora, probe):
    """Outcomes of transforms (True: equal to one fit's result) run by N_THREADS - 1 threads
    while this one re-fits a shared vectorizer on the corpora in turn."""
    fits = [kotext.TfidfVectorizer(**params).fit(c) for c in corpora]
    allowed = [f.transform(probe).toarray() for f in fits]
    assert allowed[0].shape != allowed[1].shape
    shared = kotext.TfidfVectorizer(**params).fit(corpora[0])
    stop = threading.Event()
    outcomes: list = []

    def reader():
        while not stop.is_set():
            try:
                X = shared.transform(probe).toarray()
            except BaseException as e:  # noqa: BLE001 - any error fails the test
                outcomes.append(e)
                return
            outcomes.append(any(X.shape == a.shape and np.array_equal(X, a) for a in allowed)
                            or X)

    readers = [threading.Thread(target=reader) for _ in range(N_THREADS - 1)]
    for t in readers:
        t.start()
    try:
        for k in range(4):  # ends on corpora[0]
            shared.fit(corpora[(k + 1) % 2])
    finally:
        stop.set()
        for t in readers:
            t.join()
    np.testing.assert_array_equal(shared.transform(probe).toarray(), allowed[0])
    return outcomes


def test_vectorizer_fit_while_others_transform():
    # One thread re-fits a shared TfidfVectorizer on two corpora in turn (different
    # vocabularies, sizes and idf) while the others transform: each transform equals the
    # old fit's or the new fit's, never an error or a mix (new vocabulary, old idf).
    docs = corpus()
    corpora = [docs[: len(docs) // 2], docs[len(docs) // 3:] + ["협의체가 출범했다"] * 3]
    probe = docs[:6] + ["협의체가 출범했다", "정부가 예산을 늘렸다"]
    for params in ({}, {"weighting": "bm25"}):  # BM25: avgdl_ is part of the fitted state
        outcomes = fit_while_others_transform(params, corpora, probe)
        bad = [o for o in outcomes if o is not True]
        assert outcomes and not bad, (params, bad[0] if bad else None)
