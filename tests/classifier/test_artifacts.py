"""The model files: verified on load, tampered or incompatible ones refused with one line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import skops.io
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from classifier import ModelError, load_model
from classifier.artifacts import library_versions, load_artifact, sha256_bytes


def _edit_metadata(model_dir: Path, **changes: object) -> None:
    path = model_dir / "model.json"
    metadata = json.loads(path.read_text())
    metadata.update(changes)
    path.write_text(json.dumps(metadata))


def test_a_saved_model_loads_and_records_its_provenance(model_copy: Path) -> None:
    pipeline, metadata = load_artifact(model_copy)
    data = (model_copy / "model.skops").read_bytes()
    assert metadata["artifact"]["sha256"] == sha256_bytes(data)
    assert metadata["versions"] == library_versions()
    assert [name for name, _ in pipeline.steps] == ["clean", "tfidf", "clf"]
    for key in ("labels", "trained_at", "corpus", "model", "metrics", "threshold", "holdout_ids"):
        assert key in metadata


def test_a_flipped_byte_is_refused(model_copy: Path) -> None:
    path = model_copy / "model.skops"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match the sha256"):
        load_model(model_copy)


def test_another_library_version_is_refused(model_copy: Path) -> None:
    versions = {**library_versions(), "scikit-learn": "0.24.2"}
    _edit_metadata(model_copy, versions=versions)
    with pytest.raises(ModelError, match=r"scikit-learn 0\.24\.2"):
        load_model(model_copy)


def test_code_hidden_in_a_matching_artifact_is_refused(model_copy: Path) -> None:
    evil = Pipeline([("run", FunctionTransformer(os.system))])
    path = model_copy / "model.skops"
    skops.io.dump(evil, path)
    metadata = json.loads((model_copy / "model.json").read_text())
    metadata["artifact"]["sha256"] = sha256_bytes(path.read_bytes())
    (model_copy / "model.json").write_text(json.dumps(metadata))
    with pytest.raises(ModelError, match="untrusted types"):
        load_model(model_copy)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "model.json").unlink(), "no model in"),
        (lambda d: (d / "model.json").write_text("{not json"), "cannot read"),
        (lambda d: _edit_metadata(d, format=99), "not a format-1"),
        (lambda d: (d / "model.skops").unlink(), "cannot read"),
    ],
)
def test_missing_or_damaged_files_are_one_line_errors(
    model_copy: Path, damage: object, message: str
) -> None:
    assert callable(damage)
    damage(model_copy)
    with pytest.raises(ModelError, match=message) as error:
        load_model(model_copy)
    assert "\n" not in str(error.value)
