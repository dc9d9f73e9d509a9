"""The samples shipped with kotext, written for the project (no third-party text)."""

from __future__ import annotations

from importlib import resources

__all__ = ["sample_news_path", "sample_text"]


def sample_text() -> str:
    """Three Korean news pages as a text dump (menus, bylines and ranking lists included).

    Examples
    --------
    >>> import kotext
    >>> len(kotext.segment_many(kotext.sample_text()))
    3
    """
    return resources.files("kotext").joinpath("data/sample_pages.txt").read_text("utf-8")


def sample_news_path() -> str:
    """Path of a dated JSONL sample: 30 short articles from January to June 2026 (fields
    ``id``, ``date``, ``label``, ``outlet``, ``title``, ``body``), with rising themes and a
    story told by three outlets.

    Examples
    --------
    >>> import kotext, pandas as pd
    >>> pd.read_json(kotext.sample_news_path(), lines=True)["label"].nunique()
    5
    """
    return str(resources.files("kotext").joinpath("data/sample_news.jsonl"))
