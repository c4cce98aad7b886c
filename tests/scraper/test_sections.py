"""Newspaper labels: URL sections, feed categories and section feeds mapped to topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper import SourcesError, load_sources
from scraper.feeds import FeedItem, dedupe, parse_feed
from scraper.sections import RuleError, Section, SectionRules, path_rule
from tests.newsserver import Item, rss

SHIPPED = Path(__file__).resolve().parents[2] / "scraper" / "sources.toml"
TOPICS = {
    *("business", "entertainment", "politics", "sport", "tech"),
    *("world", "crime", "science", "health", "other"),
}

RULES = SectionRules.build(
    {
        "/news/": "other",  # deliberately broad: the more specific rules below must win
        "/news/uk/politics/": "politics",
        "/news/business-*": "business",
        "/Sport/": "sport",
    },
    {"Politics": "politics", "Football": "sport", "Travel": "other"},
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.co/news/uk/politics/vote-b123.html", Section("news/uk/politics", "politics")),
        ("https://x.co/news/world/story", Section("news", "other")),
        ("https://x.co/news/business-68123456", Section("news/business", "business")),
        ("https://x.co/news/business/not-the-pattern", Section("news", "other")),
        ("https://x.co/SPORT/football/1", Section("sport", "sport")),
        ("https://x.co/sportswear/1", Section("sportswear", None)),
        ("https://x.co/2026/11/25/slug/", Section(None, None)),
        ("https://x.co/story", Section(None, None)),
    ],
)
def test_url_sections_most_specific_pattern_wins(url: str, expected: Section) -> None:
    assert RULES.label(url) == expected


def test_categories_label_when_the_url_does_not() -> None:
    url = "https://x.co/2026/11/25/slug/"
    assert RULES.label(url, ("News", "football")) == Section("football", "sport")
    assert RULES.label(url, ("Football", "Sport")) == Section("Football", "sport")
    # Categories that disagree are noise: no label from them.
    assert RULES.label(url, ("Politics", "Travel")) == Section("Politics", None)
    assert RULES.label(url, ("Royal family",)) == Section("Royal family", None)
    assert RULES.label("https://x.co/world/a", ("Royal family",)) == Section("world", None)


def test_url_then_categories_then_feed_topic() -> None:
    assert RULES.label("https://x.co/sport/a", ("Politics",), "business").label == "sport"
    assert RULES.label("https://x.co/a/b", ("Politics",), "business").label == "politics"
    assert RULES.label("https://x.co/a/b", ("Royal family",), "business") == Section(
        "business", "business"
    )
    assert RULES.label("https://x.co/a/b", ("Politics", "Travel"), "tech").label == "tech"


@pytest.mark.parametrize(
    ("pattern", "topic", "message"),
    [
        ("business/", "business", "must start with '/'"),
        ("/*/", "business", "every article"),
        ("/business/", "Business", "lower-case name"),
        ("/business/", "", "lower-case name"),
        ("/business/", "x" * 40, "lower-case name"),
    ],
)
def test_malformed_rules_are_refused(pattern: str, topic: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        path_rule(pattern, topic)


_SOURCE = """
[[source]]
id = "one"
name = "One"
homepage = "https://one.example/"
feeds = ["https://one.example/rss", { url = "https://one.example/biz/rss", topic = "business" }]

[source.sections]
"/sport/" = "sport"

[source.categories]
"Travel" = "other"
"""


def test_sources_file_carries_feed_topics_and_rules(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(_SOURCE, encoding="utf-8")
    [one] = load_sources(path)
    assert one.feeds == ("https://one.example/rss", "https://one.example/biz/rss")
    assert one.feed_topic("https://one.example/biz/rss") == "business"
    assert one.feed_topic("https://one.example/rss") is None
    assert one.rules.label("https://one.example/sport/a") == Section("sport", "sport")
    assert one.rules.label("https://one.example/a/b", ("travel",)).label == "other"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('topic = "business"', 'topic = "Busi ness"', "lower-case name"),
        ('topic = "business"', 'topic = "business", kind = "x"', "unknown field 'kind'"),
        ('{ url = "https://one.example/biz/rss", topic', '{ href = "x", topic', "tables"),
        ('"/sport/" = "sport"', '"sport" = "sport"', "must start with '/'"),
        ('"Travel" = "other"', '"Travel" = 3', "lower-case name"),
        ("[source.categories]", 'categories = "x"\n[source.other]', "unknown field"),
    ],
)
def test_bad_rules_in_the_sources_file_name_the_source(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(_SOURCE.replace(old, new), encoding="utf-8")
    with pytest.raises(SourcesError, match=message) as caught:
        load_sources(path)
    assert "line 2 (source #1)" in str(caught.value) and "\n" not in str(caught.value)


# Real article URLs of each configured newspaper and the label its rules must give.
SHIPPED_CASES = [
    ("elpais", "https://english.elpais.com/economy-and-business/2024-05-01/a.html", "business"),
    ("elpais", "https://english.elpais.com/sports/2024-05-01/a.html", "sport"),
    ("elpais", "https://english.elpais.com/international/2024-05-01/a.html", "world"),
    ("guardian", "https://www.theguardian.com/business/2018/jan/30/un-tax", "business"),
    ("guardian", "https://www.theguardian.com/film/2018/jan/31/oscar", "entertainment"),
    ("guardian", "https://www.theguardian.com/lifeandstyle/2018/jan/31/foie-gras", "other"),
    ("guardian", "https://www.theguardian.com/world/2018/jan/31/canada", "world"),
    ("guardian", "https://www.theguardian.com/technology/2026/nov/25/ai", "tech"),
    ("dailymail", "https://www.dailymail.co.uk/yourmoney/article-13357113/a.html", "business"),
    ("dailymail", "https://www.dailymail.co.uk/sport/football/article-1/a.html", "sport"),
    ("dailymail", "https://www.dailymail.co.uk/tvshowbiz/article-1/a.html", "entertainment"),
    ("dailymail", "https://www.dailymail.co.uk/news/article-1/a.html", None),
    ("mirror", "https://www.mirror.co.uk/news/politics/vote-33012345", "politics"),
    ("mirror", "https://www.mirror.co.uk/3am/celebrity-news/a-33012345", "entertainment"),
    ("mirror", "https://www.mirror.co.uk/news/uk-news/a-33012345", None),
    ("bbc", "https://www.bbc.com/news/business-68123456", "business"),
    ("bbc", "https://www.bbc.co.uk/news/uk-politics-68123456", "politics"),
    ("bbc", "https://www.bbc.co.uk/news/technology-68123456", "tech"),
    ("bbc", "https://www.bbc.co.uk/sport/football/articles/c0abc", "sport"),
    ("bbc", "https://www.bbc.com/news/articles/clymn8zyrp9o", None),
    ("independent", "https://www.independent.co.uk/news/uk/politics/a-b2650000.html", "politics"),
    ("independent", "https://www.independent.co.uk/arts-entertainment/tv/a.html", "entertainment"),
    ("independent", "https://www.independent.co.uk/life-style/food-and-drink/a-b1.html", "other"),
    ("independent", "https://www.independent.co.uk/news/world/asia/a-b1.html", "world"),
    ("aljazeera", "https://www.aljazeera.com/economy/2026/11/25/a", "business"),
    ("aljazeera", "https://www.aljazeera.com/sports/2026/11/25/a", "sport"),
    ("aljazeera", "https://www.aljazeera.com/news/2026/11/25/a", "world"),
    ("aljazeera", "https://www.aljazeera.com/features/2026/11/25/a", None),
    ("euronews", "https://www.euronews.com/business/2024/04/30/a", "business"),
    ("euronews", "https://www.euronews.com/travel/2024/04/30/a", "other"),
    ("euronews", "https://www.euronews.com/2024/04/30/swedish-police", None),
    ("standard", "https://www.standard.co.uk/sport/football/chelsea-b1155186.html", "sport"),
    ("standard", "https://www.standard.co.uk/news/politics/tony-blair-b1189828.html", "politics"),
    ("standard", "https://www.standard.co.uk/news/london/a-b1.html", None),
    ("standard", "https://www.standard.co.uk/news/crime/a-b1.html", "crime"),
    ("guardian", "https://www.theguardian.com/law/2024/feb/1/a", "crime"),
    ("guardian", "https://www.theguardian.com/environment/2024/feb/1/a", "science"),
    ("bbc", "https://www.bbc.co.uk/news/world-europe-68123456", "world"),
    ("bbc", "https://www.bbc.co.uk/news/science-environment-68123456", "science"),
    ("bbc", "https://www.bbc.co.uk/news/health-68123456", "health"),
    ("skynews", "https://news.sky.com/story/a-13012345", None),
    ("metro", "https://metro.co.uk/2024/07/17/king-charles-21244172/", None),
]


@pytest.mark.parametrize(("source_id", "url", "label"), SHIPPED_CASES)
def test_shipped_rules_label_real_urls(source_id: str, url: str, label: str | None) -> None:
    source = next(s for s in load_sources(SHIPPED) if s.id == source_id)
    assert source.wants(url)
    assert source.rules.label(url).label == label


def test_every_shipped_newspaper_has_labels_and_only_known_topics() -> None:
    sources = load_sources(SHIPPED)
    assert len(sources) == 11
    for source in sources:
        topics = {topic for _, topic in source.feed_topics}
        topics |= {rule.topic for rule in source.rules.paths}
        topics |= {topic for _, topic in source.rules.categories}
        assert topics, f"{source.id} has no label rules"
        assert topics <= TOPICS, source.id
    metro = next(s for s in sources if s.id == "metro")
    url = "https://metro.co.uk/2024/07/17/king-charles-21244172/"
    assert metro.rules.label(url, ("News", "Politics", "UK")).label == "politics"
    sky = next(s for s in sources if s.id == "skynews")
    assert sky.feed_topic("https://feeds.skynews.com/feeds/rss/business.xml") == "business"


def test_real_guardian_feed_gives_categories_and_labels(fixtures_dir: Path) -> None:
    content = (fixtures_dir / "feeds" / "guardian.rss").read_bytes()
    items = parse_feed(content, "https://www.theguardian.com/us/rss")
    assert all(item.categories for item in items)
    guardian = next(s for s in load_sources(SHIPPED) if s.id == "guardian")
    wanted = [i for i in items if guardian.wants(i.url)]
    labels = [guardian.rules.label(i.url, i.categories, i.feed_topic) for i in wanted]
    counted = {label: sum(s.label == label for s in labels) for label in TOPICS | {None}}
    assert counted["politics"] >= 5  # /us-news/ articles tagged "US politics"
    assert counted["entertainment"] >= 3 and counted["other"] >= 1 and counted[None] >= 10
    assert counted["world"] >= 1  # /world/ articles are world news now
    assert {s.section for s in labels if s.label is None} >= {"us-news"}


def test_a_section_feed_labels_an_article_also_listed_by_the_general_feed() -> None:
    feed = rss([Item("A", "https://x.co/a", categories=("Markets", "Markets", ""))])
    [item] = parse_feed(feed, "https://x.co/rss")
    assert item.categories == ("Markets",)
    general = FeedItem("https://x.co/a", "A", categories=("Markets",))
    business = FeedItem("https://x.co/a?utm_source=rss", "A", feed_topic="business")
    [merged] = dedupe([general, business])
    assert merged.url == "https://x.co/a" and merged.feed_topic == "business"
    assert merged.categories == ("Markets",)
