"""Findings remembered per fact, so that comparing again recomputes only what changed.

A fact's finding depends on its claims (ids, sources, attributions, stances, hedges,
written values, locators: a self-contradiction names them), its resolution, and on what every fact shares: the witness graph (each
source's kind, cites, containment, number convention, authors), the declarations and gazetteer
that values are read with, the stated rates, and sourcecrit's own code. The shared part is
one digest (the environment); each fact's own part is another (its token). A finding is
reused only when both are equal, so a comparison with the memo gives exactly what one
without it gives. The memo lives in the process (the TUI compares again after each edit)
and on disk beside the load cache, only for ledgers loaded with the cache.

On disk the memo also names the state of the ledger it was written for (``ledger_state``)
and keeps that comparison's witnesses, claims' grades and sources' counts: when the ledger
is loaded again unchanged, all of it is taken whole, without working out each fact's token.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import pickle
from pathlib import Path
from typing import Any

from sourcecrit.compare import Fact, FactResult, Finding
from sourcecrit.compare.rate_scope import needs_dates, subject_dates
from sourcecrit.ledger.loaded import Ledger
from sourcecrit.speed.background import wait_for_writes, write_after_answer
from sourcecrit.speed import sealed
from sourcecrit.speed.cache_files import cache_file, code_stamp, store, use_sealed

MEMO_VERSION = 10  # 8: a finding's pairs are a PairList; 9: the summary holds the sources' authors; 10: versions hold no normalized value
_LIVE: dict[str, tuple[str, dict[bytes, FactResult]]] = {}  # location -> (environment, results), this process


def environment(ledger: Ledger, context: Any) -> str:
    """The digest of everything a finding depends on beyond its own fact."""
    parts = [
        MEMO_VERSION, code_stamp(),
        # authors and CSL names (whose work a source is), type and dates (how a self-contradiction names it)
        sorted((s.id, s.kind, tuple(s.cites), s.contained_in, s.numbers, s.date_order, tuple(s.authors),
                tuple(n.display() for n in s.author), s.type, s.issued, s.written) for s in ledger.sources.values()),
        sorted((p.id, p.type, p.multi, tuple(p.qualifiers), repr(p.options)) for p in ledger.properties.values()),
        sorted((u.id, u.label, tuple(u.variants)) for u in ledger.units.values()),
        sorted((e.id, e.label, e.kind, tuple(e.variants)) for e in ledger.entities.values()),
        ledger.settings.date_order if ledger.settings else None,  # how all-number dates read
        repr(list(context.rates)),
        # a rate that holds for a period applies to a fact by its subject's dates, which other facts give
        sorted(subject_dates(ledger).items()) if needs_dates(context.rates) else None,
    ]
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def ledger_state(ledger: Ledger) -> str:
    """A digest of the ledger as loaded: the path as given, each file's path and fingerprint,
    and the resolutions. Resolutions are in it because an edit in this process (see
    ledger.edit) writes one and notes the file's new fingerprint before the ledger is loaded
    again: the fingerprints alone would then name a ledger that the models are not yet."""
    parts = [str(ledger.root), ledger.files, sorted(ledger.fingerprints.items()), len(ledger.claims),
             [(r.origin.file, r.origin.line, r.model_dump()) for r in ledger.resolutions]]
    return hashlib.sha1(repr(parts).encode()).hexdigest()


class FactMemo:
    """Fact results by token: reused when equal, forgotten when no fact has that token any more."""

    def __init__(self, location: Path | None, env: str, entries: dict[bytes, FactResult], state: str = "",
                 witness: dict[str, str] | None = None, summary: Any = None):
        self.location = location
        self.env = env
        self.entries = entries
        # the ledger the disk memo was written for, its witnesses, and its grades and sources' counts
        self.state, self.witness, self.summary = state, witness, summary
        self.used: dict[bytes, FactResult] = {}
        self.computed = 0

    @classmethod
    def for_ledger(cls, ledger: Ledger, context: Any) -> "FactMemo":
        if not ledger.cached:
            return cls(None, "", {})
        env = environment(ledger, context)
        location = cache_file(ledger.root, "findings.pickle")
        live = _LIVE.get(str(location))
        if live is not None and live[0] == env:
            return cls(location, env, live[1])
        wait_for_writes(str(location))  # a memo this process is still writing
        return cls(location, env, *_read(location, env))

    def whole(self, ledger: Ledger) -> tuple[list[FactResult], dict[str, str], Any] | None:
        """Every fact's result, the witnesses, the claims' grades and the sources' counts, if
        the memo was written for this very state of ``ledger``; None otherwise."""
        if self.witness is None or self.summary is None or self.state != ledger_state(ledger):
            return None
        self.used = self.entries
        return list(self.entries.values()), self.witness, self.summary

    def token(self, ledger: Ledger, fact: Fact) -> bytes | None:
        """The digest of what a fact's result depends on of its own (see the module's text)."""
        if self.location is None:
            return None
        values = ledger.values
        # plain lists, dicts and strs: one repr below covers them all
        own: list = [fact.key, *[(c.id, c.source, c.attributed_to, c.stance._value_, c.hedges, c.value, c.id in values,
                                  c.locator)
                                 for c in fact.claims]]
        resolution = fact.resolution
        if resolution is not None:
            own.append((repr(resolution.model_dump()), resolution.origin.file, resolution.origin.line_of("accepted"),
                        resolution.fact_key in ledger.accepted))
        return hashlib.sha1(repr(own).encode()).digest()

    def get(self, token: bytes | None) -> FactResult | None:
        return None if token is None else self.entries.get(token)

    def keep(self, token: bytes | None, result: FactResult, computed: bool) -> None:
        if token is not None:
            self.used[token] = result
        self.computed += computed

    def save(self, ledger: Ledger, witness: dict[str, str], summary: Any, few: int) -> None:
        """Keep the results used; on disk with the ledger's state, its ``witness``es and the
        ``summary`` (claims' grades, sources' counts) when more than ``few`` of them are new."""
        if self.location is None:
            return
        _LIVE[str(self.location)] = (self.env, self.used)
        if self.computed <= max(few, len(self.used) // 100) and self.entries:
            # A few new facts (an edit) are cheaper to compute again in the next process than
            # the whole memo is to write now; once enough of them gather, it is written again.
            return
        content = {"state": ledger_state(ledger), "witness": witness, "summary": summary, "entries": self.used}
        location, env = self.location, self.env
        write_after_answer(str(location), [lambda: _write(location, env, content)])


# On disk, each finding keeps its pairs and versions pickled apart and unpacks them when
# first asked for: a warm start reads 21,000 findings but shows a screenful, and the pairs
# and versions are four fifths of the unpickling.
class PackedFinding(Finding):
    """A finding read from the memo on disk, its pairs and versions unpacked when first asked for."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _FIELDS)

    __hash__ = None  # type: ignore[assignment]  # as a finding's: it is mutable

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute not set: the packed detail. Two threads may ask at
        # once (the TUI draws rows while its loader builds the search text): the detail is
        # dropped only after both attributes are set, so whoever finds it gone finds them there.
        state = self.__dict__
        detail = state.get(_DETAIL) if name in ("pairs", "versions") else None
        if detail is None:
            if name in ("pairs", "versions") and name in state:
                return state[name]
            raise AttributeError(name)
        pairs, versions = sealed.loads(detail)
        state.setdefault("pairs", pairs)
        state.setdefault("versions", versions)
        state.pop(_DETAIL, None)
        return state[name]


_DETAIL = "_packed_detail"
_FIELDS = [field.name for field in dataclasses.fields(Finding)]


def _packed(state: dict[str, Any]) -> PackedFinding:
    finding = PackedFinding.__new__(PackedFinding)
    finding.__dict__.update(state)
    return finding


def _packing(finding: Finding) -> tuple:
    """How a finding is pickled: its pairs and versions packed apart (see PackedFinding)."""
    state = dict(finding.__dict__)
    if _DETAIL not in state:
        state[_DETAIL] = pickle.dumps((state.pop("pairs"), state.pop("versions")), protocol=5)
    return _packed, (state,)


class _Pickler(pickle.Pickler):
    """Pickles findings packed (a look-up by type: only findings call back into Python)."""

    dispatch_table = {**copyreg.dispatch_table, Finding: _packing, PackedFinding: _packing}


def pickled(content: Any) -> bytes:
    """``content`` pickled as the memo on disk holds it: findings packed (see PackedFinding)."""
    output = io.BytesIO()
    _Pickler(output, protocol=5).dump(content)
    return output.getvalue()


def _write(location: Path, env: str, content: dict) -> None:
    def write(handle: io.BufferedWriter) -> None:
        handle.write(env.encode("ascii"))
        _Pickler(handle, protocol=5).dump(content)

    store(location, write)  # type: ignore[arg-type]


def _read(location: Path, env: str) -> tuple[dict[bytes, FactResult], str, dict[str, str] | None, Any]:
    """The results, the ledger state they were written for, its witnesses and summary."""
    def memo_of(data: memoryview) -> dict | None:
        if data[:len(env)].tobytes().decode("ascii", "replace") != env:
            return None
        return sealed.loads(data[len(env):])

    content = use_sealed(location, memo_of)  # missing, stale or corrupt: compare in full
    try:
        entries, state, witness, summary = content["entries"], content["state"], content["witness"], content["summary"]  # type: ignore[index]
    except Exception:  # noqa: BLE001 - not a memo of this code
        return {}, "", None, None
    if not (isinstance(entries, dict) and isinstance(state, str) and isinstance(witness, dict)
            and isinstance(summary, tuple) and len(summary) == 3):
        return {}, "", None, None
    return entries, state, witness, summary
