"""Extraction quality on real newspaper pages against their ground-truth paragraphs."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from scraper import extract_article
from scraper.extract import MIN_TEXT_CHARS

_TOKEN = re.compile(r"\w+")
F1_BAR = 0.90


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def token_f1(predicted: str, truth: str) -> float:
    """Bag-of-words F1 between an extracted text and the ground truth."""
    pred, gold = _tokens(predicted), _tokens(truth)
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def _cases(root: Path) -> list[tuple[Path, str, dict[str, object]]]:
    """(page, url, truth) for every page: a publisher's JSON holds one truth per page, keyed
    by parser version in the same order as its pages' crawl dates; meta.info gives the URL."""
    cases = []
    for truth_file in sorted(root.glob("*/*.json")):
        publisher = truth_file.stem
        meta_file = truth_file.parent / "meta.info"  # absent for some folders (es/)
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        pages = sorted(truth_file.parent.glob(f"{publisher}_*.html.gz"))
        truths = json.loads(truth_file.read_text(encoding="utf-8"))
        assert len(pages) == len(truths), f"{truth_file}: {len(truths)} truths, {len(pages)} pages"
        for page, truth in zip(pages, truths.values(), strict=True):
            url = meta.get(page.name, {}).get("url", f"https://{publisher.lower()}.example/")
            cases.append((page, url, truth))
    return cases


def _truth_text(truth: dict[str, object]) -> str:
    body = truth["body"]
    assert isinstance(body, dict)
    parts = list(body.get("summary", []))
    for section in body["sections"]:
        parts += section["headline"] + section["paragraphs"]
    return "\n".join(parts)


def test_token_f1_on_real_pages(fixtures_dir: Path) -> None:
    cases = _cases(fixtures_dir / "articles")
    assert len(cases) >= 40
    rows = []
    for page, url, truth in cases:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        article = extract_article(html, url)
        title = str(truth["title"]).strip()
        rows.append((page.name, token_f1(article.text, _truth_text(truth)), article, title))
    print(f"\n{'page':45} {'F1':>6}  method")
    for name, f1, article, _ in rows:
        print(f"{name:45} {f1:6.3f}  {article.method}")
    mean = sum(f1 for _, f1, _, _ in rows) / len(rows)
    print(f"{'mean':45} {mean:6.3f}  ({len(rows)} pages)")
    assert mean >= F1_BAR
    # Titles are found too: most pages' extracted title contains the true headline's start.
    titled = sum(t[:25].lower() in a.title.lower() for _, _, a, t in rows)
    assert titled >= 0.8 * len(rows)


def test_published_time_is_utc(fixtures_dir: Path) -> None:
    page = fixtures_dir / "articles" / "uk" / "BBC_2024_08_01.html.gz"
    html = gzip.decompress(page.read_bytes()).decode()
    article = extract_article(html, "https://www.bbc.com/news/explainers-63159607")
    assert article.published is not None
    assert article.published.isoformat() == "2022-10-10T13:21:17+00:00"


def test_fallback_reads_paragraphs_when_no_main_text_is_detected() -> None:
    sentence = "The council approved the new budget after a long debate on Tuesday evening."
    html = (
        "<html><head><title>Budget &amp; more</title></head><body>"
        + "".join(f"<div><p>{sentence} ({i})</p></div>" for i in range(5))
        + "</body></html>"
    )
    article = extract_article(html, "https://example.org/a")
    assert article.title == "Budget & more"
    assert len(article.text) >= MIN_TEXT_CHARS
    assert "council approved" in article.text


@pytest.mark.parametrize("html", ["", "<html><body><p>Subscribe to read.</p></body></html>"])
def test_pages_without_article_text_give_empty_text(html: str) -> None:
    article = extract_article(html, "https://example.org/paywalled")
    assert article.text == ""
    assert article.method == "none"
