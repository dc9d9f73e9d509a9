"""Tokenizer quality and speed: kotext against Kiwi (kiwipiepy) on knews8.

Quality: Kiwi's nouns (NNG, NNP tags) are the reference. kotext's content tokens are its
Hangul tokens with stopwords off (Kiwi tags 기자, 뉴스 ... as nouns too). Precision, recall
and F1 count token multisets per document, summed over the corpus ("overall") and
averaged over documents ("per doc"). Two references are scored:

- strict: each Kiwi noun is one token (Kiwi splits compounds: 패션산업 -> 패션 + 산업);
- compound: Kiwi nouns that touch each other in the text are joined first
  (패션 + 산업 -> 패션산업), the unit kotext emits per eojeol.

kotext is scored unfitted (built-in rules only), fitted on the corpus itself
(``Tokenizer.fit``), fitted on the other half of a 2-fold split (no document is
tokenized by a model that learned from it), and fitted with ``split_compounds=True``
(compounds split into known nouns, the unit of the strict reference).

Speed: the same texts, the same thread count, medians of >= 5 runs; MB/s counts UTF-8
input bytes. The machine is shared (2 cores, several users): timings are noisy.

Content tokens on human gold (``--ud``): the UD Korean dev splits scored with
``../shared/tools/content_tokens.py`` (the definition is in ../shared/data/README.md), for
kotext's dictionary backend (the default), its rule backend, and MeCab-ko / Kiwi when
installed, on the whole split and on its two halves apart (the first half was used to
choose the dictionary backend's analysis contexts, the second is held out), then the
error classes of issue 10 counted by ``benchmarks/tokenizer_errors.py``.

Speed also shows the first pass over the corpus in a fresh process (every distinct
eojeol analysed by the dictionary once), then the medians of repeated runs, which reuse
the word memo.

Run: ``.venv/bin/python benchmarks/tokenizer.py [--runs 5] [--limit N] [--ud]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import _common as common
import kotext

ROOT = Path(__file__).resolve().parent.parent
NOUN_TAGS = {"NNG", "NNP"}


def is_hangul(s: str) -> bool:
    return bool(s) and all("\uac00" <= c <= "\ud7a3" for c in s)


def load(limit: int | None) -> list[str]:
    try:
        docs, _ = common.knews8(sep="\n\n")
    except FileNotFoundError as err:
        sys.exit(str(err))
    return docs[:limit] if limit else docs


def kiwi_reference(kiwi, docs: list[str]) -> tuple[list[Counter], list[Counter]]:
    strict, compound = [], []
    for toks in kiwi.tokenize(docs):
        nouns = [t for t in toks if t.tag in NOUN_TAGS and is_hangul(t.form)]
        strict.append(Counter(t.form for t in nouns))
        joined: list[str] = []
        last_end = -1
        for t in nouns:
            if joined and t.start == last_end:
                joined[-1] += t.form
            else:
                joined.append(t.form)
            last_end = t.start + t.len
        compound.append(Counter(joined))
    return strict, compound


def kotext_content(tok: kotext.Tokenizer, docs: list[str]) -> list[Counter]:
    out = []
    for toks in tok.tokenize(docs, return_offsets=True):
        out.append(Counter(t.text for t in toks if t.type == "hangul"))
    return out


def prf(pred: list[Counter], ref: list[Counter]) -> dict[str, float]:
    tp = fp = fn = 0
    per_doc = []
    for p, r in zip(pred, ref):
        t = sum((p & r).values())
        np_, nr = sum(p.values()), sum(r.values())
        tp, fp, fn = tp + t, fp + np_ - t, fn + nr - t
        if np_ and nr:
            pp, rr = t / np_, t / nr
            per_doc.append(2 * pp * rr / (pp + rr) if pp + rr else 0.0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"P": precision, "R": recall, "F1": f1,
            "F1/doc": statistics.mean(per_doc) if per_doc else 0.0}


CPU_TIMES: dict[int, float] = {}


def timed(fn, runs: int) -> float:
    """Median wall time (``_common.timed``, no warm-up); the median process CPU time goes to
    CPU_TIMES[id(fn)]."""
    r = common.timed(fn, runs, warmup=0)
    CPU_TIMES[id(fn)] = r["cpu"]
    return r["seconds"]


def ud_quality() -> None:
    """Content-token P/R/F1 on the UD dev splits, whole and by halves."""
    tools = ROOT.parent / "shared" / "tools"
    data = ROOT.parent / "shared" / "data" / "ud"
    if not (tools / "content_tokens.py").exists():
        print(f"(no {tools / 'content_tokens.py'}: UD scores skipped)")
        return
    sys.path.insert(0, str(tools))
    import content_tokens as ct

    def kotext_system(backend: str):
        def make(texts):
            tok = kotext.Tokenizer(stopwords=None, keep_numbers=True, backend=backend, n_jobs=1)
            return (lambda: tok.tokenize(texts, return_offsets=True),
                    lambda res: [[(t.text, t.start, t.end) for t in toks] for toks in res])
        return make

    def peer(name: str):
        def make(texts):
            call, convert, _info = ct.get_system(name, texts, 1)
            return call, convert
        return make

    systems = {"kotext (dictionary)": kotext_system("kotext"),
               "kotext backend='rules'": kotext_system("rules"),
               "MeCab-ko (python-mecab-ko)": peer("mecab"), "Kiwi": peer("kiwi")}
    print("Content tokens on UD dev (F1; halves: first = used for tuning, second = held out)")
    print(f"| {'system':<28} | {'split':<9} | {'P':>5} | {'R':>5} | {'F1':>5} | "
          f"{'F1 1st':>6} | {'F1 2nd':>6} | {'exact':>5} |")
    print(f"|{'-' * 30}|{'-' * 11}|{'-' * 7}|{'-' * 7}|{'-' * 7}|{'-' * 8}|{'-' * 8}|{'-' * 7}|")
    for split in ("gsd-dev", "kaist-dev"):
        sents = ct.read_sentences(split, str(data))
        texts = [x.text for x in sents]
        half = len(sents) // 2
        for name, make in systems.items():
            try:
                call, convert = make(texts)
            except ImportError as err:
                print(f"| {name:<28} | {split:<9} | (not installed: {err})")
                continue
            preds = convert(call())
            a, b1, b2 = (ct.score(sents, preds), ct.score(sents[:half], preds[:half]),
                         ct.score(sents[half:], preds[half:]))
            print(f"| {name:<28} | {split:<9} | {a['P']:.3f} | {a['R']:.3f} | {a['F1']:.3f} | "
                  f"{b1['F1']:>6.3f} | {b2['F1']:>6.3f} | {a['exact']:.3f} |")
    print()
    # the error classes of issue 10 (benchmarks/tokenizer_errors.py), by halves
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import tokenizer_errors

    print("Error classes of the dictionary backend (benchmarks/tokenizer_errors.py)")
    tokenizer_errors.main([])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None, help="use the first N documents")
    ap.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--core", action="store_true",
                    help="also time the C++ tokenizer alone (builds benchmarks/tokenize_core.cpp)")
    ap.add_argument("--ud", action="store_true",
                    help="also score content tokens on the UD dev splits (../shared/data/ud)")
    args = ap.parse_args(argv)
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        sys.exit("kiwipiepy is needed for this benchmark: pip install kiwipiepy")
    import kiwipiepy

    docs = load(args.limit)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    print(f"knews8-train: {len(docs)} documents, {nbytes / 1e6:.2f} MB UTF-8; "
          f"kotext {kotext.__version__}, kiwipiepy {kiwipiepy.__version__}, "
          f"{os.cpu_count()} cores (shared, timings are noisy)\n")

    # the first pass, before anything else warmed the dictionary's word memo
    c0, t0 = time.process_time(), time.perf_counter()
    kotext.Tokenizer(n_jobs=1).tokenize(docs)
    cold_wall, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"first pass, one thread, fresh word memo: {cold_wall:.2f} s wall "
          f"({nbytes / 1e6 / cold_wall:.2f} MB/s), {cold_cpu:.2f} s CPU "
          f"({nbytes / 1e6 / cold_cpu:.2f} MB/s per CPU-second)\n")
    if args.ud:
        ud_quality()

    kiwi1 = Kiwi(num_workers=1)
    strict, compound = kiwi_reference(kiwi1, docs)

    # -- quality ------------------------------------------------------------------
    base = {"stopwords": None}
    unfitted = kotext.Tokenizer(**base)
    fitted = kotext.Tokenizer(**base).fit(docs)
    half = len(docs) // 2
    idx_a = list(range(0, len(docs), 2))
    idx_b = list(range(1, len(docs), 2))
    fold_a = kotext.Tokenizer(**base).fit([docs[i] for i in idx_b])  # tokenizes idx_a
    fold_b = kotext.Tokenizer(**base).fit([docs[i] for i in idx_a])
    cross: list[Counter] = [Counter()] * len(docs)
    for i, c in zip(idx_a, kotext_content(fold_a, [docs[i] for i in idx_a])):
        cross[i] = c
    for i, c in zip(idx_b, kotext_content(fold_b, [docs[i] for i in idx_b])):
        cross[i] = c
    del half
    split = kotext.Tokenizer(split_compounds=True, **base).fit(docs)
    variants = {
        "kotext (dictionary)": kotext_content(unfitted, docs),
        "kotext backend='rules'": kotext_content(kotext.Tokenizer(backend="rules", **base), docs),
        "kotext fit on corpus": kotext_content(fitted, docs),
        "kotext fit, 2-fold": cross,
        "kotext fit, split_compounds": kotext_content(split, docs),
    }
    print("Quality vs Kiwi nouns (NNG+NNP, Hangul), token multisets per document")
    print(f"| {'tokenizer':<28} | {'reference':<9} | {'P':>5} | {'R':>5} | {'F1':>5} | {'F1/doc':>6} |")
    print(f"|{'-' * 30}|{'-' * 11}|{'-' * 7}|{'-' * 7}|{'-' * 7}|{'-' * 8}|")
    for name, pred in variants.items():
        for ref_name, ref in (("strict", strict), ("compound", compound)):
            m = prf(pred, ref)
            print(f"| {name:<28} | {ref_name:<9} | {m['P']:.3f} | {m['R']:.3f} | {m['F1']:.3f} | "
                  f"{m['F1/doc']:.3f} |")
    print(f"learned nouns: {len(fitted.learned_nouns_)}")

    # -- speed ----------------------------------------------------------------------
    # outputs must agree before timing: the batch call returns one result per input and
    # equals the single-text calls.
    tok = kotext.Tokenizer()
    batch = tok.tokenize(docs, n_jobs=args.threads)
    assert len(batch) == len(docs)
    assert all(batch[i] == tok.tokenize(docs[i]) for i in range(0, len(docs), 97))
    print(f"\nSpeed (median of {args.runs} runs; input {nbytes / 1e6:.2f} MB)")
    print("(wall = elapsed seconds; cpu = process CPU seconds, steadier on a loaded machine;"
          " MB/s per CPU-second = input MB / cpu)")
    print(f"| {'tokenizer':<34} | {'threads':>7} | {'wall s':>8} | {'MB/s':>7} | "
          f"{'MB/s/core':>9} | {'cpu s':>7} | {'MB/cpu-s':>8} | {'vs Kiwi':>7} |")
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 10}|{'-' * 9}|{'-' * 11}|{'-' * 9}|{'-' * 10}|{'-' * 9}|")
    thread_counts = sorted({1, args.threads})
    for threads in thread_counts:
        kiwi = Kiwi(num_workers=threads) if threads > 1 else kiwi1
        kiwi_runs = max(3, args.runs // 2) if len(docs) > 500 else args.runs
        plain = kotext.Tokenizer(normalize=False)
        rules = kotext.Tokenizer(backend="rules")
        fns = [
            (f"kiwipiepy Kiwi.tokenize ({kiwi_runs} runs)",
             lambda kiwi=kiwi: list(kiwi.tokenize(docs)), kiwi_runs),
            ("kotext.Tokenizer (strings)",
             lambda threads=threads: tok.tokenize(docs, n_jobs=threads), args.runs),
            ("kotext.Tokenizer (offsets, types)",
             lambda threads=threads: tok.tokenize(docs, n_jobs=threads, return_offsets=True),
             args.runs),
            ("kotext, no normalization",
             lambda threads=threads, plain=plain: plain.tokenize(docs, n_jobs=threads),
             args.runs),
            ("kotext backend='rules'",
             lambda threads=threads, rules=rules: rules.tokenize(docs, n_jobs=threads),
             args.runs),
        ]
        rows = [(name, timed(fn, runs), CPU_TIMES[id(fn)]) for name, fn, runs in fns]
        t_kiwi = rows[0][1]
        for name, t, cpu in rows:
            mbs = nbytes / 1e6 / t
            print(f"| {name:<34} | {threads:>7} | {t:>8.3f} | {mbs:>7.2f} | {mbs / threads:>9.2f} | "
                  f"{cpu:>7.3f} | {nbytes / 1e6 / cpu:>8.2f} | {t_kiwi / t:>6.1f}x |")
    t_fit = timed(lambda: kotext.Tokenizer().fit(docs), args.runs)
    print(f"\nTokenizer.fit on the corpus: {t_fit:.3f} s median ({nbytes / 1e6 / t_fit:.2f} MB/s)")
    if args.core:
        core_benchmark(docs, args.runs)
    return 0


def core_benchmark(docs: list[str], runs: int) -> None:
    """Build benchmarks/tokenize_core.cpp against build/release/libkotext_core.a and run it."""
    import subprocess
    import tempfile

    lib = ROOT / "build" / "release" / "libkotext_core.a"
    if not lib.exists():
        print(f"\n(no {lib}: run `make test-cpp` first for the C++-only figure)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "docs.bin"
        data.write_bytes(b"\0".join(d.encode("utf-8") for d in docs))
        exe = Path(tmp) / "tokenize_core"
        subprocess.run(["g++", "-O2", "-std=c++17", f"-I{ROOT / 'cpp' / 'include'}",
                        str(ROOT / "benchmarks" / "tokenize_core.cpp"), str(lib), "-lutf8proc",
                        "-lmecab", "-lpthread", "-o", str(exe)], check=True)
        print()
        subprocess.run([str(exe), str(data), str(max(runs, 5))], check=True)


if __name__ == "__main__":
    sys.exit(main())
