"""The learning use case: retrain on newspaper labels and corrections behind a gate, relabel."""

from __future__ import annotations

from learning.cycle import retrain_deployment
from learning.relabel import relabel
from learning.retrain import RetrainReport, retrain

__all__ = ["RetrainReport", "relabel", "retrain", "retrain_deployment"]
