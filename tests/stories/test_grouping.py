"""Stories group articles of different newspapers that report the same event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from stories import group_stories
from stories.features import words

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    id: int
    source_id: str
    title: str
    summary: str = ""
    label: str = "other"
    hours: float = 0

    @property
    def url(self) -> str:
        return f"https://example.com/{self.source_id}/{self.id}"

    @property
    def when(self) -> datetime:
        return NOW - timedelta(hours=self.hours)


ITEMS = [
    Item(
        1,
        "guardian",
        "Bank of England raises interest rates to 5%",
        "Borrowers face costs",
        "business",
    ),
    Item(
        2, "bbc", "Interest rates raised again by the Bank of England", "Mortgages", "business", 1
    ),
    Item(3, "sky", "Bank of England interest rate rise hits borrowers", "", "other", 2),
    Item(4, "guardian", "Striker scores hat-trick as City win the cup final", "", "sport"),
    Item(5, "bbc", "City win cup final after striker's hat-trick", "", "sport", 3),
    Item(6, "sky", "New smartphone unveiled with folding screen", "", "tech"),
    Item(7, "guardian", "Bank of England: what the interest rate rise means", "", "business", 5),
]
FILLER = [
    Item(100 + n, ("guardian", "bbc", "sky")[n % 3], title, "", "other", 6)
    for n, title in enumerate(
        [
            "Storms bring snow to the Highlands overnight",
            "Polls open in the mayoral election",
            "West End musical extends its run",
            "Rovers sack manager after derby defeat",
            "Wimbledon seeds knocked out early",
            "Shares slip as investors await inflation data",
            "Crude prices climb on supply worries",
            "Gold hits record as dollar weakens",
            "Singer announces farewell tour dates",
            "Horror sequel tops the box office",
            "Telescope spots water on distant planet",
            "Hospital waiting lists grow in winter",
            "Airline cancels flights amid strike",
            "Chef opens vegan restaurant in Leeds",
            "Electric van sales double this year",
            "House prices fall for third month",
            "Teachers vote on pay offer",
            "Police appeal for witnesses after crash",
            "Judge jails fraudster for six years",
            "Rocket launch delayed by fuel leak",
        ]
    )
]


def test_same_story_across_papers_is_one_group_biggest_first() -> None:
    stories = group_stories(ITEMS + FILLER)
    assert [sorted(a.id for a in story.articles) for story in stories] == [[1, 2, 3, 7], [4, 5]]
    rates, final = stories
    assert rates.papers == ("guardian", "bbc", "sky") and rates.topic == "business"
    assert rates.missing(["guardian", "bbc", "sky", "mirror"]) == ["mirror"]
    assert final.topic == "sport" and final.missing(["guardian", "bbc", "sky"]) == ["sky"]
    assert rates.headline in {item.title for item in ITEMS[:3] + ITEMS[6:]}
    assert rates.latest == NOW


def test_words_are_stemmed_so_forms_of_a_word_meet() -> None:
    assert words("Rates rated rate rising rises the Bank's") == [
        "rat",
        "rat",
        "rat",
        "ris",
        "ris",
        "bank",
    ]


def test_a_story_of_one_paper_only_is_not_a_top_story() -> None:
    one_paper = [Item(1, "guardian", "Rates rise"), Item(2, "guardian", "Rates rise again")]
    assert group_stories(one_paper) == []
    assert group_stories([]) == []
    assert group_stories([Item(1, "a", "the and of"), Item(2, "b", "a the")]) == []


def test_every_story_is_returned_unless_a_limit_is_asked() -> None:
    headlines = [
        "Volcano erupts near Reykjavik airport", "Pound slumps against the dollar",
        "Madonna announces world tour dates", "Storm Ciaran floods Cornish villages",
        "Tesla recalls Cybertruck over pedal fault", "Wimbledon champion retires from tennis",
        "Teachers vote to strike over pay", "Mars rover finds ancient lake bed",
        "Bird flu reaches Antarctic penguins", "Louvre closes after jewel heist",
        "Chess prodigy beats grandmaster aged eight", "Eurovision host city chosen",
    ]  # fmt: skip
    many = [
        Item(n * 2 + k, paper, title)
        for n, title in enumerate(headlines)
        for k, paper in enumerate(("guardian", "bbc"))
    ]
    assert len(group_stories(many)) == 12
    assert len(group_stories(many, limit=3)) == 3


def test_to_dict_lists_links_and_missing_papers() -> None:
    body = group_stories(ITEMS + FILLER, limit=1)[0].to_dict(["guardian", "bbc", "sky", "mirror"])
    assert body["missing"] == ["mirror"] and body["topic"] == "business"
    assert {item["url"] for item in body["articles"]} == {
        item.url for item in ITEMS if item.id in (1, 2, 3, 7)
    }
    assert body["latest"].endswith("Z")
