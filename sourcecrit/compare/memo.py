"""Findings remembered per fact, so that comparing again recomputes only what changed.

A fact's finding depends on its claims (ids, sources, attributions, stances, hedges,
written values), its resolution, and on what every fact shares: the witness graph (each
source's kind, cites, containment, number convention), the declarations and gazetteer
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

import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sourcecrit.ledger.later import settle, write_later

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

MEMO_VERSION = 3
_FEW = 50  # facts computed anew that are not worth writing the memo to disk for
_LIVE: dict[str, tuple[str, dict[bytes, Any]]] = {}  # location -> (environment, entries), this process


def environment(ledger: "Ledger", context: Any) -> str:
    """The digest of everything a finding depends on beyond its own fact."""
    from sourcecrit.ledger.cache import code_stamp

    parts = [
        MEMO_VERSION, code_stamp(),
        sorted((s.id, s.kind, tuple(s.cites), s.contained_in, s.numbers) for s in ledger.sources.values()),
        sorted((p.id, p.type, p.multi, tuple(p.qualifiers)) for p in ledger.properties.values()),
        sorted((u.id, u.label, tuple(u.variants)) for u in ledger.units.values()),
        sorted((e.id, e.label, tuple(e.variants)) for e in ledger.entities.values()),
        repr(list(context.rates)),
    ]
    return hashlib.sha1(repr(parts).encode()).hexdigest()


def ledger_state(ledger: "Ledger") -> str:
    """A digest of the ledger as loaded: the path as given, each file's path and fingerprint,
    and the resolutions. Resolutions are in it because an edit in this process (see
    ledger.edit) writes one and notes the file's new fingerprint before the ledger is loaded
    again: the fingerprints alone would then name a ledger that the models are not yet."""
    parts = [str(ledger.root), ledger.files, sorted(ledger.fingerprints.items()), len(ledger.claims),
             [(r.origin.file, r.origin.line, r.model_dump()) for r in ledger.resolutions]]
    return hashlib.sha1(repr(parts).encode()).hexdigest()


class FactMemo:
    """Entries by fact token: reused when equal, forgotten when no fact has that token any more."""

    def __init__(self, location: Path | None, env: str, entries: dict[bytes, Any], state: str = "",
                 witness: dict[str, str] | None = None, summary: Any = None):
        self.location = location
        self.env = env
        self.entries = entries
        # the ledger the disk memo was written for, its witnesses, and its grades and sources' counts
        self.state, self.witness, self.summary = state, witness, summary
        self.used: dict[bytes, Any] = {}
        self.computed = 0

    @classmethod
    def for_ledger(cls, ledger: "Ledger", context: Any) -> "FactMemo":
        if not getattr(ledger, "cached", False):
            return cls(None, "", {})
        from sourcecrit.ledger.cache import cache_file

        env = environment(ledger, context)
        location = cache_file(ledger.root, "findings.pickle")
        live = _LIVE.get(str(location))
        if live is not None and live[0] == env:
            return cls(location, env, live[1])
        settle(str(location))  # a memo this process is still writing
        return cls(location, env, *_read(location, env))

    def whole(self, ledger: "Ledger") -> tuple[list, dict[str, str], Any] | None:
        """Every fact's entry, in the findings' order, the witnesses, the claims' grades and
        the sources' counts, if the memo was written for this very state of ``ledger``; None otherwise."""
        if self.witness is None or self.summary is None or self.state != ledger_state(ledger):
            return None
        self.used = self.entries
        return list(self.entries.values()), self.witness, self.summary

    def token(self, ledger: "Ledger", key: tuple, claims: list, resolution: Any) -> bytes | None:
        if self.location is None:
            return None
        values = ledger.values
        # plain lists, dicts and strs: one repr below covers them all
        own: list = [key, *[(c.id, c.source, c.attributed_to, c.stance._value_, c.hedges, c.value, c.id in values)
                            for c in claims]]
        if resolution is not None:
            own.append((repr(resolution.model_dump()), resolution.origin.file, resolution.origin.line_of("accepted"),
                        resolution.fact_key in ledger.accepted))
        return hashlib.sha1(repr(own).encode()).digest()

    def get(self, token: bytes | None) -> Any:
        return None if token is None else self.entries.get(token)

    def keep(self, token: bytes | None, entry: Any, computed: bool) -> None:
        if token is not None:
            self.used[token] = entry
        self.computed += computed

    def save(self, ledger: "Ledger", witness: dict[str, str], summary: Any) -> None:
        """Keep the entries used; on disk with the ledger's state, its ``witness``es and the
        ``summary`` (claims' grades, sources' counts) when enough of them are new."""
        if self.location is None:
            return
        _LIVE[str(self.location)] = (self.env, self.used)
        if self.computed <= max(_FEW, len(self.used) // 100) and self.entries:
            # A few new facts (an edit) are cheaper to compute again in the next process than
            # the whole memo is to write now; once enough of them gather, it is written again.
            return
        content = {"state": ledger_state(ledger), "witness": witness, "summary": summary, "entries": self.used}
        write_later(str(self.location), [lambda: _write(self.location, self.env, content)])


def _write(location: Path, env: str, content: dict) -> None:
    from sourcecrit.ledger.cache import store

    def write(handle) -> None:
        handle.write(env.encode("ascii"))
        pickle.dump(content, handle, protocol=5)

    store(location, write)


def _read(location: Path, env: str) -> tuple[dict[bytes, Any], str, dict[str, str] | None, Any]:
    """The entries, the ledger state they were written for, its witnesses and summary."""
    try:
        with open(location, "rb") as handle:
            if handle.read(len(env)).decode("ascii", "replace") != env:
                return {}, "", None, None
            content = pickle.loads(handle.read())
        entries, state, witness, summary = content["entries"], content["state"], content["witness"], content["summary"]
    except Exception:  # noqa: BLE001 - missing, stale or corrupt: compare in full
        return {}, "", None, None
    if not (isinstance(entries, dict) and isinstance(state, str) and isinstance(witness, dict)
            and isinstance(summary, tuple) and len(summary) == 2):
        return {}, "", None, None
    return entries, state, witness, summary
