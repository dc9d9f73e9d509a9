"""kotext.dask on distributed.LocalCluster: throughput per worker and worker memory.

For 1 and 2 worker processes (one thread each), times ``kotext.dask.fit`` and
``kotext.dask.transform`` of ``kotext.TfidfVectorizer()`` over the Korean news text that does
not repeat (``_common.distinct_news()``, repeated --copies times), after checking
that the fit equals the single-process fit. Then, with one worker, the worker's peak RSS for
two partition sizes x two corpus sizes (half the corpus and all of it), each partition read
from its own file by the worker: memory follows the partition, not the corpus.

Run: ``.venv/bin/python benchmarks/dask_scaling.py [--copies 2]`` (needs ../shared/data).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import _common as c
import dask.bag as db
import distributed
import kotext
import kotext.dask as kd

HERE = Path(__file__).resolve().parent
#: Documents per partition of the memory runs: a small and an 8x larger partition.
MEMORY_SMALL_PARTITION = 1_000
MEMORY_LARGE_PARTITION = 8_000


def load_texts(copies: int) -> list[str]:
    return c.distinct_news() * copies


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2 ** 20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--memory-only", action="store_true", help="only the memory table")
    args = ap.parse_args()
    texts = load_texts(args.copies)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts):,} documents, {mb:.1f} MB UTF-8\n")
    if args.memory_only:
        memory(texts)
        return
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
    memory(texts)


def write_partitions(texts: list[str], per_part: int, where: Path) -> list[str]:
    """The corpus as JSON Lines files of ``per_part`` documents: each partition is read by
    the worker that counts it (as a real archive on disk or S3 is), so no process ever
    holds the corpus."""
    paths = []
    for k, start in enumerate(range(0, len(texts), per_part)):
        path = where / f"part-{k:05d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for t in texts[start:start + per_part]:
                f.write(json.dumps(t, ensure_ascii=False) + "\n")
        paths.append(str(path))
    return paths


def memory(texts: list[str]) -> None:
    """Worker peak RSS for two partition sizes x two corpus sizes (one worker, fit)."""
    print("\nworker peak RSS (one worker process, one thread, fit; partitions read from files "
          "by the worker):\n")
    print("| corpus documents | corpus MB | documents per partition | partitions | "
          "worker RSS before MB | worker peak RSS MB | peak - before MB |")
    print("|---|---|---|---|---|---|---|")
    half = texts[: len(texts) // 2]
    for corpus in (half, texts):
        mb = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
        for per_part in (MEMORY_SMALL_PARTITION, MEMORY_LARGE_PARTITION):
            with tempfile.TemporaryDirectory() as tmp, \
                    distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=40) as cluster, \
                    distributed.Client(cluster) as client:
                paths = write_partitions(corpus, per_part, Path(tmp))
                bag = db.read_text(paths, blocksize=None).map(json.loads)
                client.run(lambda: kotext.TfidfVectorizer(n_jobs=1).fit(["워밍업 문서"]))
                before = max(client.run(current_rss_mb).values())
                kd.fit(kotext.TfidfVectorizer(n_jobs=1), bag)
                peak = max(client.run(peak_rss_mb).values())
                print(f"| {len(corpus):,} | {mb:.1f} | {per_part:,} | {len(paths)} | "
                      f"{before:.0f} | {peak:.0f} | {peak - before:.0f} |")


if __name__ == "__main__":
    main()
