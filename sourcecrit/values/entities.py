"""People, places and organisations, resolved through the gazetteer.

Written as one name, a list of names, or a mapping of roles to names
(``{host: Mustafa Kemal, envoy: Budyenny}``); in one line of text, names are parted by
``;`` and a name may lead with its role (``host: Mustafa Kemal; envoy: Budyenny``), as
the TUI's forms write them. Every name is an entity id, label or variant. Comparison is
on entity ids, so Budyenny and Budennii meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sourcecrit.values.base import CompareContext, Comparison, ParseContext, Relation, ValueProblem

NO_ROLE = ""
_ROLE = re.compile(r"([^\W\d][\w-]*)\s*:\s*(\S.*)")  # "host: Mustafa Kemal": a one-word role, then a name


@dataclass(frozen=True)
class Entities:
    """Entity ids by role; ``NO_ROLE`` holds the names given without a role."""

    roles: tuple[tuple[str, tuple[str, ...]], ...]
    labels: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # id -> gazetteer label

    def label(self, entity_id: str) -> str:
        return dict(self.labels).get(entity_id, entity_id)

    def ids(self, role: str | None = None) -> frozenset[str]:
        if role is None:
            every = self.__dict__.get("_every_id")
            if every is None:  # asked for in every comparison: kept beside the fields (not one of them)
                every = self.__dict__["_every_id"] = frozenset(i for _, ids in self.roles for i in ids)
            return every
        return frozenset(next((ids for r, ids in self.roles if r == role), ()))

    @property
    def has_roles(self) -> bool:
        return any(role != NO_ROLE for role, _ in self.roles)


def _names(written: Any) -> list[str]:
    if isinstance(written, str):
        return [part.strip() for part in written.split(";") if part.strip()]
    if isinstance(written, list) and all(isinstance(item, str) for item in written):
        return [item.strip() for item in written if item.strip()]
    raise ValueProblem("write one name, a list of names, or a mapping of roles to names")


def names_in(written: Any) -> list[str]:
    """Every name a written value gives, roles aside; none when it cannot be read."""
    try:
        if isinstance(written, dict):
            return [name for names in written.values() for name in _names(names)]
        if isinstance(written, str):
            return [name for _, names in _roles_in_text(written) for name in names]
        return _names(written)
    except ValueProblem:
        return []


def _roles_in_text(written: str) -> list[tuple[str, list[str]]]:
    """The names of a line of text by role, in the order the roles first come; a role is
    read only when every name has one (else "Kars: the fortress" stays one name)."""
    names = _names(written)
    found = [_ROLE.fullmatch(name) for name in names]
    if not names or not all(found):
        return [(NO_ROLE, names)]
    roles: dict[str, list[str]] = {}
    for match in found:
        roles.setdefault(match.group(1), []).append(match.group(2).strip())
    return list(roles.items())


def _resolve(name: str, context: ParseContext) -> str:
    entity = context.resolve_entity(name)
    if entity is not None:
        return entity
    close = list(context.suggest_entity(name))
    if close:
        return _raise_close(name, close)
    raise ValueProblem(f"'{name}' is not in the gazetteer; add it as an entity or a variant of one")


def _raise_close(name: str, close: list[str]) -> str:
    suggestion = " or ".join(close[:2])
    raise ValueProblem(f"'{name}' is not in the gazetteer but is close to {suggestion}; add it as a variant?")


class EntitiesType:
    name = "entities"
    equal_values_compare_alike = True  # the comparison reads only the compared fields (see compare.relations)

    def parse(self, written: Any, context: ParseContext) -> Entities:
        if isinstance(written, dict):
            pairs = [(str(role), _names(names)) for role, names in written.items()]
        elif isinstance(written, str):
            pairs = _roles_in_text(written)
        else:
            pairs = [(NO_ROLE, _names(written))]
        roles = tuple((role, tuple(_resolve(n, context) for n in names)) for role, names in pairs)
        if not any(ids for _, ids in roles):
            raise ValueProblem("name at least one person, place or organisation")
        labels = tuple((i, context.entity_label(i)) for _, ids in roles for i in ids)
        return Entities(roles, labels)

    def written(self, value: Entities) -> str:
        return "; ".join(f"{role}: {i}" if role else i for role, ids in value.roles for i in ids)

    def normalized(self, value: Entities) -> dict:
        return {"roles": {role or "-": list(ids) for role, ids in value.roles}}

    def describe(self, value: Entities) -> str:
        parts = []
        for role, ids in value.roles:
            names = ", ".join(value.label(i) for i in ids)
            parts.append(f"{names} ({role})" if role else names)
        return "; ".join(parts)

    def compare(self, a: Entities, b: Entities, context: CompareContext) -> Comparison:
        label = context.entity_label
        for role, mine, theirs in _role_sets(a, b):
            only_a, only_b = mine - theirs, theirs - mine
            if only_a and only_b and (role != NO_ROLE or not context.multi):
                where = f" as {role}" if role else ""
                return Comparison(
                    Relation.CONTRADICT,
                    f"one names {_list(only_a, label)}{where} where the other names {_list(only_b, label)}",
                )
        if a.ids() == b.ids() and dict(a.roles).keys() == dict(b.roles).keys():
            return Comparison(Relation.AGREE, f"both name {_list(a.ids(), label)}")
        return Comparison(Relation.CONSISTENT, _fewer(a, b, label))


    def within(self, a: Entities, b: Entities) -> bool:
        """Asserting ``a`` names everyone ``b`` names, in the same role where both give roles."""
        if a.has_roles and b.has_roles:
            return all(ids <= a.ids(role) for role, ids in ((r, b.ids(r)) for r, _ in b.roles))
        return b.ids() <= a.ids()


def _role_sets(a: Entities, b: Entities):
    """Pairs of id sets to compare: role by role, or flat when either side has no roles."""
    if not (a.has_roles and b.has_roles):
        yield NO_ROLE, a.ids(), b.ids()
        return
    for role in sorted({r for r, _ in a.roles} & {r for r, _ in b.roles}):
        yield role, a.ids(role), b.ids(role)


def _fewer(a: Entities, b: Entities, label) -> str:
    only_a, only_b = a.ids() - b.ids(), b.ids() - a.ids()
    if only_a and only_b:
        return (f"each names some the other does not mention ({_list(only_a, label)}; {_list(only_b, label)}); "
                "a list of participants need not be complete")
    extra = only_a or only_b
    if extra:
        return f"one also names {_list(extra, label)}, which the other does not mention"
    return "the same names in different roles, none in conflict"


def _list(ids, label) -> str:
    return ", ".join(sorted(label(i) for i in ids))


VALUE_TYPE = EntitiesType()
