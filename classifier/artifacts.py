"""The model files in ``pickles/``: a skops artifact that cannot run code, and model.json."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import skops.io
from sklearn.pipeline import Pipeline
from skops.io.exceptions import UntrustedTypesFoundException

from classifier.errors import ModelError

FORMAT = 1
ARTIFACT = "model.skops"
METADATA = "model.json"
TRUSTED_TYPES = (
    "classifier.features.CompactTfidfVectorizer",
    "classifier.lexicon.LexiconPool",
    "classifier.novelty.NoveltyTfidfVectorizer",
    "classifier.text.TextCleaner",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._TemperatureScaling",
    "sklearn.model_selection._split.PredefinedSplit",
    "sklearn.model_selection._split.StratifiedKFold",
)
"""Types outside skops' defaults the loader accepts; anything else in the file is refused."""
EXACT_VERSIONS = ("scikit-learn", "skops")
MAJOR_VERSIONS = ("numpy", "scipy")
RETRAIN = "retrain with `python -m classifier train` or restore pickles/ from git"


def library_versions() -> dict[str, str]:
    """The versions of the libraries that produce and read the artifact."""
    names = (*EXACT_VERSIONS, *MAJOR_VERSIONS, "nltk")
    return {"python": platform.python_version(), **{name: version(name) for name in names}}


def sha256_bytes(data: bytes) -> str:
    """The hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        Path(tmp).chmod(0o644)  # mkstemp creates 0600; the model files are meant to be shared
        Path(tmp).replace(path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def save_model(pipeline: Pipeline, metadata: dict[str, Any], model_dir: Path) -> dict[str, Any]:
    """Write the artifact and model.json (each atomically); return the metadata as written."""
    model_dir.mkdir(parents=True, exist_ok=True)
    data = skops.io.dumps(pipeline, compression=zipfile.ZIP_DEFLATED)
    unexpected = set(skops.io.get_untrusted_types(data=data)) - set(TRUSTED_TYPES)
    if unexpected:
        raise ModelError(f"the pipeline holds types not in TRUSTED_TYPES: {sorted(unexpected)}")
    written = {
        **metadata,
        "format": FORMAT,
        "versions": library_versions(),
        "artifact": {"file": ARTIFACT, "sha256": sha256_bytes(data), "bytes": len(data)},
    }
    _write_atomic(model_dir / ARTIFACT, data)
    text = json.dumps(written, indent=2, ensure_ascii=False) + "\n"
    _write_atomic(model_dir / METADATA, text.encode())
    return written


def read_metadata(model_dir: Path) -> dict[str, Any]:
    """The parsed model.json of ``model_dir``, checked for format and library versions."""
    path = model_dir / METADATA
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"no model in {model_dir} ({METADATA} missing): {RETRAIN}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}") from exc
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ModelError(f"{path} is not a format-{FORMAT} model description: {RETRAIN}")
    _check_versions(metadata.get("versions"), path)
    return metadata


def _check_versions(saved: object, path: Path) -> None:
    current = library_versions()
    if not isinstance(saved, dict):
        raise ModelError(f"{path} lists no library versions: {RETRAIN}")
    for name in (*EXACT_VERSIONS, *MAJOR_VERSIONS):
        want, have = str(saved.get(name)), current[name]
        same = want == have if name in EXACT_VERSIONS else want.split(".")[0] == have.split(".")[0]
        if not same:
            raise ModelError(
                f"model in {path.parent} was saved with {name} {want}, this is {have}: {RETRAIN}"
            )


def load_artifact(model_dir: Path) -> tuple[Pipeline, dict[str, Any]]:
    """The verified pipeline and metadata of ``model_dir``; ModelError when anything is off."""
    metadata = read_metadata(model_dir)
    artifact = metadata.get("artifact")
    if not isinstance(artifact, dict) or artifact.get("file") != ARTIFACT:
        raise ModelError(f"{model_dir / METADATA} does not describe {ARTIFACT}: {RETRAIN}")
    path = model_dir / ARTIFACT
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror or exc}: {RETRAIN}") from exc
    if sha256_bytes(data) != artifact.get("sha256"):
        raise ModelError(f"{path} does not match the sha256 in {METADATA} (tampered?): {RETRAIN}")
    try:
        pipeline = skops.io.loads(data, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        raise ModelError(f"{path} holds untrusted types ({exc}): refusing to load it") from exc
    except Exception as exc:  # skops raises many kinds on a damaged file
        raise ModelError(f"cannot load {path}: {type(exc).__name__}: {exc}: {RETRAIN}") from exc
    if not isinstance(pipeline, Pipeline):
        raise ModelError(f"{path} does not hold a scikit-learn Pipeline: {RETRAIN}")
    return pipeline, metadata
