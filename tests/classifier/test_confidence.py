"""The confidence map: the best topic's probability becomes its held-out accuracy."""

from __future__ import annotations

import numpy as np
import pytest

from classifier.confidence import ConfidenceMap
from classifier.errors import ModelError

MAP = ConfidenceMap(x=(0.2, 0.4, 0.6), y=(0.1, 0.7, 0.9))


def test_the_map_interpolates_and_clips_at_its_ends() -> None:
    np.testing.assert_allclose(MAP(np.array([0.1, 0.3, 0.5, 0.9])), [0.1, 0.4, 0.8, 0.9])
    cooled = ConfidenceMap(MAP.x, MAP.y, power=2.0)
    np.testing.assert_allclose(cooled(np.array([0.6])), [0.81])


def test_apply_maps_the_best_topic_and_rescales_the_rest_to_sum_to_one() -> None:
    rows = np.array([[0.4, 0.35, 0.25], [0.1, 0.2, 0.7]])
    mapped = MAP.apply(rows, np.array([0, 1, 2]))
    np.testing.assert_allclose(mapped.sum(axis=1), [1.0, 1.0])
    np.testing.assert_allclose(mapped[0], [0.7, 0.35 * 0.3 / 0.6, 0.25 * 0.3 / 0.6])
    assert mapped[1].argmax() == 2 and np.isclose(mapped[1, 2], 0.9)


def test_a_low_mapped_value_never_lets_the_runner_up_tie_or_overtake() -> None:
    # Both map to 0.125, below their runner-up; the second's best comes after it, so a tie
    # would hand argmax (and the gate's "most probable of the five") the runner-up.
    rows = np.array([[0.45, 0.44, 0.11], [0.11, 0.44, 0.45]])
    mapped = ConfidenceMap(x=(0.0, 1.0), y=(0.0, 0.25)).apply(rows, np.array([0, 1, 2]))
    assert mapped[0].argmax() == 0 and mapped[1].argmax() == 2
    assert mapped[0, 0] > mapped[0, 1] and mapped[1, 2] > mapped[1, 1]
    np.testing.assert_allclose(mapped[:, [0, 2]].max(axis=1), mapped[:, 1], rtol=1e-6)
    np.testing.assert_allclose(mapped.sum(axis=1), [1.0, 1.0])


def test_only_topic_columns_are_mapped_and_an_out_of_scope_row_is_kept() -> None:
    rows = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3]])  # column 0 is a learnt `other`
    mapped = MAP.apply(rows, np.array([1, 2]))
    np.testing.assert_allclose(mapped[0], rows[0])
    assert np.isclose(mapped[1, 1], 0.8) and np.isclose(mapped[1].sum(), 1.0)


def test_a_model_saved_without_a_map_has_none_and_a_map_round_trips() -> None:
    assert ConfidenceMap.from_dict(None) is None
    assert ConfidenceMap.from_dict(MAP.to_dict()) == MAP


@pytest.mark.parametrize(
    "data",
    [{"x": [0.1, 0.2]}, {"x": [0.1, 0.2], "y": [0.5]}, {"x": [0.3, 0.2], "y": [0.1, 0.2]},
     {"x": ["a"], "y": [1]}, {"x": 3, "y": 4}],
)  # fmt: skip
def test_a_malformed_map_in_model_json_is_a_model_error(data: dict[str, object]) -> None:
    with pytest.raises(ModelError, match="confidence_map"):
        ConfidenceMap.from_dict(data)


def test_a_topic_offset_lowers_that_topics_labels_only() -> None:
    shifted = ConfidenceMap(MAP.x, MAP.y, topics=(("b", -1.0),))
    rows = np.array([[0.6, 0.2, 0.2], [0.2, 0.6, 0.2]])
    plain = shifted.apply(rows, np.array([0, 1, 2]))  # no class names: the common curve
    np.testing.assert_allclose(plain, MAP.apply(rows, np.array([0, 1, 2])))
    mapped = shifted.apply(rows, np.array([0, 1, 2]), ("a", "b", "c"))
    assert np.isclose(mapped[0, 0], 0.9)  # a: 0.6 on the curve
    lowered = 1 / (1 + np.exp(1 - np.log(0.6 / 0.4)))  # b: log-odds of 0.6, minus 1
    assert np.isclose(mapped[1, 1], 0.1 + (lowered - 0.2) / 0.2 * 0.6)
    np.testing.assert_allclose(mapped.sum(axis=1), [1.0, 1.0])


def test_topic_offsets_round_trip_and_a_bad_one_is_a_model_error() -> None:
    shifted = ConfidenceMap(MAP.x, MAP.y, 1.1, topics=(("crime", -0.4),))
    assert shifted.to_dict()["topic_offsets"] == {"crime": -0.4}
    assert ConfidenceMap.from_dict(shifted.to_dict()) == shifted
    with pytest.raises(ModelError, match="confidence_map"):
        ConfidenceMap.from_dict({**MAP.to_dict(), "topic_offsets": {"crime": "low"}})
