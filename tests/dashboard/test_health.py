"""Model health on the model page: the measures, the drop warning rule, the registry history."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from plotly.utils import PlotlyJSONEncoder

from classifier import ModelError
from classifier.registry import Registry
from dashboard.pages.health import measures as health
from dashboard.pages.health.page import _trained_on, health_section
from dashboard.pages.health.promotions import registry_state
from dashboard.pages.model import page as model
from store import HealthRow, Store
from tests.conftest import DEAD_DATABASE, serving, settings_with
from tests.store.fixtures import make_article, utc

TODAY = date(2026, 11, 25)


def _text(component: object) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


def _row(days_ago: int, labelled: int, agreed: int, paper: str = "guardian") -> HealthRow:
    return HealthRow(
        day=TODAY - timedelta(days=days_ago),
        source_id=paper,
        articles=labelled + 5,
        labelled=labelled,
        agreed=agreed,
        other=2,
        measured=labelled,
        coverage=0.75,
    )


def test_totals_and_shares() -> None:
    totals = health.total([_row(0, 10, 8), _row(1, 10, 6)])
    assert (totals.articles, totals.labelled, totals.agreed) == (30, 20, 14)
    assert totals.agreement == pytest.approx(0.7)
    assert totals.other_share == pytest.approx(4 / 30)
    assert totals.unseen_share == pytest.approx(0.25)
    empty = health.total([])
    assert (empty.agreement, empty.other_share, empty.unseen_share) == (None, None, None)


def _baseline(paper: str = "guardian") -> list[HealthRow]:
    # 14 days before the last 3 at 80 % agreement, 4 labelled articles a day (56).
    return [_row(days_ago, 4, 4 if days_ago % 5 else 0, paper) for days_ago in range(3, 17)]


def test_a_drop_of_ten_points_with_enough_articles_warns() -> None:
    before = health.total(_baseline()).agreement
    assert before is not None
    recent = [_row(d, 10, 6) for d in range(3)]  # 60 % on 30 articles
    [drop] = [
        d for d in health.agreement_drops(_baseline() + recent, TODAY) if d.scope == health.ALL
    ]
    assert (drop.now, drop.now_labelled, drop.before_labelled) == (0.6, 30, 56)
    assert drop.before == pytest.approx(before)
    assert "fell from 79% (previous 14 days, 56 labelled articles) to 60%" in drop.message()


@pytest.mark.parametrize(
    ("recent", "why"),
    [
        ([_row(d, 10, 7) for d in range(3)], "a fall under 10 points"),
        ([_row(d, 6, 0) for d in range(3)], "too few recent labelled articles (18)"),
        ([_row(d, 10, 6) for d in range(3, 6)], "no recent days at all"),
    ],
)
def test_no_warning_without_a_real_drop(recent: list[HealthRow], why: str) -> None:
    assert health.agreement_drops(_baseline() + recent, TODAY) == [], why


def test_one_newspapers_drop_is_named() -> None:
    rows = _baseline("bbc") + [_row(d, 10, 2, "bbc") for d in range(3)]
    rows += _baseline("guardian") + [_row(d, 30, 30, "guardian") for d in range(3)]
    assert [d.scope for d in health.agreement_drops(rows, TODAY)] == ["bbc"]


def test_too_small_a_baseline_never_warns() -> None:
    rows = [_row(d, 3, 3) for d in range(3, 17)] + [_row(d, 10, 0) for d in range(3)]
    assert health.agreement_drops(rows, TODAY) == []


def test_registry_state_reads_champion_and_history_newest_first(tmp_path: Path) -> None:
    models = tmp_path / "models"
    assert registry_state(Registry(models)) == registry_state(Registry(tmp_path / "nothing"))
    assert registry_state(Registry(models)).champion is None
    models.mkdir()
    version = "20261125T201500Z-ab12cd34"
    (models / "champion.json").write_text(json.dumps({"version": version, "promoted_at": "now"}))
    (models / "history.json").write_text(json.dumps([{"promoted": False}, {"promoted": True}]))
    state = registry_state(Registry(models))
    assert (state.champion, state.promoted_at) == (version, "now")
    assert [entry["promoted"] for entry in state.history] == [True, False]
    (models / "history.json").write_text("{broken")
    with pytest.raises(ModelError, match=r"cannot read .*history\.json"):
        registry_state(Registry(models))


HISTORY = [
    {
        "at": "2026-11-20T10:00:00Z",
        "promoted": False,
        "reasons": ["BBC holdout 96.0% vs 98.8%: loses more than 0.5 points"],
        "candidate": {"bbc_holdout": {"accuracy": 0.96}, "modern_holdout": {"accuracy": 0.8}},
        "champion": {"bbc_holdout": {"accuracy": 0.988}, "modern_holdout": {"accuracy": 0.3}},
    },
    {
        "at": "2026-11-22T10:00:00Z",
        "promoted": False,
        "reasons": ["no modern holdout"],
        "candidate": {"bbc_holdout": {"accuracy": 0.9766}, "modern_holdout": None},
        "champion": {"bbc_holdout": {"accuracy": 0.9789}, "modern_holdout": None},
    },
    {
        "at": "2026-11-24T10:00:00Z",
        "promoted": True,
        "version": "20261124T100000Z-0123abcd",
        "reasons": ["wins on the modern holdout"],
        "candidate": {"bbc_holdout": {"accuracy": 0.985}, "modern_holdout": {"accuracy": 0.83}},
        "champion": {"bbc_holdout": {"accuracy": 0.988}, "modern_holdout": {"accuracy": 0.3}},
    },
]


@pytest.fixture
def page_env(store: Store, tmp_path: Path) -> Iterator[Store]:
    """A request serving the test store, with a VAR_DIR holding a registry history."""
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "history.json").write_text(json.dumps(HISTORY))
    with serving(settings=settings_with(var_dir=tmp_path), store=store):
        yield store


def test_the_model_page_shows_health_warning_and_history(page_env: Store) -> None:
    store = page_env
    records = []
    for days_ago in range(17):
        when = utc(2026, 11, 25, 12) - timedelta(days=days_ago)
        agreeing = 2 if days_ago < 3 else 9  # 20 % lately, 90 % before
        for n in range(10):
            label = "business" if n < agreeing else "sport"
            records.append(
                make_article(f"https://g.com/{days_ago}/{n}", published=when, label=label,
                             section_label="business", coverage=0.5)
            )  # fmt: skip
    store.save_source_result(store.start_refresh(["guardian"]), "guardian", records)
    text = _text(health_section(today=TODAY))
    assert "Agreement with the newspapers dropped." in text
    assert "All newspapers: agreement with the newspapers fell from 90%" in text
    assert "The Guardian: agreement" in text
    assert '"health-agreement"' in text and "unseen words" in text.lower()
    assert "the shipped model (pickles/): nothing has been promoted yet" in text
    assert "96.0% vs 98.8%" in text and "refused" in text and "20261124T100000Z-0123abcd" in text
    assert "97.7% vs 97.9%" in text  # as precise as the gate's reasons, not "98% vs 98%"
    assert text.index("2026-11-24T10:00:00Z") < text.index("2026-11-20T10:00:00Z")  # newest first


def test_an_empty_store_and_no_registry_say_so(page_env: Store, tmp_path: Path) -> None:
    (tmp_path / "models" / "history.json").unlink()
    text = _text(health_section(today=TODAY))
    assert "No articles in the last 30 days" in text and "No retraining yet" in text


def test_a_store_of_old_articles_says_how_old_they_are_instead_of_none(page_env: Store) -> None:
    old = make_article("https://g.com/2014", published=utc(2014, 3, 12, 9), label="business")
    page_env.save_source_result(page_env.start_refresh(["guardian"]), "guardian", [old])
    text = _text(health_section(today=TODAY))
    assert "No articles published in the last 30 days" in text
    assert "the newest stored article is from 12 March 2014" in text
    assert "refresh or import some" not in text


def test_the_model_page_with_the_store_down_is_a_notice(tmp_path: Path) -> None:
    with serving(settings=settings_with(database_url=DEAD_DATABASE, var_dir=tmp_path)):
        text = _text(model.layout())
    assert "The article store cannot be read right now" in text
    assert "Holdout" in text or "holdout" in text  # the rest of the page still renders


def test_the_model_page_names_every_file_the_model_was_trained_on(page_env: Store) -> None:
    text = _text(model.layout())
    for name in ("bbc-fulltext.zip", "huffpost-2018-spring.jsonl.gz", "demo-news.jsonl.gz"):
        assert f"{name} (sha256" in text  # the live model's "Trained on", one entry per file
    assert '"BBC corpus"' in text and '"Corpus"' not in text  # not the BBC zip as all it read


@pytest.mark.parametrize(
    ("metadata", "shown"),
    [
        (
            {"data": {"bbc": {"file": "bbc.zip", "sha256": "ab" * 32}}},
            "bbc: bbc.zip (sha256 abababababab)",
        ),
        ({"corpus": {"name": "bbc-fulltext.zip", "documents": 2127}}, "bbc-fulltext.zip"),
        ({"corpus": "bbc-fulltext.zip"}, "bbc-fulltext.zip"),
        ({}, "unknown"),
    ],
)
def test_a_model_json_from_before_the_outlets_names_its_bbc_corpus(
    metadata: dict[str, object], shown: str
) -> None:
    assert _trained_on(metadata) == shown
