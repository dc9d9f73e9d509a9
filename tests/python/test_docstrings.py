"""The Examples sections of the public API's docstrings run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import kotext
import pytest

MODULES = sorted(
    name for _, name, _ in pkgutil.iter_modules(kotext.__path__, "kotext.") if name != "kotext._core"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
