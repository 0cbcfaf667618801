"""Are the citations true? Every claim's quote looked for in the text its source holds, and its
locator compared with the place found.

``verify_ledger(ledger)`` gives one ``Verified`` per claim whose source (or the source it is
printed in) holds a text: ``exact``, ``fuzzy`` (with its score and the text found),
``ambiguous`` (the quote stands in several places and the locator does not say which) or
``orphan`` (not found); and ``drift`` when the locator's line or footnote is not where the
quote was found. ``fix_locators`` rewrites drifted locators with the round-trip writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from sourcecrit.anchoring import Anchor, TextIndex, position_selector, quote_selector
from sourcecrit.ledger.roundtrip import WrittenRecords, open_file
from sourcecrit.ledger.write import EditError, LedgerChanged
from sourcecrit.passage import source_text_path

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger
    from sourcecrit.models import Claim

__all__ = ["STATUSES", "Drift", "Verified", "fix_locators", "verification_document", "verify_ledger", "EditError",
           "LedgerChanged"]

STATUSES = ("exact", "fuzzy", "ambiguous", "orphan")
_LINES = re.compile(r"\b(lines?)(\s+)(\d+)(?:(\s*[-–]\s*)(\d+))?", re.IGNORECASE)
_NOTE = re.compile(r"\b((?:foot|end)?note|n\.)(\s*)(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Drift:
    """A locator that does not point at the place found, and the locator that would."""

    written: str
    found: str


@dataclass(frozen=True)
class Verified:
    """One claim's quote as found (or not) in its source's text."""

    claim: str
    source: str  # the source whose text holds the quote
    text: str  # that text's path as the ledger names it
    status: str  # one of STATUSES
    locator: str | None
    anchor: Anchor | None = None  # the place found (None for an orphan or an ambiguous quote)
    line: int | None = None  # the lines of the place found
    last_line: int | None = None
    note: int | None = None  # the footnote the place lies in, if any
    places: tuple[int, ...] = ()  # the lines of every place an ambiguous quote stands
    drift: Drift | None = None
    found_text: str = ""
    selectors: tuple[dict[str, Any], ...] = ()


def verify_ledger(ledger: "Ledger") -> list[Verified]:
    """Every claim with a quote whose source (or its container) holds a readable text, verified, in
    the order of the ledger's claims."""
    indexes: dict[Path, TextIndex] = {}
    results = []
    for claim in ledger.claims.values():
        held = held_text(ledger, claim.source)
        if held is None or not claim.quote:
            continue
        source, written, path = held
        if path not in indexes:
            indexes[path] = TextIndex(path.read_text(encoding="utf-8", errors="replace"))
        results.append(verify_claim(claim, indexes[path], source, written))
    return results


def held_text(ledger: "Ledger", source_id: str | None) -> tuple[str, str, Path] | None:
    """The source that holds the claim's text (the claim's own, or the one it is printed in), the
    text as the ledger names it, and its file."""
    seen = set()
    while source_id and source_id not in seen:
        seen.add(source_id)
        source = ledger.sources.get(source_id)
        if source is None:
            return None
        path = source_text_path(ledger.root, source.text)
        if path is not None:
            return source_id, str(source.text), path
        source_id = source.contained_in
    return None


def verify_claim(claim: "Claim", index: TextIndex, source: str, written: str) -> Verified:
    """One claim's quote anchored in ``index``, its locator compared with the place found."""
    anchors = index.anchors(claim.quote or "")
    orphan = Verified(claim.id, source, written, "orphan", claim.locator)
    if not anchors:
        return orphan
    anchor = _chosen(anchors, index, claim.locator)
    if anchor is None:
        return replace(orphan, status="ambiguous", places=tuple(index.line_of(a.start) for a in anchors))
    line, last = index.line_of(anchor.start), index.line_of(max(anchor.start, anchor.end - 1))
    note = index.note_at(line)
    found = index.text[anchor.start:anchor.end]
    return replace(orphan, status=anchor.how, anchor=anchor, line=line, last_line=last, note=note,
                   drift=_drift(claim.locator, line, last, note), found_text=found,
                   selectors=(quote_selector(index.text, anchor), position_selector(anchor)))


def _chosen(anchors: list[Anchor], index: TextIndex, locator: str | None) -> Anchor | None:
    """The one place the quote stands, or the one of several that the locator names; None when it names none."""
    if len(anchors) == 1:
        return anchors[0]
    note = _NOTE.search(locator or "")
    if note:
        inside = [a for a in anchors if index.note_at(index.line_of(a.start)) == int(note.group(3))]
        if len(inside) == 1:
            return inside[0]
    lines = _LINES.search(locator or "")
    if not lines:
        return None
    named = int(lines.group(3))
    distances = sorted((abs(index.line_of(a.start) - named), a.start) for a in anchors)
    if distances[0][0] == distances[1][0]:
        return None
    return next(a for a in anchors if a.start == distances[0][1])


def _drift(locator: str | None, line: int, last: int, note: int | None) -> Drift | None:
    """The locator rewritten to the place found, when it names a line or a footnote elsewhere."""
    if not locator:
        return None
    rewritten = locator
    lines = _LINES.search(locator)
    if lines:
        first = int(lines.group(3))
        until = int(lines.group(5) or first)
        if not (first <= last and line <= until):  # the lines named and the lines found do not meet
            if lines.group(5):
                span = until - first
                new = f"{lines.group(1)}{lines.group(2)}{line}{lines.group(4)}{max(last, line + span)}"
            else:
                new = f"{lines.group(1)}{lines.group(2)}{line}"
            rewritten = rewritten[:lines.start()] + new + rewritten[lines.end():]
    named_note = _NOTE.search(rewritten)
    if named_note and note is not None and int(named_note.group(3)) != note:
        rewritten = rewritten[:named_note.start(3)] + str(note) + rewritten[named_note.end(3):]
    return Drift(locator, rewritten) if rewritten != locator else None


# --fix ------------------------------------------------------------------------------------
def fix_locators(ledger: "Ledger", results: list[Verified]) -> list[tuple[Path, str, Drift]]:
    """Rewrite each drifted locator of ``results`` in its ledger file with the round-trip writer,
    nothing else touched; the files changed and what changed in each. Raises LedgerChanged, with
    nothing written, when a file changed on disk since the ledger was read."""
    by_file: dict[Path, list[tuple[str, Drift]]] = {}
    for result in results:
        if result.drift is not None and result.status in ("exact", "fuzzy"):
            by_file.setdefault(Path(ledger.claims[result.claim].origin.file), []).append((result.claim, result.drift))
    edits = []
    for path, drifted in by_file.items():  # every file opened (and checked unchanged) before any is written
        edit = open_file(ledger, path)
        items = {str(item.get("id")): item for item in edit.section("claims") if hasattr(item, "get")}
        for claim_id, drift in drifted:
            item = items.get(claim_id)
            if item is None:
                raise LedgerChanged(path, f"no longer holds claim '{claim_id}'")
            item["locator"] = _same_style(item.get("locator"), drift.found)
        edits.append((path, edit, {claim_id: drift.found for claim_id, drift in drifted}))
    changed = []
    for path, edit, expected in edits:
        edit.save(ledger, partial(_only_locators, expected=expected))
        changed += [(edit.path, claim_id, drift) for claim_id, drift in by_file[path]]
    return changed


def _same_style(old: Any, text: str) -> Any:
    """``text`` quoted as the locator it replaces was."""
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(text)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    return text


def _only_locators(path: Path, old: WrittenRecords, new: WrittenRecords, *, expected: dict[str, str]) -> None:
    """Refuse the write unless the file reads as before but for the named claims' locators."""
    def without_locator(records: WrittenRecords, locators: bool) -> list[tuple[str, dict[str, Any]]]:
        out = []
        for kind, data in records:
            if kind == "claims" and str(data.get("id")) in expected:
                if locators and data.get("locator") != expected[str(data.get("id"))]:
                    raise EditError(f"{path}: claim '{data.get('id')}' would not read back with its new locator; nothing was written")
                data = {k: v for k, v in data.items() if k != "locator"}
            out.append((kind, data))
        return out

    if without_locator(old, False) != without_locator(new, True):
        raise EditError(f"{path}: the change would touch more than the locators; nothing was written")


# output -----------------------------------------------------------------------------------
def counts(results: list[Verified]) -> dict[str, int]:
    """How many claims of each status, and how many drifted."""
    found = {status: sum(1 for r in results if r.status == status) for status in STATUSES}
    found["drift"] = sum(1 for r in results if r.drift is not None)
    return found


def verification_document(results: list[Verified]) -> dict[str, Any]:
    """The findings of ``sourcecrit verify --json``."""
    return {"shape": "sourcecrit-verify/1", "summary": counts(results), "claims": [_as_json(r) for r in results]}


def _as_json(result: Verified) -> dict[str, Any]:
    found: dict[str, Any] = {"claim": result.claim, "source": result.source, "text": result.text,
                             "status": result.status, "score": result.anchor.score if result.anchor else None,
                             "locator": result.locator, "line": result.line, "last_line": result.last_line,
                             "footnote": result.note, "found": result.found_text or None,
                             "drift": {"locator": result.drift.written, "found": result.drift.found} if result.drift else None,
                             "places": list(result.places) or None}
    if result.selectors:
        found["target"] = {"source": result.text, "selector": list(result.selectors)}
    return found


def verification_lines(results: list[Verified], *, all_claims: bool = False) -> list[str]:
    """The readable report: one line per claim that is not exact where its locator says (every
    claim with ``all_claims``), then the counts."""
    lines = []
    for r in results:
        if r.status == "exact" and r.drift is None and not all_claims:
            continue
        what = r.status
        if r.status == "fuzzy" and r.anchor:
            what += f" {r.anchor.score:g}"
        if r.line is not None:
            what += f" at line {r.line}"
        if r.places:
            what += f" at lines {', '.join(map(str, r.places))}"
        if r.drift:
            what += f"; locator drift: {r.drift.written!r} -> {r.drift.found!r}"
        lines.append(f"{r.claim}: {what}")
        if r.status == "fuzzy":
            lines.append(f"    found: {' '.join(r.found_text.split())}")
    c = counts(results)
    lines.append(f"{len(results)} quotes: " + ", ".join(f"{c[s]} {s}" for s in STATUSES) + f"; {c['drift']} drifted")
    return lines
