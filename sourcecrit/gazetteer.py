"""The gazetteer: every person, place and organisation with the spellings documents use.

A name resolves when it equals an id, label or variant after folding (case, diacritics),
or else when the transliteration key (:func:`sourcecrit.names.skeleton`) takes it to the
names of exactly one entity; ``check`` lists those at info level. A name the key takes to
several entities is refused with them; a name that is merely close is never merged: it gets
a suggestion.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from sourcecrit.models import Entity
from sourcecrit.names import fold, skeleton
from sourcecrit.values.base import ValueProblem

SUGGESTION_CUTOFF = 0.86


class Gazetteer:
    """Entities by id, and an index of their folded names."""

    def __init__(self, entities: Iterable[Entity]):
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            for name in self.names_of(entity):
                self._by_name[fold(name)].add(entity.id)
        self._skeletons = list(self._by_name)

    @functools.cached_property
    def skeleton_forms(self) -> list[str]:
        """The skeleton of each folded name, for suggestions and search: made when first
        asked for (a load that meets no unknown name never needs them)."""
        return [skeleton(name) for name in self._skeletons]

    def __getstate__(self) -> dict:
        self.skeleton_forms  # noqa: B018 - pickled with them: made by the cache writer, not at the first search
        return self.__dict__

    @functools.cached_property
    def _by_skeleton(self) -> dict[str, set[str]]:
        """Entity ids by the skeleton of each of their names: made at the first name that
        does not resolve by folding alone."""
        found: dict[str, set[str]] = defaultdict(set)
        for folded, form in zip(self._skeletons, self.skeleton_forms):
            found[form] |= self._by_name[folded]
        return found

    @staticmethod
    def names_of(entity: Entity) -> list[str]:
        return [entity.id, entity.label, *entity.variants]

    def resolve(self, name: str) -> str | None:
        """The entity id that ``name`` spells, None if none; ValueProblem if it spells several."""
        ids = self._by_name.get(fold(name))
        if not ids:
            ids = self._keyed(name)
            if not ids:
                return None
            if len(ids) > 1:
                raise ValueProblem(f"'{name}' may be any of {self._listed(ids)} (their names meet "
                                   "through the transliteration key); write the id, or add it as a variant")
        if len(ids) > 1:
            raise ValueProblem(f"'{name}' may be any of {', '.join(sorted(ids))}; write the id")
        return next(iter(ids))

    def _keyed(self, name: str) -> set[str]:
        return self._by_skeleton.get(skeleton(name), set()) if self._by_name else set()

    def _listed(self, ids: Iterable[str]) -> str:
        return " or ".join(f"{self.label(i)} ({i})" for i in sorted(ids))

    def through_key(self, name: str) -> str | None:
        """The entity a name reaches only through the transliteration key, None if it spells
        one by folding or reaches none or several (for ``check``'s info notes)."""
        memo = self.__dict__.setdefault("_through", {})  # a gazetteer pickled before has none
        found = memo.get(name, self)
        if found is self:  # asked for every name of every claim at each check: remembered
            ids = set() if fold(name) in self._by_name else self._keyed(name)
            found = memo[name] = next(iter(ids)) if len(ids) == 1 else None
        return found

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.label if entity else entity_id

    def suggest(self, name: str, limit: int = 2) -> list[str]:
        """Known names close to ``name``, as 'Label (id)', for an error message."""
        found = process.extract(
            skeleton(name),
            self.skeleton_forms,
            scorer=JaroWinkler.normalized_similarity,
            score_cutoff=SUGGESTION_CUTOFF,
            limit=limit * 3,
        )
        seen: list[str] = []
        for _, _, index in found:
            for entity_id in sorted(self._by_name[self._skeletons[index]]):
                text = f"{self.label(entity_id)} ({entity_id})"
                if text not in seen:
                    seen.append(text)
        return seen[:limit]

    def matching(self, query: str, cutoff: float = 0.88) -> set[str]:
        """Entity ids whose names match ``query`` exactly or closely (for search)."""
        wanted = skeleton(query)
        if not wanted:
            return set()
        found = process.extract(
            wanted, self.skeleton_forms, scorer=JaroWinkler.normalized_similarity,
            score_cutoff=cutoff, limit=None,
        )
        ids: set[str] = set()
        for _, _, index in found:
            ids |= self._by_name[self._skeletons[index]]
        folded_query = fold(query)
        for folded, form in zip(self._skeletons, self.skeleton_forms):
            if wanted in form.split() or folded_query in folded:
                ids |= self._by_name[folded]
        return ids
