"""Suggestions the historian marked "not a claim", remembered in the cache (outside the ledger,
sealed like every cache: a damaged file only forgets them) so they are not offered again."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sourcecrit.speed.cache_files import cache_file, read_sealed, store
from sourcecrit.suggest_claims import Candidate

KIND = "dismissed.json"


def suggestion_key(candidate: Candidate) -> str:
    """What identifies a suggestion across runs: its value and sentence, not where the text puts it."""
    said = f"{candidate.kind}|{candidate.written}|{' '.join(candidate.quote.split())}"
    return hashlib.sha1(said.encode("utf-8")).hexdigest()[:16]


def dismissed(root: Path, source: str) -> set[str]:
    """The keys of the suggestions of ``source`` marked "not a claim"."""
    return set(_all(root).get(source, []))


def dismiss(root: Path, source: str, keys: list[str]) -> None:
    """Remember ``keys`` as not claims of ``source``."""
    known = _all(root)
    known[source] = sorted(set(known.get(source, [])) | set(keys))
    store(cache_file(root, KIND), lambda handle: handle.write(json.dumps(known).encode("utf-8")))


def _all(root: Path) -> dict[str, list[str]]:
    content = read_sealed(cache_file(root, KIND))
    if content is None:
        return {}
    try:
        found = json.loads(bytes(content))
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
