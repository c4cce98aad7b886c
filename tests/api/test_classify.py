"""POST /classify and GET /model against the committed model."""

from __future__ import annotations

import math

from flask.testing import FlaskClient

from classifier import MAX_TEXT_CHARS
from runtime.services import champion

SPORT = (
    "The striker scored twice in the second half as the champions beat their rivals 3-1 "
    "to move top of the league, while the coach praised the defence after the match."
)
BUSINESS = (
    "Shares in the bank fell sharply after it reported lower quarterly profits, and "
    "investors worried about rising interest rates and the cost of its loans to companies."
)


def test_single_text_matches_the_model(client: FlaskClient) -> None:
    response = client.post("/api/v1/classify", json={"text": SPORT})
    assert response.status_code == 200
    body = response.get_json()
    model = champion()
    expected = model.predict([SPORT])[0]
    assert body["model_version"] == model.version
    result = body["result"]
    assert result["label"] == expected.label
    assert math.isclose(result["confidence"], expected.confidence)
    assert set(result["probabilities"]) == set(model.labels)
    assert math.isclose(sum(result["probabilities"].values()), 1.0, rel_tol=1e-6)
    terms = result["top_terms"]
    assert 0 < len(terms) <= 5
    assert [t["term"] for t in terms] == [t.term for t in model.explain(SPORT, k=5)]


def test_several_texts_in_order(client: FlaskClient) -> None:
    body = client.post("/api/v1/classify", json={"texts": [SPORT, BUSINESS]}).get_json()
    labels = [result["label"] for result in body["results"]]
    assert labels == [p.label for p in champion().predict([SPORT, BUSINESS])]
    # Batches are not explained unless asked: explaining costs more than predicting.
    assert all(result["top_terms"] == [] for result in body["results"])
    asked = client.post("/api/v1/classify", json={"texts": [SPORT, BUSINESS], "top_terms": 3})
    terms = [result["top_terms"] for result in asked.get_json()["results"]]
    assert [len(t) for t in terms] == [3, 3]
    assert terms[1][0]["term"] == champion().explain(BUSINESS, k=3)[0].term


def test_hundred_texts_and_text_at_the_cap_are_accepted(client: FlaskClient) -> None:
    response = client.post("/api/v1/classify", json={"texts": [BUSINESS] * 100})
    assert response.status_code == 200
    assert len(response.get_json()["results"]) == 100
    at_cap = ("match " * MAX_TEXT_CHARS)[:MAX_TEXT_CHARS]
    assert client.post("/api/v1/classify", json={"text": at_cap}).status_code == 200


def test_absurd_unicode_is_classified_not_crashed(client: FlaskClient) -> None:
    weird = "\u202e\u0000\ufeff Z̷̢͔a̶l̵g̷o̸ 𝕳𝖊𝖑𝖑𝖔 🤖 \U0010ffff"
    response = client.post("/api/v1/classify", json={"texts": [weird, "日本語のニュース"]})
    assert response.status_code == 200
    assert len(response.get_json()["results"]) == 2


def test_model_metadata(client: FlaskClient) -> None:
    body = client.get("/api/v1/model").get_json()
    model = champion()
    assert body["version"] == model.version
    assert body["labels"] == list(model.labels)
    assert body["max_text_chars"] == MAX_TEXT_CHARS
    assert body["metadata"] == model.metadata
