"""kotext.dask on distributed.LocalCluster: throughput per worker and worker memory.

For 1 and 2 worker processes (one thread each), times ``kotext.dask.fit`` and
``kotext.dask.transform`` of ``kotext.TfidfVectorizer()`` over the Korean news text that does
not repeat (benchmarks/tfidf.py's load_unique(), repeated --copies times), after checking
that the fit equals the single-process fit. Then, with one worker, the worker's peak RSS for
two partition sizes (the same corpus cut into few large or many small partitions): memory
follows the partition, not the corpus. Also prints the bytes the statistics and the matrix
blocks occupy when pickled (what crosses the network per partition).

Run: ``.venv/bin/python benchmarks/dask_scaling.py [--copies 2]`` (needs ../shared/data).
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import resource
import time
from pathlib import Path

import dask
import dask.bag as db
import distributed
import kotext
import kotext.dask as kd

HERE = Path(__file__).resolve().parent


def load_texts(copies: int) -> list[str]:
    spec = importlib.util.spec_from_file_location("bench_tfidf", HERE / "tfidf.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.load_unique() * copies


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2)
    args = ap.parse_args()
    texts = load_texts(args.copies)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts):,} documents, {mb:.1f} MB UTF-8\n")
    local = kotext.TfidfVectorizer(n_jobs=1).fit(texts)
    print("| workers | partitions | fit s | transform s | documents/s per worker (fit + transform) |")
    print("|---|---|---|---|---|")
    for n_workers in (1, 2):
        with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1,
                                      processes=True, dashboard_address=None,
                                      silence_logs=40) as cluster, distributed.Client(cluster):
            bag = db.from_sequence(texts, npartitions=8 * n_workers).persist()
            t0 = time.perf_counter()
            vec = kd.fit(kotext.TfidfVectorizer(n_jobs=1), bag)
            t1 = time.perf_counter()
            X = kd.transform(vec, bag)
            t2 = time.perf_counter()
            assert vec.vocabulary_ == local.vocabulary_ and X.shape[0] == len(texts)
            rate = len(texts) / (t2 - t0) / n_workers
            print(f"| {n_workers} | {8 * n_workers} | {t1 - t0:.2f} | {t2 - t1:.2f} | {rate:,.0f} |")
    print("\nworker peak RSS (one worker, fit only):\n")
    print("| partitions | documents per partition | worker peak RSS MB | statistics pickle MB "
          "(one partition) |")
    print("|---|---|---|---|")
    for parts in (4, 32):
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=40) as cluster, \
                distributed.Client(cluster) as client:
            bag = db.from_sequence(texts, npartitions=parts)
            kd.fit(kotext.TfidfVectorizer(n_jobs=1), bag)
            peak = max(client.run(peak_rss_mb).values())
            first = bag.to_delayed()[0]
            (stats,) = dask.compute(dask.delayed(kotext.TfidfVectorizer(n_jobs=1)._statistics)(first))
            size = len(pickle.dumps(stats)) / 1e6
            print(f"| {parts} | {len(texts) // parts:,} | {peak:.0f} | {size:.1f} |")


if __name__ == "__main__":
    main()
