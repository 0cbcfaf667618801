"""A loaded ledger: its records by id, each claim's read value, and its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sourcecrit.citation import short_citation
from sourcecrit.gazetteer import Gazetteer
from sourcecrit.models import Claim, Entity, LedgerSettings, Property, Resolution, Source, Subject, Unit
from sourcecrit.problems import Problem


@dataclass
class Ledger:
    """A loaded ledger: its records by id, each claim's read value, and its problems."""

    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    resolutions: list[Resolution] = field(default_factory=list)
    settings: LedgerSettings | None = None  # 'ledger:' in a declarations file, if any
    values: dict[str, Any] = field(default_factory=dict)
    accepted: dict[tuple, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) of a record with errors -> file:line
    files: list[str] = field(default_factory=list)
    fingerprints: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> size, CRC-32 as read
    gazetteer: Gazetteer = field(default_factory=lambda: Gazetteer(()))
    cached: bool = False  # loaded through the speed wing's caches: its comparison may then keep its memo on disk too

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def value_type_name(self, claim: Claim) -> str | None:
        prop = self.properties.get(claim.property)
        return prop.type if prop else None

    def unit_label(self, unit_id: str) -> str:
        unit = self.units.get(unit_id)
        return unit.label if unit else unit_id

    def source_label(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return short_citation(source) if source else source_id
