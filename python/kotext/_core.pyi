# Type stubs for the private C++ extension. Use the public kotext API instead.
from typing import Any

import numpy as np

utf8proc_version: str

class Utf8Error(ValueError): ...

def normalize_batch(
    docs: list[str | bytes], form: str, decode_html: bool, width: bool, quotes: bool,
    middle_dots: bool, dashes: bool, ellipsis: bool, keep_paragraphs: bool, lowercase: bool,
    strip_emoji: bool, max_repeat: int, errors: str, return_offsets: bool, n_jobs: int,
) -> list[str] | list[tuple[str, np.ndarray]]: ...
def split_sentences_batch(
    docs: list[str], protected_spans: Any, single: bool, newline: str,
    split_unpunctuated_endings: bool, return_offsets: bool, n_jobs: int,
) -> list[list[str]] | list[list[tuple[str, int, int]]]: ...
def __getattr__(name: str) -> Any: ...
