"""The outbound policy: a feed cannot make the scraper reach another service, however it links."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from classifier import TopicModel
from refresh import ScrapeReport, scrape
from runtime.services import build_services
from scraper.downloads import Downloader, FetchError, RefusedLink
from scraper.outbound import Outbound, Refused
from store import open_store
from tests.newspages import BASE_TIME
from tests.newsserver import InternalService, Item, NewsServer
from tests.scraper.conftest import FAST

Run = Callable[[NewsServer, str], ScrapeReport]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: TopicModel) -> Run:
    """Scrape the papers described by a sources file written by ``news`` plus ``extra`` TOML."""

    def scrape_with(news: NewsServer, extra: str = "") -> ScrapeReport:
        path = news.write_sources(tmp_path / "sources.toml", limit=20)
        path.write_text(path.read_text() + extra)
        monkeypatch.setenv("NEWS_SOURCES", str(path))
        store = open_store(f"sqlite:///{tmp_path / 'news.db'}")
        return scrape(build_services(store=store, model=model))

    return scrape_with


def _item(n: int, link: str) -> Item:
    return Item(f"Story {n}", link, f"A summary of story {n}", BASE_TIME)


def test_links_to_an_internal_service_are_refused_and_reported(run: Run) -> None:
    # The paper lives on 127.0.0.2; the service it must not reach listens on 127.0.0.1 and ::1.
    with InternalService() as internal, NewsServer(1, 3, host="127.0.0.2") as news:
        port = internal.port
        hostile = [
            f"http://127.0.0.1:{port}/admin",
            f"http://localhost:{port}/admin",
            f"http://[::1]:{port}/admin",
            f"http://2130706433:{port}/admin",  # 127.0.0.1 as one decimal number
            f"http://0x7f.1:{port}/admin",
        ]
        own = news.items("paper1")
        redirecting = own[1].link  # the paper's own page answers 302 to the internal service
        news.fault(redirecting, redirect_to=f"http://127.0.0.1:{port}/latest")
        news.set_items("paper1", [*own, *(_item(n, url) for n, url in enumerate(hostile))])
        report = run(news, "")
    assert internal.requests() == 0
    paper = report.source("paper1")
    assert sorted(paper.refused) == sorted([*hostile, redirecting])
    assert all(reason.startswith("refused: ") for reason in paper.refused.values())
    assert "127.0.0.1 is not one of the source's hosts" in paper.refused[redirecting]
    assert [a.url for a in paper.articles] == [own[0].link, own[2].link]  # nothing foreign
    assert paper.ok and paper.skipped == {}
    summary = report.to_dict()["sources"][0]
    assert summary["refused_count"] == 6
    assert {entry["url"] for entry in summary["refused"]} == set(paper.refused)


def test_an_own_domain_name_resolving_to_an_internal_address_is_refused_at_connect(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DNS rebinding: the name is the paper's own, but its address is internal when we connect.
    real = socket.getaddrinfo

    def rebound(host: Any, *args: Any, **kwargs: Any) -> Any:
        return real("127.0.0.1" if host == "www.paper.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebound)
    with InternalService() as internal, NewsServer(1, 2, host="127.0.0.2") as news:
        link = f"http://www.paper.example:{internal.port}/news/1.html"
        news.set_items("paper1", [*news.items("paper1"), _item(9, link)])
        report = run(news, 'allowed_hosts = ["paper.example"]\n')
    assert internal.requests() == 0
    paper = report.source("paper1")
    assert paper.refused == {link: "refused: 127.0.0.1 is not a public address"}
    assert len(paper.articles) == 2


def test_the_default_scope_is_the_requested_host(news: NewsServer, downloader: Downloader) -> None:
    with InternalService() as internal:
        news.fault(news.feed_url("paper1"), redirect_to=f"http://localhost:{internal.port}/")
        with pytest.raises(RefusedLink, match=r"^refused: localhost is not one"):
            downloader.get(news.feed_url("paper1"), FAST)
        # A host on the list still needs a public address unless it was configured as one.
        listed = Outbound(frozenset({"127.0.0.1"}), frozenset())
        for conditional in (False, True):  # plain and feed-cache sessions alike
            with pytest.raises(FetchError, match=r"^refused: 127\.0\.0\.1 is not a public"):
                url = f"http://127.0.0.1:{internal.port}/"
                downloader.get(url, FAST, conditional=conditional, outbound=listed)
    assert internal.requests() == 0


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://www.bbc.co.uk/news/1", True),
        ("https://feeds.bbci.co.uk/x", True),
        ("https://www.bbc.com/news/2", True),  # allowed_hosts
        ("https://bbc.co.uk.evil.example/news", False),
        ("https://evilbbc.co.uk/news", False),
        ("https://co.uk/news", False),
        ("http://169.254.169.254/latest/meta-data/", False),
    ],
)
def test_hosts_are_the_sources_own_and_their_registrable_domains(url: str, allowed: bool) -> None:
    outbound = Outbound.for_urls(
        ["https://www.bbc.co.uk/news", "https://feeds.bbci.co.uk/news/rss.xml"], ["bbc.com"]
    )
    if allowed:
        outbound.check_url(url)
    else:
        with pytest.raises(Refused):
            outbound.check_url(url)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1",
     "240.0.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "100.64.0.1"],
)  # fmt: skip
def test_internal_addresses_are_refused_unless_the_source_lives_there(address: str) -> None:
    """Public addresses pass; each of these only for a source configured on it."""
    import ipaddress

    ip = ipaddress.ip_address(address)
    with pytest.raises(Refused, match="is not a public address"):
        Outbound.for_urls(["https://news.example/"]).check_address(ip)
    host = f"[{address}]" if ":" in address else address
    Outbound.for_urls([f"http://{host}:8080/feed.xml"]).check_address(ip)  # its own: allowed
