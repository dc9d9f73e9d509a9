"""Dask: kotext.dask fit + transform on a local cluster of 1 and 2 worker processes.

Articles/s of ``kotext.dask.fit_vectorizer`` followed by ``kotext.dask.transform`` over the
knews8 articles repeated 4 times (a Dask Series of 4 partitions per worker), each worker one process with one
thread and kotext's ``n_jobs=1``, so that the workers are the only parallelism. The
reference row is the same fit + transform in this process without Dask. The cluster starts,
and the texts are persisted on the workers, before the clock; the median of the timed runs after a warm-up run on the cluster.
"""

from __future__ import annotations

import _common as c
from peers import dask_peer

TITLE = "Dask scaling"


def run(quick: bool) -> str:
    if (why := dask_peer.unavailable()):
        return c.na(why)
    if (why := c.have_data("news", "knews8-train.jsonl")):
        return c.na(why)
    import dask.dataframe as dd
    import kotext
    import kotext.dask as kd
    import pandas as pd
    from dask.distributed import Client, wait

    texts, _ = c.knews8()
    texts = texts[:100] if quick else texts * 4
    runs = c.MIN_RUNS

    def local():
        vec = kotext.TfidfVectorizer(n_jobs=1).fit(texts)
        return vec.transform(texts)

    ref = c.timed(local, runs)
    X_ref = local()
    rows = [["kotext, no Dask (1 thread)", "-", c.sig(len(texts) / ref["seconds"]), "-", "1.00x"]]
    notes = []
    cluster, why = c.attempt(dask_peer.cluster, 1)
    if why:
        return c.na(f"no local Dask cluster: {why}")
    try:  # one cluster, scaled from 1 to 2 workers: a second start-up would cost seconds
        with Client(cluster) as client:
            for n in (1, 2):
                cluster.scale(n)
                client.wait_for_workers(n, timeout=120)
                # the texts live on the workers before the clock starts, as when they are
                # read there from files: the timing is the processing, not the upload
                series = dd.from_pandas(pd.Series(texts), npartitions=4 * n).persist()
                wait(series)

                def job(series=series):
                    vec = kd.fit(kotext.TfidfVectorizer(n_jobs=1), series)
                    return kd.transform(vec, series)

                X, why = c.attempt(job)
                if why:
                    rows.append([f"kotext.dask, {n} worker(s)", c.na(why), "-", "-", "-"])
                    continue
                if X.shape != X_ref.shape or abs(X - X_ref).max() > 1e-9:
                    notes.append(f"Check FAILED: {n} worker(s) differ from the local result.")
                else:
                    notes.append(f"Check: {n} worker(s) give the local matrix {X.shape} "
                                 "exactly (max |diff| <= 1e-9).")
                t = c.timed(job, runs, warmup=0)
                rate = len(texts) / t["seconds"]
                rows.append([f"kotext.dask, {n} worker(s)", n, c.sig(rate), c.sig(rate / n),
                             c.ratio(ref["seconds"], t["seconds"])])
                c.headline(f"articles/s, kotext.dask {n} worker(s)", c.sig(rate),
                           f"no Dask {c.sig(len(texts) / ref['seconds'])}",
                           c.ratio(ref["seconds"], t["seconds"]))
    finally:
        cluster.close()
    head = (f"{len(texts):,} articles ({'the first knews8 ones' if quick else 'knews8 x 4'}), "
            f"fit + transform; {c.os_cores()} cores on this "
            f"machine; median of {runs} runs. Speed is relative to the no-Dask row, same run.")
    return "\n\n".join([head, c.md_table(["setup", "workers", "articles/s",
                                          "articles/s per worker", "speed vs no Dask"], rows),
                        *notes])
