"""The overview as the last run left it, shown while the ledger loads.

Loading and comparing 100,000 claims takes a second or two even from the caches; the
overview's rows are a small part of that. After each load the TUI keeps those rows (status,
subject, fact, counts, values) beside the load cache, with the ledger's signature (every
file's path, modification time and size). When the next start finds the same signature,
the overview shows the kept rows at once, says that it is loading, and is replaced by the
loaded ledger as soon as that is ready; cursor and status filters work meanwhile, and a
fact chosen opens when the ledger is there. A glance of another ledger state, another
sourcecrit or a damaged file is ignored. No Textual here.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sourcecrit.compare import STATUS_ORDER, Status
from sourcecrit.speed import sealed
from sourcecrit.speed.cache_files import cache_file, read_sealed, store
from sourcecrit.query import STEP, Filters
from sourcecrit.report.table import versions_text
from sourcecrit.tui.index import FactRow, RowsOnDemand

if TYPE_CHECKING:
    from sourcecrit.problems import Problem
    from sourcecrit.tui.state import LedgerState, Signature

GLANCE_VERSION = 2
ERRORS_KEPT = 3  # the overview's problems panel shows this many


@dataclass(frozen=True, slots=True)
class GlancedFact:
    """What the overview shows of a fact before the ledger is loaded (a stand-in for its Finding)."""

    subject: str
    property: str
    qualifier: str | None
    status: Status
    status_reason: str
    title: str
    versions: str  # the versions as the overview's preview lists them

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.subject, self.property, self.qualifier)


class GlanceRows(RowsOnDemand):
    """The kept rows, each stored as one JSON text and made into a FactRow when first asked for:
    reading 20,000 short texts is quick, reading 20,000 rows of objects is not."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__(len(texts))
        self.texts = texts

    def make(self, index: int) -> FactRow:
        (subject, prop, qualifier, status, reason, title, versions,
         subject_label, fact, claims, witnesses, values) = json.loads(self.texts[index])
        stand_in = GlancedFact(subject, prop, qualifier, Status(status), reason, title, versions)
        return FactRow(stand_in, subject_label, fact, claims, witnesses, values)


@dataclass
class Glance:
    """The overview of a ledger as last loaded."""

    name: str
    texts: list[str]  # a row each, as JSON (see GlanceRows)
    statuses: str  # a row each: the status's place in STATUS_ORDER, as a digit
    claim_count: int
    source_count: int
    problem_count: int
    errors: list["Problem"]  # the first few
    error_count: int

    def __post_init__(self) -> None:
        self.rows = GlanceRows(self.texts)
        self.search = None  # searching waits for the ledger
        self._positions: dict[tuple, int] | None = None

    def __getstate__(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    @property
    def counts(self) -> dict[str, int]:
        return {status.value: self.statuses.count(str(n)) for n, status in enumerate(STATUS_ORDER)}

    # what the overview asks of a state's index: the glance is its own
    @property
    def index(self) -> "Glance":
        return self

    def position(self, finding) -> int | None:
        if self._positions is None:
            self._positions = {tuple(json.loads(text)[:3]): i for i, text in enumerate(self.texts)}
        return self._positions.get(finding.key)

    def select(self, filters: Filters) -> list[int] | None:
        """The rows that pass ``filters``; None for filters that need the loaded ledger."""
        if filters.need_search or filters.subjects or filters.properties:
            return None
        wanted = {str(STATUS_ORDER.index(status)) for status in filters.statuses}
        if not wanted:
            return list(range(len(self.texts)))
        return [i for i, digit in enumerate(self.statuses) if digit in wanted]


def glance_of(state: "LedgerState", between: Callable[[], None] | None = None) -> Glance:
    """The overview of a loaded ledger, to keep for the next start (unpacks every fact's
    versions); ``between`` is called every STEP facts (the TUI lets its interface run)."""
    from sourcecrit.tui.screens.base import fact_title

    texts, statuses = [], []
    for i, finding in enumerate(state.index.findings):
        if between is not None and i % STEP == STEP - 1:
            between()
        row = state.index.rows[i]
        texts.append(json.dumps([finding.subject, finding.property, finding.qualifier, finding.status.value,
                                 finding.status_reason, fact_title(state, finding), versions_text(finding),
                                 row.subject_label, row.fact, row.claims, row.witnesses, row.values],
                                ensure_ascii=False))
        statuses.append(str(STATUS_ORDER.index(finding.status)))
    return Glance(state.ledger.root.resolve().name, texts, "".join(statuses), state.claim_count, state.source_count,
                  state.problem_count, state.errors[:ERRORS_KEPT], state.error_count)


def keep_glance(state: "LedgerState", between: Callable[[], None] | None = None) -> None:
    """Write the glance of ``state`` for the next start, unless the one on disk is of this state already."""
    if read_glance(state.ledger.root, state.signature) is not None:
        return
    key = _key(state.signature)

    def write(handle) -> None:  # the glance made inside: a failure is one store() absorbs
        handle.write(key.encode("ascii"))
        handle.write(pickle.dumps(glance_of(state, between), protocol=5))

    store(_location(state.ledger.root), write)


def read_glance(root: Path, signature: "Signature") -> Glance | None:
    """The glance kept for ``root`` if it is of this very signature and sourcecrit; else None."""
    key = _key(signature)
    data = read_sealed(_location(root))
    try:
        if data is None or data[:len(key)] != key.encode("ascii"):
            return None
        glance = sealed.loads(data[len(key):])
    except Exception:  # noqa: BLE001 - missing, stale or damaged: load as usual
        return None
    return glance if isinstance(glance, Glance) else None


def _location(root: Path) -> Path:
    return cache_file(root, "glance.pickle")


def _key(signature: "Signature") -> str:
    digest = hashlib.sha1(f"{GLANCE_VERSION}|{_code_stamp()}\n".encode())
    for entry in sorted(signature):
        digest.update(f"{entry}\n".encode())
    return digest.hexdigest()


@cache
def _code_stamp() -> str:
    """sourcecrit's code, the interface's included (the rows are drawn by it)."""
    from sourcecrit.speed.cache_files import code_stamp, files_stamp

    return f"{code_stamp()}|{files_stamp(Path(__file__).resolve().parent)}"
