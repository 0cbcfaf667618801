"""Reading the claims' written values while the files are still being parsed.

On a cold load with many files the claim files are parsed in two processes (see
speed.parallel_parse). Once the files that declare sources, properties, units and entities
are built, both processes can read each claim's written value as soon as its file is
parsed: this one from the claims it builds, the helper from the records it parses, sending
what it read back with them. What is read is keyed, as always, by (convention, type,
written form), and the validation uses it only if the units and gazetteer of the whole
ledger turn out to be those it was read with (the readings' key): a claim file that
declares an entity, say, costs only the reading ahead.
"""

from __future__ import annotations

from typing import Any, Iterable

from sourcecrit.gazetteer import Gazetteer
from sourcecrit.ledger.loaded import Ledger
from sourcecrit.ledger.readings import (
    Convention, Readings, ReadingContext, hashable, ledger_convention, reading_contexts, reading_key, source_conventions,
)
from sourcecrit.ledger.records import RawRecord
from sourcecrit.models import Claim
from sourcecrit.values import TYPE_MODULES

Made = dict[tuple, Any]  # (convention, type, written form) -> reading


class ReadAhead:
    """Readings made ahead of the validation, in this process and sent by the helper."""

    def __init__(self) -> None:
        self.key: str | None = None
        self.gazetteer: Gazetteer | None = None
        self._contexts: dict[Convention, ReadingContext] = {}
        self._types: dict[str, str] = {}
        self._conventions: dict[str, Convention] = {}
        self._default: Convention = None

    def prepare(self, part: Ledger) -> None:
        """Read with what ``part`` (the files built so far) declares."""
        self.gazetteer = part.gazetteer = Gazetteer(part.entities.values())
        self.key = reading_key(part)
        self._contexts = reading_contexts(part)
        self._types = {prop.id: prop.type for prop in part.properties.values() if prop.type in TYPE_MODULES}
        self._conventions = source_conventions(part)
        self._default = ledger_convention(part)

    def read_claims(self, claims: Iterable[Claim]) -> None:
        """Read the written values of built claims (here)."""
        for claim in claims:
            self._read(claim.source, claim.property, claim.value)

    def read_records(self, records: Iterable[RawRecord]) -> Made:
        """Read the written values of parsed claim records (in the helper); the readings made
        now, to send back."""
        made: Made = {}
        for record in records:
            if record.kind == "claims":
                data = record.data
                found = self._read(data.get("source"), data.get("property"), data.get("value"))
                if found is not None:
                    made[found[0]] = found[1]
        return made

    def take(self, made: Made) -> None:
        """The readings the helper made."""
        for (convention, *form), answer in made.items():
            self._contexts[convention].read.setdefault(tuple(form), answer)

    def readings(self) -> Readings | None:
        """What was read, for the validation (see validate_ledger); None if nothing was prepared."""
        if self.key is None:
            return None
        return Readings(self.key, {convention: context.read for convention, context in self._contexts.items()},
                        self.gazetteer)

    def _read(self, source: Any, property_id: Any, written: Any) -> tuple[tuple, Any] | None:
        """Read one written value if it is new: ((convention, type, form), reading), else None."""
        if not self._contexts or not isinstance(property_id, str) or written is None:
            return None
        type_name = self._types.get(property_id)
        if type_name is None:
            return None
        convention = self._conventions.get(source, self._default) if isinstance(source, str) else self._default
        context = self._contexts[convention]
        try:
            key = (type_name, hashable(written))
            if key in context.read:
                return None
            found = context.read[key] = context.reading(type_name, written)
        except Exception:  # noqa: BLE001 - a record that will not build: its claim's check reads it, if any
            return None
        return (convention, *key), found
