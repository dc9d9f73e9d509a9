"""Dask distributed: a local cluster of worker processes for kotext.dask."""

from __future__ import annotations

from ._util import missing

DIST = "distributed"


def unavailable() -> str | None:
    return missing("dask.distributed", DIST) or missing("dask.dataframe", "dask[dataframe]")


def cluster(n_workers: int):
    """A LocalCluster of ``n_workers`` processes, one thread each, no dashboard."""
    from dask.distributed import LocalCluster

    return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=50)
