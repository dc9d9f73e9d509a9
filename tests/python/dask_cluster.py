"""The real Dask cluster of the kotext.dask tests: worker processes on this machine.

One place for its settings, so that every test file that checks results on a cluster runs
them on the same kind of cluster (and the benchmark's cluster, ``benchmarks/peers/dask_peer.py``,
is the same too: processes, one thread each, no dashboard).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

#: Worker processes: two, so that results are merged across processes (the machine has 2
#: cores), one thread each, so that each worker runs one task at a time.
N_WORKERS = 2


@contextlib.contextmanager
def local_client(n_workers: int = N_WORKERS) -> Iterator[Any]:
    """A ``distributed.Client`` on a new LocalCluster of ``n_workers`` processes; both are
    closed on exit. Needs the ``distributed`` package (import-skip it first)."""
    import distributed

    cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None, silence_logs=40)
    try:
        with distributed.Client(cluster) as client:
            yield client
    finally:
        cluster.close()
