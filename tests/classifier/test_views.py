"""An article's readings (full, headline, lead) and a model that serves their mean."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from classifier.artifacts import load_artifact
from classifier.model import TopicModel
from classifier.views import AVERAGED, FULL, HEADLINE, LEAD, reading_views, split_article


def test_an_article_reads_as_full_headline_and_lead_and_a_headline_as_itself() -> None:
    assert reading_views("Rates  rise", "The bank raised rates. Markets fell.") == [
        (FULL, "Rates rise\nThe bank raised rates. Markets fell."),
        (HEADLINE, "Rates rise"),
        (LEAD, "Rates rise. The bank raised rates."),
    ]
    assert reading_views("Only a headline", "  ") == [(HEADLINE, "Only a headline")]
    assert reading_views("", "") == []
    assert split_article(" Title\nBody one.\nBody two.") == ("Title", "Body one.\nBody two.")


def test_a_model_calibrated_on_averaged_views_serves_a_full_texts_mean(
    tiny_model_dir: Path,
) -> None:
    pipeline, metadata = load_artifact(tiny_model_dir)
    plain = TopicModel(pipeline, metadata)
    averaging = TopicModel(pipeline, {**metadata, "calibration": {"views": AVERAGED}})
    title, body = "Striker scores twice", "The striker scored twice in the league match. Fans sang."
    full = f"{title}\n{body}"
    readings = [full, title, f"{title}. The striker scored twice in the league match."]
    mean = np.mean([list(p.probabilities.values()) for p in plain.predict(readings)], axis=0)
    served, headline = averaging.predict([full, title])
    np.testing.assert_allclose(list(served.probabilities.values()), mean)
    assert served.coverage == plain.predict([full])[0].coverage
    # A headline alone has no other reading: the same prediction either way.
    assert headline == plain.predict([title])[0]
