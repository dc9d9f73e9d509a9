"""Executes every notebook under notebooks/ top to bottom, headless, as Jupyter would.

A notebook passes when no cell raises, every cell that draws a figure shows it (an
image/png output: a figure closed or drawn on a non-interactive backend would leave none),
and no output complains of a glyph missing from the font (Hangul drawn as boxes).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook extra (nbformat) is not installed")
nbclient = pytest.importorskip("nbclient", reason="the notebook extra (nbclient) is not installed")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
# A cell draws a figure when it calls a kotext plot method or pyplot.
FIGURE_CELL = re.compile(r"\.plot_\w+\(|\bplt\.(?:show|subplots|figure)\(")


def _kernel() -> str:
    """The kernel make registers (kotext), else the one of this interpreter."""
    from jupyter_client.kernelspec import KernelSpecManager

    return "kotext" if "kotext" in KernelSpecManager().find_kernel_specs() else "python3"


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 4, "notebooks/ should hold the four analysis notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_stored_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, \
                f"{path.name}: strip the outputs before committing"
            assert "matplotlib.use(" not in cell.source, \
                f"{path.name}: a fixed backend hides the figures from Jupyter"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_shows_its_figures(path: Path, monkeypatch):
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel picks Jupyter's inline backend
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name=_kernel(),
        resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    figure_cells = [c for c in code if FIGURE_CELL.search(c.source)]
    assert figure_cells, f"{path.name} draws no figure"
    for cell in figure_cells:
        images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        assert images, f"{path.name}: this figure cell shows no image:\n{cell.source}"
    text = "".join(o.get("text", "") for c in code for o in c.get("outputs", []))
    assert "missing from font" not in text, f"{path.name}: Hangul drawn as empty boxes"
