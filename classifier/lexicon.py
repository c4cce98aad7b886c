"""A pooled word-list feature: one extra column holding a text's TF-IDF mass on a lexicon.

Crime is taught by two outlets that file it differently (HuffPost's US crime desk, the
Wikipedia portal's international "Law and crime"), so each crime word alone carries little
weight on an outlet the model never saw. ``LexiconPool`` sums a text's TF-IDF values over
the lexicon's columns (capped at ``cap``, times ``scale``) into one column after the TF-IDF
ones: the classifier learns how much "any crime word" says, whichever words an outlet uses.
It is a step of the served Pipeline (cleaner → TF-IDF → pool → classifier), so training and
prediction compute it the same way; see BENCHMARKS.md, *Crime recall on held-out outlets*.

World news is the same problem with places: HuffPost files "Merkel re-elected" and "Russia
poisoned a spy, UK officials say" as world news, the portal its wars and summits, and no
single country carries much weight on an outlet the model never saw. The world column is a
*meet* of two pools, min(mass of foreign places, mass of statecraft words): a foreign place
alone is often sport or business ("France beat Ireland", "China's exports rise"), a place
with a government, army, election or summit is world news (*World recall on held-out
outlets* in BENCHMARKS.md).

Crime abroad meets the world column: "prosecutors abroad charge a former soldier", "a
military court sentences 19 for an attack" carry foreign places and statecraft words, and a
crime section files them. The justice column is a third pool, a meet of an offence (murder, fraud,
bombing, kidnap...) with the justice process (arrest, charge, court, trial, sentence,
prison...), wherever it happens: a trial of a politician for no offence, or troops killing
in a war with no arrest, court or prison, leave it at 0 (*Crime abroad: offence meets
justice* in BENCHMARKS.md).

Politics is the topic an outlet the model never read loses most often: HuffPost's US
politics (GOP, senators, the Mueller inquiry) went to crime, business and world when the
model had learnt politics from the BBC's Westminster and the portal's elections abroad. The
politics column pools the words of elections, parties and legislatures, wherever they sit
(*Politics on outlets never read* in BENCHMARKS.md). Government and minister words are left
out: they are statecraft, the world column's. The mass of foreign places is taken off the
column, so a vote abroad gets less of its push: the BBC, HuffPost and the wire services file
it as world news (the portal files elections abroad under politics, and its words still
teach the model that; the column only stops adding to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

_CRIME_TEXT = """
    abduct abduction abuse arrest arson assault bail burglary cartel charge convict conviction
    cop crime criminal custody death detective drug execute execution felony firearm fraud
    fugitive gang guilty gun gunman homicide indict indictment inmate jail kidnap kill killing
    manhunt manslaughter molest murder offender officer parole penalty plead police prison
    prosecute prosecutor rape rob robbery sentence sex shoot shooter shooting smuggle stab
    stabbing steal suspect theft trafficker trafficking victim violence violent weapon
"""
CRIME_WORDS = frozenset(_CRIME_TEXT.split())
"""Cleaned (lower-case, lemmatised) words of police, violence, theft, fraud and punishment.
Court, trial, judge, lawyer and investigation words are left out: politics shares them."""
CRIME_SCALE = 5.0
"""The pooled column's weight, chosen on held-out outlets (BENCHMARKS.md): 4 alone; 5 beside
the world column, which takes some international crime stories to world."""
_STATECRAFT_TEXT = """
    aid airstrike ambassador army attack authority bomb border ceasefire coup crisis diplomat
    election embassy force foreign government hostage humanitarian insurgent invasion junta
    kill leader migrant militant military minister missile nato nuclear occupation official
    opposition parliament peace president prime protest protester rebel refugee regime
    sanction soldier strike summit talk troop vote war
"""
STATECRAFT_WORDS = frozenset(_STATECRAFT_TEXT.split())
"""Cleaned words of government, diplomacy, war and unrest, met with foreign places."""
_OFFENCE_TEXT = """
    abduct abduction abuse arson assault attack bomb bribe bribery burglary cartel corruption
    crime criminal drug embezzlement explosion firearm fraud fugitive gang gun gunman homicide
    hostage kidnap kill launder manslaughter molest murder rape rob robbery shoot shooter
    smuggle stab steal terrorism terrorist theft trafficker victim violence violent weapon
"""
OFFENCE_WORDS = frozenset(_OFFENCE_TEXT.split())
"""Cleaned words of offences: violence, theft, fraud, corruption, drugs, terror."""
_JUSTICE_TEXT = """
    acquit arrest bail charge convict conviction court custody detain detention extradite
    extradition guilty imprison indict indictment inmate jail judge offender parole plead
    police prison prosecute prosecution prosecutor sentence suspect trial verdict warrant
"""
JUSTICE_WORDS = frozenset(_JUSTICE_TEXT.split())
"""Cleaned words of the justice process, from arrest to prison. Court and trial words are
here, not in CRIME_WORDS: met with an offence they no longer pull political trials to crime."""
JUSTICE_SCALE = 4.0
"""The justice column's weight (offence met with justice), chosen on held-out outlets and
the import-and-retrain check (BENCHMARKS.md)."""
_POLITICS_TEXT = """
    ballot cabinet campaign candidate caucus chancellor coalition congress congressional
    congressman congresswoman constituency democrat democratic elect election gop governor
    impeachment labour lawmaker legislation legislative legislator lib mayor mp opposition
    parliament parliamentary party poll presidential primary referendum republican senate
    senator tory veto vote voter westminster whip
"""
POLITICS_WORDS = frozenset(_POLITICS_TEXT.split())
"""Cleaned words of elections, parties and legislatures (UK and US), less foreign places."""
POLITICS_SCALE = 3.0
"""The politics column's weight: 2 to 8 gave about the same mean held-out-outlet accuracy;
4 and more moved a BBC-2005 article and took its holdout below the bar (BENCHMARKS.md)."""
WORLD_SCALE = 3.0
"""The world column's weight. 3 since smoothing and the cooled confidence map: held-out world
recall +2 to +5 points, later portal items -2; 4 costs the portal more, and before the cooled
map it pushed a retrained model to 3.9 % confidently wrong (BENCHMARKS.md)."""


def lexicon_columns(vocabulary: Mapping[str, int], words: Iterable[str]) -> tuple[int, ...]:
    """The TF-IDF columns of ``words`` that ``vocabulary`` knows, sorted."""
    return tuple(sorted(vocabulary[word] for word in words if word in vocabulary))


class LexiconPool(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Append one column: ``scale`` × min(sum of a row's values in ``columns``, ``cap``).

    With ``meet`` columns, the column is ``scale`` × the smaller of the two capped sums: the
    text must carry both word lists (foreign places *and* statecraft). With ``unless``
    columns, the second capped sum is taken off, down to 0: election words count for
    politics only as far as the text is not about foreign places."""

    def __init__(
        self, columns: tuple[int, ...] = (), scale: float = CRIME_SCALE, cap: float = 1.0,
        name: str = "crime words", meet: tuple[int, ...] = (), unless: tuple[int, ...] = (),
    ) -> None:  # fmt: skip
        self.columns = columns
        self.scale = scale
        self.cap = cap
        self.name = name
        self.meet = meet
        self.unless = unless

    def fit(self, features: Any, y: Any = None) -> LexiconPool:
        """Nothing to learn: the columns are given."""
        self.n_features_in_ = features.shape[1]
        return self

    def transform(self, features: Any) -> sp.csr_matrix:
        """``features`` with the pooled column appended (CSR)."""
        pooled = self._mass(features, self.columns)
        meet = getattr(self, "meet", ())  # models saved before the world column have none
        if meet:
            pooled = np.minimum(pooled, self._mass(features, meet))
        unless = getattr(self, "unless", ())  # nor before the politics column
        if unless:
            pooled = np.maximum(pooled - self._mass(features, unless), 0.0)
        column = sp.csr_matrix((pooled * self.scale)[:, None])
        return sp.hstack([features, column], format="csr")

    def _mass(self, features: Any, columns: tuple[int, ...]) -> np.ndarray:
        indicator = np.zeros(features.shape[1])
        indicator[list(columns)] = 1.0
        mass: np.ndarray = np.minimum(np.asarray(features @ indicator).ravel(), self.cap)
        return mass

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The input's names, then ``name`` for the pooled column."""
        names = np.asarray(input_features if input_features is not None else [], dtype=object)
        return np.concatenate([names, np.array([self.name], dtype=object)])
