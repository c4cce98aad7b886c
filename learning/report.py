"""Holdout evaluation through the served model, and the readable training report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from classifier.model import OTHER, TopicModel


def evaluate(model: TopicModel, texts: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class scores and confusion of ``model.predict`` on labelled texts.

    Macro-F1 and the per-class scores cover the topics the texts carry: a topic with no text
    (crime and world in the BBC's 2005 holdout) would add an F1 of 0 that says nothing.
    """
    predictions = model.predict(texts)
    topics = [prediction.topic for prediction in predictions]
    order = list(model.labels)
    carried = [label for label in order if label in set(labels)]
    precision, recall, f1, support = precision_recall_fscore_support(
        labels, topics, labels=carried, zero_division=0
    )
    accepted = [(p.topic, y) for p, y in zip(predictions, labels, strict=True) if p.label != OTHER]
    return {
        "documents": len(labels),
        "accuracy": float(accuracy_score(labels, topics)),
        "f1_macro": float(
            f1_score(labels, topics, labels=carried, average="macro", zero_division=0)
        ),
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(carried)
        },
        "confusion": confusion_matrix(labels, topics, labels=order).tolist(),
        "labelled_fraction": len(accepted) / len(labels) if labels else 0.0,
        "labelled_accuracy": (
            sum(topic == y for topic, y in accepted) / len(accepted) if accepted else 0.0
        ),
    }


def render(metadata: dict[str, Any]) -> str:
    """The training report of a model.json as plain text."""
    model, corpus, cv = metadata["model"], metadata["corpus"], metadata["cv"]
    holdout, threshold = metadata["metrics"]["holdout"], metadata["threshold"]
    labels: list[str] = metadata["labels"]
    width = max(len(label) for label in [*labels, "family"]) + 2
    lines = [
        f"Corpus: {corpus['articles']} articles, {corpus['duplicates']} exact duplicates "
        f"removed, {corpus['documents']} kept (sha256 {corpus['sha256'][:12]})",
        f"Chosen model: {model['family']} {model['params']}, calibrated ({model['calibration']})",
        "",
        f"Cross-validation ({metadata['cv_folds']}-fold, training part), best of each family:",
        f"  {'family':<22}{'macro-F1':>18}{'accuracy':>18}",
    ]
    for name, scores in cv.items():
        mark = " *" if name == model["family"] else ""
        lines.append(
            f"  {name:<22}{scores['f1_macro_mean']:>10.4f} ± {scores['f1_macro_std']:.4f}"
            f"{scores['accuracy_mean']:>10.4f} ± {scores['accuracy_std']:.4f}{mark}"
        )
    lines += [
        "",
        f"Holdout ({holdout['documents']} articles, never seen in training or selection):",
        f"  {'':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}",
    ]
    for label, scores in holdout["per_class"].items():
        lines.append(
            f"  {label:<{width}}{scores['precision']:>10.4f}{scores['recall']:>10.4f}"
            f"{scores['f1']:>10.4f}{scores['support']:>10}"
        )
    lines += [
        f"  accuracy {holdout['accuracy']:.4f}   macro-F1 {holdout['f1_macro']:.4f}",
        "",
        "Confusion matrix (rows: true topic, columns: predicted topic):",
        "  " + " " * width + "".join(f"{label[:8]:>10}" for label in labels),
    ]
    for label, row in zip(labels, holdout["confusion"], strict=True):
        lines.append(f"  {label:<{width}}" + "".join(f"{count:>10}" for count in row))
    lines += [
        "",
        f"`other` threshold: {threshold['value']:.4f}, the {threshold['rule']}.",
        (
            f"  out-of-fold: {threshold['oof_coverage']:.1%} labelled, "
            f"{threshold['oof_precision']:.1%} of them correct"
            if "oof_coverage" in threshold
            else f"  held out: {threshold['held_out_coverage']:.1%} labelled, "
            f"{threshold['held_out_precision']:.1%} of them correct"
        ),
        f"  holdout: {holdout['labelled_fraction']:.1%} labelled, "
        f"{holdout['labelled_accuracy']:.1%} of them correct",
    ]
    return "\n".join(lines)
