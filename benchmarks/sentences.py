"""Sentence splitting: quality and speed of kotext.split_sentences against Kiwi and KSS.

Run standalone from the repository root::

    .venv/bin/python benchmarks/sentences.py [--quick] [--no-peers]

Data (never copied into the repository) is read from ``../shared/data``:

* ``sentences/kiwipiepy/*.txt``: gold sentences, one per line, documents separated by a
  blank line; a document's input is ``''.join(lines)``.
* ``news/sci-news-sum/*.json``: human-split news sentences, input ``' '.join(sentences)``.
* ``sentences/ud-ko-gsd-test-sentences.txt``: single sentences that must stay whole.

Scores follow the definitions of kiwipiepy's ``benchmark/sentence_split/sentence_split.py``:
per gold sentence, EM (an identical predicted span) and F1 (the best dice overlap of
character spans with all whitespace removed, each predicted sentence used for at most one
gold sentence, greedily by score); normalized F1 multiplies a document's F1 values by
``min(1, n_gold / n_pred)``. Averages are over gold sentences ("overall" pools every set;
"macro" is the mean of the per-set figures).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))
KIWI_SETS = os.path.join(DATA, "sentences", "kiwipiepy")
SCI_NEWS = os.path.join(DATA, "news", "sci-news-sum")
UD_FILE = os.path.join(DATA, "sentences", "ud-ko-gsd-test-sentences.txt")

Splitter = Callable[[str], list]
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------------------
# Data


def load_blocks(path: str) -> Iterator[tuple[str, list[str]]]:
    """Yield (input text, gold sentences) per blank-line-separated block of a gold file."""
    lines: list[str] = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if line:
                lines.append(line)
            else:
                yield "".join(lines), lines
                lines = []
    if lines:
        yield "".join(lines), lines


def load_sets() -> dict[str, list[tuple[str, list[str]]]]:
    """All gold sets by name: the kiwipiepy sets, then sci-news-sum."""
    sets: dict[str, list[tuple[str, list[str]]]] = {}
    for path in sorted(glob.glob(os.path.join(KIWI_SETS, "*.txt"))):
        sets[os.path.basename(path)[:-4]] = list(load_blocks(path))
    news = []
    for path in sorted(glob.glob(os.path.join(SCI_NEWS, "*.json"))):
        with open(path, encoding="utf-8") as f:
            sents = [s for s in json.load(f)["sentences"] if s.strip()]
        news.append((" ".join(sents), sents))
    if news:
        sets["sci-news-sum"] = news
    return sets


def load_ud() -> list[str]:
    with open(UD_FILE, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f if line.strip()]


# --------------------------------------------------------------------------------------
# Scoring (the definitions of kiwipiepy's benchmark, written out again here)


def _locate(full: str, pred: list[str]) -> list[tuple[int, int]]:
    """Place each predicted sentence (whitespace removed) in the gold string, in order."""
    spans = []
    offset = 0
    for p in pred:
        p = _WS.sub("", p)
        begin = full.find(p, offset)
        if begin >= 0:
            end = begin + len(p)
        else:  # the splitter changed the text: align with difflib, as the reference does
            ops = SequenceMatcher(a=full[offset:], b=p).get_opcodes()
            first = next(k for k, op in enumerate(ops) if op[0] != "delete")
            last = len(ops) - 1 - next(k for k, op in enumerate(reversed(ops)) if op[0] != "delete")
            begin, end = offset + ops[first][1], offset + ops[last][2]
        spans.append((begin, end))
        offset = end
    return spans


def score_document(gold: list[str], pred: list[str]) -> tuple[list[float], list[int]]:
    """Per gold sentence: best F1 and exact match (1/0)."""
    full = "".join(_WS.sub("", g) for g in gold)
    gold_spans = []
    offset = 0
    for g in gold:
        length = len(_WS.sub("", g))
        gold_spans.append((offset, offset + length))
        offset += length
    pred_spans = _locate(full, pred)
    f1 = [0.0] * len(gold)
    em = [0] * len(gold)
    candidates: list[tuple[float, int, int]] = []
    by_pred: list[list[int]] = [[] for _ in pred]
    first = 0
    for p, (pb, pe) in enumerate(pred_spans):
        overlapped = False
        for g in range(first, len(gold)):
            gb, ge = gold_spans[g]
            if (pb, pe) == (gb, ge):
                f1[g], em[g] = 1.0, 1
                break
            lo, hi = max(pb, gb), min(pe, ge)
            if lo < hi:
                candidates.append((2 * (hi - lo) / ((ge - gb) + (pe - pb)), g, p))
                by_pred[p].append(len(candidates) - 1)
                overlapped = True
            elif overlapped:
                break
            else:
                first += 1
    # Greedy assignment: the best remaining overlap first; a predicted sentence counts once.
    while candidates:
        best = max(candidates)
        if len(best) < 3:
            break
        s, g, p = best
        f1[g] = max(f1[g], s)
        for k in by_pred[p]:
            candidates[k] = (0,)  # type: ignore[assignment]
    return f1, em


def evaluate(docs: list[tuple[str, list[str]]], split: Splitter) -> dict[str, float]:
    em: list[int] = []
    f1: list[float] = []
    nf1: list[float] = []
    n_pred = 0
    for text, gold in docs:
        pred = split(text)
        s, e = score_document(gold, pred)
        penalty = min(len(gold) / len(pred), 1.0) if pred else 0.0
        em += e
        f1 += s
        nf1 += [x * penalty for x in s]
        n_pred += len(pred)
    n = len(f1)
    return {"gold": n, "pred": n_pred, "em_sum": sum(em), "f1_sum": sum(f1),
            "nf1_sum": sum(nf1), "EM": sum(em) / n, "F1": sum(f1) / n, "NF1": sum(nf1) / n}


def ud_whole_rate(sentences: list[str], split: Splitter) -> float:
    return sum(len(split(s)) == 1 for s in sentences) / len(sentences)


# --------------------------------------------------------------------------------------
# Systems


def _kss_split_all(texts: list[str]) -> list[list[str]]:
    import kss

    return [list(kss.split_sentences(t)) for t in texts]


def predict_in_subprocess(texts: list[str], fn, budget: float) -> list[list[str]] | None:
    """Run a slow peer over many texts in a worker process; None when over budget."""
    import multiprocessing as mp

    with mp.get_context("fork").Pool(1) as pool:
        job = pool.apply_async(fn, (texts,))
        try:
            return job.get(timeout=budget)
        except mp.TimeoutError:
            pool.terminate()
            return None


def evaluate_in_subprocess(docs, fn, budget: float) -> dict[str, float] | None:
    preds = predict_in_subprocess([t for t, _ in docs], fn, budget)
    if preds is None:
        return None
    it = iter(preds)
    return evaluate(docs, lambda _text: next(it))


def systems(use_peers: bool) -> dict[str, tuple[Splitter, Callable[[list[str]], list] | None]]:
    """name -> (one-text splitter, optional batch splitter)."""
    import kotext

    out: dict[str, tuple[Splitter, Callable[[list[str]], list] | None]] = {
        "kotext": (kotext.split_sentences, kotext.split_sentences),
        "regex .!? baseline": (lambda t: re.split(r"(?<=[.!?])\s", t), None),
    }
    if not use_peers:
        return out
    from peers import kiwi_peer  # the adapter of run_all.py's sentence task

    if (why := kiwi_peer.unavailable()) is None:
        kiwi_peer.split_sentences("워밍업입니다.")
        out["kiwipiepy " + _version("kiwipiepy")] = (kiwi_peer.split_sentences, None)
    else:
        print(f"note: kiwipiepy skipped ({why})")
    try:
        import kss

        def kss_split(t: str) -> list[str]:
            return list(kss.split_sentences(t))

        kss_split("워밍업입니다. 두번째 문장입니다.")
        # KSS runs in a worker process with a time budget per set (see quality_table).
        out["kss " + _version("kss")] = (kss_split, None)
    except Exception as err:  # noqa: BLE001 - an optional peer may fail in any way
        print(f"note: kss skipped ({type(err).__name__}: {str(err)[:120]})")
    return out


def _version(dist: str) -> str:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # noqa: BLE001
        return "?"


# --------------------------------------------------------------------------------------
# Report


def quality_table(sets, names_splitters, kss_budget: float = 300.0):
    results: dict[str, dict[str, dict[str, float] | None]] = {}
    for name, (split, _) in names_splitters.items():
        results[name] = {}
        t0 = time.perf_counter()
        for set_name, docs in sets.items():
            if name.startswith("kss"):
                results[name][set_name] = evaluate_in_subprocess(docs, _kss_split_all, kss_budget)
            else:
                results[name][set_name] = evaluate(docs, split)
        print(f"  scored {name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return results


def print_quality(sets, results) -> None:
    kiwi_names = [s for s in sets if s != "sci-news-sum"]
    header = f"| system | {' | '.join(sets)} | overall (kiwipiepy sets) | macro |"
    print("Normalized F1 per set (EM / F1 / NF1 for the overall column):\n")
    print(header, flush=True)
    print("|" + "---|" * (len(sets) + 3))
    for name, per in results.items():
        cells = [f"{per[s]['NF1']:.3f}" if per[s] else "n/a" for s in sets]
        if any(per[s] is None for s in kiwi_names):
            done = [s for s in kiwi_names if per[s]]
            macro = statistics.mean(per[s]["NF1"] for s in done) if done else float("nan")
            print(f"| {name} | {' | '.join(cells)} | n/a (over time budget) | "
                  f"{macro:.3f} over {len(done)} sets |")
            continue
        n = sum(per[s]["gold"] for s in kiwi_names)
        em = sum(per[s]["em_sum"] for s in kiwi_names) / n
        f1 = sum(per[s]["f1_sum"] for s in kiwi_names) / n
        nf1 = sum(per[s]["nf1_sum"] for s in kiwi_names) / n
        macro = statistics.mean(per[s]["NF1"] for s in kiwi_names)
        print(f"| {name} | {' | '.join(cells)} | {em:.3f} / {f1:.3f} / **{nf1:.3f}** | {macro:.3f} |")
    print()


def overall_nf1(per: dict[str, dict[str, float]]) -> float:
    names = [s for s in per if s != "sci-news-sum"]
    return sum(per[s]["nf1_sum"] for s in names) / sum(per[s]["gold"] for s in names)


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def speed(names_splitters, texts: list[str], repeat: int) -> None:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"Speed on {len(texts)} texts, {mb:.2f} MB (median of {repeat} runs; shared 2-core "
          "machine, timings are noisy):\n")
    print("| system | seconds | MB/s | vs kiwipiepy |")
    print("|---|---|---|---|")
    rows = []
    for name, (split, batch) in names_splitters.items():
        if name.startswith("kss"):
            continue  # far too slow for the speed corpus; its quality is in the table above
        r = max(1, repeat // 2) if name.startswith("kiwipiepy") else repeat
        sec = median_time(lambda split=split: [split(t) for t in texts], r)
        rows.append((name + " (one call per text)", sec))
        if batch is not None:
            rows.append((name + " (one batch call, n_jobs=-1)", median_time(lambda batch=batch: batch(texts), repeat)))
    kiwi = next((s for n, s in rows if n.startswith("kiwipiepy")), None)
    for name, sec in rows:
        ratio = f"{kiwi / sec:.1f}x" if kiwi else "-"
        print(f"| {name} | {sec:.4f} | {mb / sec:.3g} | {ratio} |")
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-peers", action="store_true", help="only kotext and the regex baseline")
    ap.add_argument("--quick", action="store_true", help="fewer timing runs")
    ap.add_argument("--kss-budget", type=float, default=300.0,
                    help="seconds KSS may take per set before it is reported as n/a")
    args = ap.parse_args(argv)
    if not os.path.isdir(KIWI_SETS):
        print(f"data not found at {DATA}; nothing to measure")
        return 0
    sets = load_sets()
    names_splitters = systems(not args.no_peers)

    # Outputs must agree with the input before anything is timed: kotext never alters text.
    import kotext

    for docs in sets.values():
        for text, _ in docs:
            sents, offs = kotext.split_sentences(text), kotext.split_sentences(text, return_offsets=True)
            assert [text[s.start:s.end] for s in offs] == sents, "offsets do not round-trip"
            assert _WS.sub("", "".join(sents)) == _WS.sub("", text), "text altered"

    results = quality_table(sets, names_splitters, args.kss_budget)
    print_quality(sets, results)

    ud = load_ud()
    print(f"UD Korean GSD test: share of {len(ud)} single sentences kept whole:\n")
    print("| system | kept whole |")
    print("|---|---|")
    for name, (split, _) in names_splitters.items():
        if name.startswith("kss"):
            preds = predict_in_subprocess(ud, _kss_split_all, args.kss_budget)
            kept = f"{sum(len(p) == 1 for p in preds) / len(ud):.3f}" if preds else "n/a (over budget)"
            print(f"| {name} | {kept} |")
            continue
        print(f"| {name} | {ud_whole_rate(ud, split):.3f} |")
    print()

    texts = [t for docs in sets.values() for t, _ in docs] + ud
    reps = 3 if args.quick else 5
    # Repeat the corpus so that one timed run is long enough to measure.
    speed(names_splitters, texts * 3, reps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
