"""The HTML report and the Jupyter displays: self-contained, with figures, readable in a browser."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib", reason="the notebook extra (matplotlib) is not installed")

import kotext

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def corpus():
    news = pd.read_json(kotext.sample_news_path(), lines=True, dtype={"date": str})
    c = kotext.Corpus((news["title"] + "\n\n" + news["body"]).tolist(), ids=news["id"].tolist(),
                      dates=news["date"].tolist())
    return c, news["label"].tolist()


@pytest.fixture(scope="module")
def report(corpus, tmp_path_factory):
    c, labels = corpus
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert c.report(path, by=labels, title="표본 보고서") == path
    return path


def test_report_sections_and_embedded_figures(report):
    html = report.read_text(encoding="utf-8")
    for heading in ("Summary", "Top keywords", "Keywords per group", "Emerging terms",
                    "Map of the articles", "Articles (30)"):
        assert f">{heading}<" in html or f">{heading} " in html, heading
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) >= 4
    for data in images:
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "폭염" in html and "표본 보고서" in html
    assert html.count("<tr>") >= 30  # the article table lists every article


def test_report_makes_no_external_request(report):
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_report_without_dates_says_so(tmp_path):
    c = kotext.Corpus(["반도체 수출 증가", "반도체 수출 감소", "프로야구 개막 매진"])
    html = c.report(tmp_path / "r.html").read_text(encoding="utf-8")
    assert "no dates" in html


def test_corpus_and_article_displays(corpus):
    c, _ = corpus
    html = c._repr_html_()
    assert "30 documents" in html and "2026-01-06 – 2026-06-24" in html
    assert "반도체" in html and "… and 25 more documents" in html
    article = kotext.segment(kotext.sample_text().split("----")[0])
    shown = article._repr_html_()
    assert '<mark class="kw">협의체</mark>' in shown


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make check-report "
                                             "installs it)")
def test_report_renders_in_headless_chromium(report, tmp_path):
    from PIL import Image

    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND",  # any external request would fail
         "--window-size=1280,2400", f"--screenshot={shot}", report.as_uri()],
        check=True, capture_output=True, timeout=120)
    keep = Path("build/report-screenshot.png")
    keep.parent.mkdir(exist_ok=True)
    shutil.copy(shot, keep)
    img = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert img.size == (1280, 2400)
    rgb = np.asarray(img, dtype=np.int32)
    ink = float((rgb.sum(axis=2) < 600).mean())  # anything darker than near-white
    colour = float((rgb.max(axis=2) - rgb.min(axis=2) > 60).mean())  # the figures' bars
    assert ink > 0.03, f"the page looks blank ({ink:.1%} of pixels drawn)"
    assert colour > 0.01, f"no figure visible ({colour:.1%} coloured pixels)"
