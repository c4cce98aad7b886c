"""WordNet lemmas without loading WordNet: tables taken at training, NLTK's rules at serving.

Loading NLTK's WordNet reader costs seconds per process (it parses every index file). The
cleaner only asks for noun and verb lemmas, so training exports what those need (the noun and
verb lemma names and exception lists) as one string stored in the model file, and serving
applies the same rules as ``nltk.corpus.reader.wordnet.WordNetCorpusReader._morphy`` and
``WordNetLemmatizer.lemmatize`` (shortest match, else the word itself) on those tables.
"""

from __future__ import annotations

from functools import cache

from classifier import corpora

POS = ("n", "v")
SUBSTITUTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("ves", "f"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
}
"""WordNet's detachment rules for nouns and verbs, as in NLTK's reader."""
_SECTION = "\x1e"  # ASCII record separator: never in a WordNet lemma
_CACHE_LIMIT = 200_000


def export_tables() -> str:
    """The noun and verb lemma names and exception lists of NLTK's WordNet, packed in one string."""
    corpora.require("wordnet")
    from nltk.corpus import wordnet

    wordnet.ensure_loaded()
    sections = []
    for pos in POS:
        names = sorted(
            name for name, kinds in wordnet._lemma_pos_offset_map.items() if pos in kinds
        )
        exceptions = sorted(
            " ".join([form, *lemmas]) for form, lemmas in wordnet._exception_map[pos].items()
        )
        sections += ["\n".join(names), "\n".join(exceptions)]
    return _SECTION.join(sections)


class TableLemmatizer:
    """``WordNetLemmatizer().lemmatize(word, pos)`` for nouns and verbs, from exported tables."""

    def __init__(self, tables: str) -> None:
        """Unpack ``tables`` (from ``export_tables``)."""
        sections = tables.split(_SECTION)
        if len(sections) != 2 * len(POS):
            raise ValueError("lemma tables are damaged (wrong number of sections)")
        self._names: dict[str, frozenset[str]] = {}
        self._exceptions: dict[str, dict[str, list[str]]] = {}
        for number, pos in enumerate(POS):
            names, exceptions = sections[2 * number], sections[2 * number + 1]
            self._names[pos] = frozenset(names.split("\n"))
            self._exceptions[pos] = {
                parts[0]: parts[1:]
                for parts in (line.split(" ") for line in exceptions.split("\n"))
            }
        self._cache: dict[tuple[str, str], str] = {}

    def _morphy(self, form: str, pos: str) -> list[str]:
        names = self._names[pos]
        exceptions = self._exceptions[pos]
        if form in exceptions:
            forms = exceptions[form]
        else:
            forms = [
                form[: -len(old)] + new for old, new in SUBSTITUTIONS[pos] if form.endswith(old)
            ]
        result: list[str] = []
        for candidate in [form, *forms]:
            if candidate in names and candidate not in result:
                result.append(candidate)
        return result

    def clear(self) -> None:
        """Forget the computed lemmas (benchmarks measure a cold cache with it)."""
        self._cache.clear()

    def lemmatize(self, word: str, pos: str = "n") -> str:
        """The shortest WordNet lemma of ``word`` as ``pos`` ("n" or "v"), else ``word``."""
        key = (word, pos)
        found = self._cache.get(key)
        if found is None:
            lemmas = self._morphy(word, pos)
            found = min(lemmas, key=len) if lemmas else word
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        return found


@cache
def lemmatizer_for(tables: str) -> TableLemmatizer:
    """One unpacked lemmatiser per distinct table string in this process."""
    return TableLemmatizer(tables)
