"""Memory, scaling and Ctrl-C latency of the long calls (issue 15's hardening checks).

Each measurement runs in a fresh subprocess, so peak RSS (``ru_maxrss``) belongs to that
one call:

* peak RSS of ``normalize`` / ``tokenize`` / ``TfidfVectorizer.fit_transform`` on one
  document of ``--mb`` MB (UTF-8), as a multiple of the document's size, both for the whole
  process (input included) and for the call alone (peak minus the RSS just before it);
* one str through ``normalize`` against the same text as a list of paragraphs;
* ``similarity(X, top_n=5)`` on 10^5 and 10^6 rows (linear means 10x the time);
* Ctrl-C latency: ``_thread.interrupt_main`` fires 0.2 s into a long call; the delay from
  the interrupt to the KeyboardInterrupt reaching Python.

The text is real news (``../shared/data/news/knews8-train.jsonl``, repeated) or, without
``../shared``, the shipped sample pages. The machine is shared: timings are noisy.

Run: ``.venv/bin/python benchmarks/hardening.py [--mb 100]``
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KNEWS = ROOT.parent / "shared" / "data" / "news" / "knews8-train.jsonl"

CHILD = r'''
import json, resource, sys, time, _thread, threading
from pathlib import Path
import kotext

def rss_mb():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 1e6

def text_of(mb):
    knews = Path(sys.argv[3])
    if knews.exists():
        rows = [json.loads(l) for l in knews.open(encoding="utf-8")][:3000]
        base = "\n\n".join(r["title"] + "\n" + r["body"] for r in rows)
    else:
        from kotext.__main__ import sample_text
        base = sample_text()
    reps = max(1, int(mb * 1e6 / len(base.encode())) + 1)
    return (base + "\n\n") * reps

task, mb = sys.argv[1], float(sys.argv[2])
out = {"task": task}
if task in ("normalize", "tokenize", "fit_transform", "normalize_list"):
    doc = text_of(mb)
    size = len(doc.encode()) / 1e6
    paragraphs = doc.split("\n\n") if task == "normalize_list" else None
    before = rss_mb()
    t = time.perf_counter()
    if task == "normalize":
        kotext.normalize(doc)
    elif task == "normalize_list":
        kotext.normalize(paragraphs)
    elif task == "tokenize":
        kotext.tokenize(doc)
    else:
        kotext.TfidfVectorizer().fit_transform([doc])
    out["seconds"] = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    out.update(doc_mb=size, peak_mb=peak, peak_x=peak / size, call_x=(peak - before) / size)
elif task == "similarity":
    import numpy as np, scipy.sparse as sp
    n = int(mb)
    rng = np.random.default_rng(0)
    # Two terms per row over n / 50 columns: every column has about 100 rows, so the work
    # per row stays the same and linear scaling means 10x the time for 10x the rows. Then
    # a matrix of empty rows (quadratic before: two Y-sized buffers per 64-row block).
    cols = n // 50
    indptr = np.arange(0, 2 * n + 1, 2)
    X = sp.csr_matrix((rng.random(2 * n), rng.integers(0, cols, 2 * n), indptr), shape=(n, cols))
    t = time.perf_counter()
    kotext.similarity(X, top_n=5)
    out.update(rows=n, seconds=time.perf_counter() - t)
    t = time.perf_counter()
    kotext.similarity(sp.csr_matrix((n, 50)), top_n=5)
    out.update(empty_seconds=time.perf_counter() - t)
else:  # ctrl-c latency: the inputs are built first, so only the kotext call runs when
    # the interrupt comes (str.split of 100 MB holds the GIL for a while itself)
    doc = text_of(mb)
    paragraphs = doc.split("\n\n")
    if task == "ctrlc_tokenizer_fit":
        tok = kotext.Tokenizer()
        many = paragraphs * 3
        call = lambda: tok.fit(many)
    elif task == "ctrlc_sentences":
        call = lambda: kotext.split_sentences(doc)
    elif task == "ctrlc_normalize_list":
        call = lambda: kotext.normalize(paragraphs)
    elif task == "ctrlc_tokenize":
        call = lambda: kotext.tokenize(paragraphs)
    elif task in ("ctrlc_fit", "ctrlc_transform"):
        vec = kotext.TfidfVectorizer()
        if task == "ctrlc_transform":
            vec.fit(paragraphs[:2000])
            call = lambda: vec.transform(paragraphs)
        else:
            call = lambda: vec.fit(paragraphs)
    elif task == "ctrlc_segment_many":
        pages = ["<html><body><article><h1>기사</h1><p>" + "</p><p>".join(paragraphs[i:i + 20])
                 + "</p></article></body></html>" for i in range(0, len(paragraphs), 20)]
        call = lambda: kotext.segment_many(pages)
    elif task == "ctrlc_similarity":
        import numpy as np, scipy.sparse as sp
        rng = np.random.default_rng(0)
        indptr = np.arange(0, 6 * 400000 + 1, 6)
        X = sp.csr_matrix((rng.random(6 * 400000), rng.integers(0, 300, 6 * 400000), indptr),
                          shape=(400000, 300))
        call = lambda: kotext.similarity(X, top_n=5)
    else:
        call = lambda: kotext.normalize(doc)
    fired = []
    def fire():
        fired.append(time.perf_counter())
        _thread.interrupt_main()
    timer = threading.Timer(0.2, fire)
    timer.start()
    try:
        call()
        out["latency_ms"] = None  # finished before the interrupt
    except KeyboardInterrupt:
        out["latency_ms"] = (time.perf_counter() - fired[0]) * 1e3
    timer.join()
print(json.dumps(out))
'''


def run(task: str, arg: float) -> dict:
    res = subprocess.run([sys.executable, "-c", CHILD, task, str(arg), str(KNEWS)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100.0, help="document size in MB (UTF-8)")
    args = ap.parse_args()
    print(f"text: {'knews8-train (repeated)' if KNEWS.exists() else 'shipped sample pages'}")
    print(f"\npeak RSS on one {args.mb:g} MB document (x = multiple of its UTF-8 size)")
    for task in ("normalize", "normalize_list", "tokenize", "fit_transform"):
        r = run(task, args.mb)
        print(f"  {task:15s} {r['seconds']:6.2f} s  peak {r['peak_mb']:7.0f} MB = "
              f"{r['peak_x']:4.1f}x (call alone {r['call_x']:4.1f}x)")
    print("\nsimilarity(X, top_n=5): 2 terms per row over rows / 50 columns; empty rows")
    for n in (100_000, 1_000_000):
        r = run("similarity", n)
        print(f"  {n:>9,d} rows {r['seconds']:6.2f} s   empty rows {r['empty_seconds']:6.2f} s")
    print("\nCtrl-C: delay from the interrupt (0.2 s into the call) to KeyboardInterrupt")
    for task in ("ctrlc_normalize", "ctrlc_normalize_list", "ctrlc_sentences", "ctrlc_tokenize",
                 "ctrlc_fit", "ctrlc_transform", "ctrlc_segment_many", "ctrlc_tokenizer_fit",
                 "ctrlc_similarity"):
        r = run(task, args.mb)
        lat = r["latency_ms"]
        print(f"  {task[6:]:16s} " + ("finished first" if lat is None else f"{lat:6.1f} ms"))


if __name__ == "__main__":
    main()
