"""Hand labels of the shared fixture pages (real 2023–26 newspaper pages): a third-outlet check.

Labelled by their content with the default topics; pages that mix topics are left out. The
Spanish El País page is `other` (the model reads English only).
"""

from __future__ import annotations

import json
from pathlib import Path

FIXTURE_TOPICS = {
    "es/ElPais:V1": "other",
    "uk/BBC:V1": "business",
    "uk/BBC:V2": "world",
    "uk/DailyStar:V1": "other",
    "uk/DailyStar:V1_1": "crime",
    "uk/EuronewsEN:V1": "crime",
    "uk/EuronewsEN:V1_1": "business",
    "uk/EveningStandard:V1": "sport",
    "uk/EveningStandard:V1_1": "world",
    "uk/Metro:V1": "politics",
    "uk/Metro:V1_1": "world",
    "uk/Nature:V1": "science",
    "uk/TechRadar:V1": "tech",
    "uk/TheGuardian:V1": "world",
    "uk/TheIndependent:V1": "world",
    "uk/TheMirror:V1": "other",
    "uk/TheMirror:V1_2": "crime",
    "uk/TheTelegraph:V1": "other",
    "uk/TheTelegraph:V1_1": "politics",
    "uk/iNews:V1": "sport",
    "us/APNews:V1": "business",
    "us/APNews:V1_1": "politics",
    "us/BusinessInsider:V1": "other",
    "us/BusinessInsider:V2": "health",
    "us/CNBC:V1": "business",
    "us/FoxNews:V1": "politics",
    "us/FreeBeacon:V1": "politics",
    "us/LATimes:V1": "sport",
    "us/OccupyDemocrats:V1": "politics",
    "us/Reuters:V1": "world",
    "us/Reuters:V1_1": "world",
    "us/RollingStone:V1": "entertainment",
    "us/RollingStone:V1_1": "entertainment",
    "us/TechCrunch:V1": "tech",
    "us/TechCrunch:V1_1": "tech",
    "us/TheGatewayPundit:V1": "crime",
    "us/TheGatewayPundit:V2": "world",
    "us/TheIntercept:V1": "politics",
    "us/TheIntercept:V1_1": "world",
    "us/TheNation:V2": "politics",
    "us/TheNewYorker:V1": "science",
    "us/WashingtonTimes:V1": "politics",
    "us/Wired:V1": "other",
}


def fixture_pages(folder: Path) -> list[tuple[str, str, str]]:
    """(title, body, label) of each hand-labelled page in ``folder`` (…/fixtures/articles)."""
    pages = []
    for key, label in FIXTURE_TOPICS.items():
        name, version = key.split(":")
        page = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))[version]
        body = page["body"]
        paragraphs = list(body.get("summary", []))
        for section in body.get("sections", []):
            paragraphs += section.get("headline", []) + section.get("paragraphs", [])
        pages.append((page["title"], "\n\n".join(paragraphs), label))
    return pages
