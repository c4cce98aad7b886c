"""Top stories: articles of different newspapers that report the same story, grouped."""

from stories.grouping import SIMILARITY, Story, StoryArticle, group_stories

__all__ = ["SIMILARITY", "Story", "StoryArticle", "group_stories"]
