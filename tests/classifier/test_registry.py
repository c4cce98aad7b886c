"""The model registry: versions, champion pointer, history; the live champion follows promotions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from classifier.artifacts import load_artifact
from classifier.errors import ModelError
from classifier.loading import load_model
from classifier.registry import Registry
from runtime.services import champion
from tests.conftest import REPO


def _save_copy(registry: Registry, model_dir: Path) -> str:
    pipeline, metadata = load_artifact(model_dir)
    return registry.save(pipeline, metadata)


def test_saved_versions_are_not_live_until_promoted(tmp_path: Path, tiny_model_dir: Path) -> None:
    registry = Registry(tmp_path / "models")
    assert registry.champion() is None and registry.history() == []
    version = _save_copy(registry, tiny_model_dir)
    assert registry.versions() == [version] and registry.champion() is None
    assert load_model(registry.model_dir(version)).version == version
    registry.promote(version, {"promoted": True, "candidate": {"bbc_holdout": {"accuracy": 1.0}}})
    assert registry.champion() == version
    [entry] = registry.history()
    assert entry["version"] == version and entry["previous"] is None
    assert entry["candidate"]["bbc_holdout"]["accuracy"] == 1.0
    registry.record({"promoted": False, "reasons": ["does not win"]})
    assert [e["promoted"] for e in registry.history()] == [True, False]
    leftovers = [p.name for p in registry.root.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_bad_names_and_broken_pointers_are_one_line_errors(tmp_path: Path) -> None:
    registry = Registry(tmp_path / "models")
    with pytest.raises(ModelError, match="not a model version"):
        registry.model_dir("../../etc")
    with pytest.raises(ModelError, match="no model version"):
        registry.promote("20260101T000000Z-0000abcd", {})
    registry.root.mkdir(parents=True)
    (registry.root / "champion.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot read"):
        registry.champion()


_CHILD = """
import sys
from runtime.services import champion
model = champion()
print(model.version, flush=True)
sys.stdin.readline()
print(model.predict(["goal team match"])[0].label, model.version, flush=True)
"""


def test_a_running_process_picks_up_a_promoted_model_without_restart(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    registry = Registry(tmp_path / "models")
    env = {
        **os.environ,
        "VAR_DIR": str(tmp_path),
        "MODEL_DIR": str(tiny_model_dir),
        "MODEL_CHECK_SECONDS": "0",  # look at the pointer on every call: no waiting on a clock
    }
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        shipped = child.stdout.readline().strip()
        assert (
            shipped
            == json.loads((tiny_model_dir / "model.json").read_text())["artifact"]["sha256"][:12]
        )
        version = _save_copy(registry, tiny_model_dir)
        registry.promote(version, {"promoted": True})
        child.stdin.write("go\n")
        child.stdin.flush()
        label, live = child.stdout.readline().split()
        assert live == version and label == "sport"
    finally:
        child.kill()
        child.wait(timeout=10)


def test_load_model_without_a_folder_serves_the_champion(
    tmp_path: Path, tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    monkeypatch.setenv("MODEL_DIR", str(tiny_model_dir))
    monkeypatch.setenv("MODEL_CHECK_SECONDS", "0")
    model = champion()
    assert model.version == load_model(tiny_model_dir).version
    registry = Registry(tmp_path / "models")
    version = _save_copy(registry, tiny_model_dir)
    registry.promote(version, {"promoted": True})
    assert model.version == version
    assert champion() is model


def test_a_broken_champion_falls_back_to_the_shipped_model(
    tmp_path: Path, tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = Registry(tmp_path / "models")
    version = _save_copy(registry, tiny_model_dir)
    registry.promote(version, {"promoted": True})
    (registry.model_dir(version) / "model.skops").write_bytes(b"tampered")
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    monkeypatch.setenv("MODEL_DIR", str(tiny_model_dir))
    model = champion()
    assert model.version == load_model(tiny_model_dir).version
    assert model.predict(["goal team match"])[0].label == "sport"
