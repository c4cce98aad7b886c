"""normalise_url: one spelling per article."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import BadURLError, normalise_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.TheGuardian.com/world/2026/x", "https://www.theguardian.com/world/2026/x"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a/", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("  https://example.com/a \n", "https://example.com/a"),
        (
            "https://www.bbc.co.uk/news/x?at_medium=RSS&at_campaign=KARANGA",
            "https://www.bbc.co.uk/news/x",
        ),
        (
            "https://www.theguardian.com/a?CMP=share_btn_tw&utm_source=tw&utm_medium=social",
            "https://www.theguardian.com/a",
        ),
        (
            "https://news.sky.com/story/x?fbclid=abc&gclid=1&mc_cid=2&mc_eid=3&ocid=4&cmpid=5",
            "https://news.sky.com/story/x",
        ),
        ("https://e.com/a?ito=x&ns_mchannel=rss&ns_source=pub", "https://e.com/a"),
        ("https://e.com/a?page=2&id=7&utm_term=x", "https://e.com/a?id=7&page=2"),
        ("https://e.com/a?b=&a=1", "https://e.com/a?a=1&b="),
        ("https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"),
    ],
)
def test_normalise_url(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_percent_encoding_variants_of_one_article_are_equal() -> None:
    variants = [
        "https://e.com/caf\u00e9/~x?q=caf\u00e9&page=2",
        "https://e.com/caf%C3%A9/%7Ex?page=2&q=caf%c3%a9",
        "https://E.com:443/caf%c3%a9/~x/?q=caf%C3%A9&page=2&utm_source=rss#top",
    ]
    assert {normalise_url(url) for url in variants} == {
        "https://e.com/caf%C3%A9/~x?page=2&q=caf%C3%A9"
    }


def test_tracking_variants_of_one_article_are_equal() -> None:
    variants = [
        "https://www.dailymail.co.uk/news/article-1/x.html",
        "https://www.dailymail.co.uk/news/article-1/x.html?ito=social-twitter_mailonline",
        "https://WWW.DAILYMAIL.CO.UK/news/article-1/x.html/#comments",
        "https://www.dailymail.co.uk:443/news/article-1/x.html?utm_source=rss",
    ]
    assert len({normalise_url(url) for url in variants}) == 1


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,hi", "ftp://e.com/a", "/relative/path", "", "https://"],
)
def test_rejects_what_is_not_an_http_address(url: str) -> None:
    with pytest.raises(BadURLError, match="not an http"):
        normalise_url(url)
    assert issubclass(BadURLError, ValueError)


@given(
    path=st.text(alphabet="abcXYZ019-_/.%", max_size=30),
    params=st.lists(
        st.tuples(
            st.sampled_from(["id", "page", "utm_source", "CMP", "q", "at_medium"]),
            st.text(alphabet="abc12 &=+", max_size=6),
        ),
        max_size=5,
    ),
)
def test_normalising_twice_changes_nothing(path: str, params: list[tuple[str, str]]) -> None:
    from urllib.parse import urlencode

    url = f"https://Example.com/{path}?{urlencode(params)}#frag"
    once = normalise_url(url)
    assert normalise_url(once) == once
    assert "utm_" not in once and "CMP=" not in once and "#" not in once
