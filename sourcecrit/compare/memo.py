"""Findings remembered per fact, so that comparing again recomputes only what changed.

A fact's finding depends on its claims (ids, sources, attributions, stances, hedges,
written values), its resolution, and on what every fact shares: the witness graph (each
source's kind, cites, containment, number convention), the declarations and gazetteer
that values are read with, the stated rates, and sourcecrit's own code. The shared part is
one digest (the environment); each fact's own part is another (its token). A finding is
reused only when both are equal, so a comparison with the memo gives exactly what one
without it gives. The memo lives in the process (the TUI compares again after each edit)
and on disk beside the load cache, only for ledgers loaded with the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sourcecrit.ledger.load import Ledger

MEMO_VERSION = 1
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


class FactMemo:
    """Entries by fact token: reused when equal, forgotten when no fact has that token any more."""

    def __init__(self, location: Path | None, env: str, entries: dict[bytes, Any]):
        self.location = location
        self.env = env
        self.entries = entries
        self.used: dict[bytes, Any] = {}
        self.computed = 0

    @classmethod
    def for_ledger(cls, ledger: "Ledger", context: Any) -> "FactMemo":
        if not getattr(ledger, "cached", False):
            return cls(None, "", {})
        from sourcecrit.ledger.cache import cache_dir

        env = environment(ledger, context)
        key = hashlib.sha1(str(Path(ledger.root).resolve()).encode()).hexdigest()[:16]
        location = cache_dir() / f"ledger-{key}.findings.pickle"
        live = _LIVE.get(str(location))
        if live is not None and live[0] == env:
            return cls(location, env, live[1])
        return cls(location, env, _read(location, env))

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

    def save(self) -> None:
        if self.location is None:
            return
        _LIVE[str(self.location)] = (self.env, self.used)
        if self.computed <= max(_FEW, len(self.used) // 100) and self.entries:
            # A few new facts (an edit) are cheaper to compute again in the next process than
            # the whole memo is to write now; once enough of them gather, it is written again.
            return
        try:
            self.location.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.location.with_suffix(f".tmp{os.getpid()}")
            with open(temporary, "wb") as handle:
                handle.write(self.env.encode("ascii"))
                pickle.dump(self.used, handle, protocol=5)
            os.replace(temporary, self.location)
        except Exception:  # noqa: BLE001 - the memo is an optimisation only
            pass


def _read(location: Path, env: str) -> dict[bytes, Any]:
    try:
        with open(location, "rb") as handle:
            if handle.read(len(env)).decode("ascii", "replace") != env:
                return {}
            entries = pickle.loads(handle.read())
    except Exception:  # noqa: BLE001 - missing, stale or corrupt: compare in full
        return {}
    return entries if isinstance(entries, dict) else {}
