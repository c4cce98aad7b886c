"""Confidence that means "how often a label like this was right on outlets the model never saw".

The temperature makes the model's probabilities rank well and keeps confidently-wrong labels
rare, but cooled enough for that it is under-confident: a label shown at 40 % was right about
70 % of the time on held-out outlets. ``ConfidenceMap`` is a monotone map from the model's
probability of its best topic to the accuracy measured at that probability (isotonic
regression on held-out-outlet predictions, raised to a power until no outlet is more than the
limit confidently wrong; ``learning.calibration.fit_confidence_map``). A topic whose labels
were right less often than the others at the same probability is first shifted down by a
log-odds offset of its own (``topics``): held out, a crime label shown at 0.8-0.9 was right
35 % of the time (other outlets file a shooting under world, politics or their local pages),
a politics label 97 %. ``apply`` sets the best topic's probability to the mapped value and
rescales the others to fill the rest, never so far that another topic ties or overtakes it,
so a prediction's ``probabilities`` still sum to 1 and its ``confidence`` is one of them. A
row whose most likely class is a learnt ``other`` is left as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from classifier.errors import ModelError

_MARGIN = 1e-9
"""How far (relatively) a best topic mapped down to its runner-up stays above it."""
_EDGE = 1e-6
"""Probabilities are kept this far from 0 and 1 before taking their log-odds."""


@dataclass(frozen=True)
class ConfidenceMap:
    """For a topic named in ``topics``, its offset added to the probability's log-odds; then
    piecewise-linear ``x → y`` (increasing), then ``y ** power``."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    power: float = 1.0
    topics: tuple[tuple[str, float], ...] = ()

    def __call__(self, confidence: np.ndarray, topics: np.ndarray | None = None) -> np.ndarray:
        """The mapped confidence of each value (of a label of ``topics``, when given)."""
        confidence = np.array(confidence, dtype=float)
        if topics is not None:
            for topic, offset in self.topics:
                own = topics == topic
                confidence[own] = shifted(confidence[own], offset)
        result: np.ndarray = np.interp(confidence, self.x, self.y) ** self.power
        return result

    def apply(
        self, rows: np.ndarray, topic_columns: np.ndarray, classes: Sequence[str] = ()
    ) -> np.ndarray:
        """``rows`` (probabilities, columns ``classes``) with each row's best topic mapped and
        the rest rescaled (without ``classes``, every topic by the common curve)."""
        index = np.arange(len(rows))
        best = topic_columns[rows[:, topic_columns].argmax(axis=1)]
        names = np.asarray(classes)[best] if len(classes) else None
        top = rows[index, best]
        rest = rows.copy()
        rest[index, best] = 0.0
        runner = rest.max(axis=1)
        # The mapped value may not fall to the level at which the runner-up, rescaled, would
        # tie or overtake the best topic: p2 (1 - m) / (1 - top) < m. At equality argmax (and
        # a "most probable of these labels" score) would pick whichever class comes first.
        floor = runner / np.maximum(1.0 - top + runner, 1e-12) * (1.0 + _MARGIN)
        mapped = np.clip(np.maximum(self(top, names), floor), 0.0, 1.0)
        scale = (1.0 - mapped) / np.maximum(1.0 - top, 1e-12)
        result: np.ndarray = rest * scale[:, None]
        result[index, best] = mapped
        # A row whose most likely class is a learnt `other` (out of scope) stays as it was.
        out_of_scope = ~np.isin(rows.argmax(axis=1), topic_columns)
        result[out_of_scope] = rows[out_of_scope]
        return result

    def to_dict(self) -> dict[str, Any]:
        """The model.json form."""
        data: dict[str, Any] = {"x": list(self.x), "y": list(self.y), "power": self.power}
        if self.topics:
            data["topic_offsets"] = dict(self.topics)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ConfidenceMap | None:
        """The map in model.json, or None for a model saved without one."""
        if not data:
            return None
        try:
            x, y = tuple(map(float, data["x"])), tuple(map(float, data["y"]))
            power = float(data.get("power", 1.0))
            offsets = data.get("topic_offsets") or {}
            topics = tuple((str(name), float(offset)) for name, offset in offsets.items())
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(
                f"model.json calibration.confidence_map is malformed: {exc!r}"
            ) from exc
        if not x or len(x) != len(y) or any(b < a for a, b in pairwise(x)):
            raise ModelError(
                "model.json calibration.confidence_map needs increasing x and one y each"
            )
        return cls(x, y, power, topics)


def shifted(confidence: np.ndarray, offset: float) -> np.ndarray:
    """``confidence`` with ``offset`` added to its log-odds."""
    p = np.clip(confidence, _EDGE, 1.0 - _EDGE)
    result: np.ndarray = 1.0 / (1.0 + np.exp(-(np.log(p / (1.0 - p)) + offset)))
    return result
