"""Top stories: articles of different newspapers that report the same story, grouped."""

from stories.features import story_text, vectors, words
from stories.grouping import Story, StoryArticle, collect, group_stories
from stories.membership import SIMILARITY, WINDOW, assign
from stories.stored import assign_stored

__all__ = [
    "SIMILARITY",
    "WINDOW",
    "Story",
    "StoryArticle",
    "assign",
    "assign_stored",
    "collect",
    "group_stories",
    "story_text",
    "vectors",
    "words",
]
