"""Incoming sources met with the ledger's: each one added, or the source it matches updated.

A match is the same citekey (or id), the same DOI, the same ISBN, or a title, first author and
year that agree after folding (fuzzy, with rapidfuzz: "Milli Mücadelede Ruslarla İlk Temasımız"
meets "Milli Mucadelede Ruslarla Ilk Temasimiz"). A matched source gets the incoming fields
that differ, in place (sourcecrit.ledger.update); the others go at the end of the file named
(sources/imported.yaml by default) with append_records. Nothing is written before every
incoming record is known to read as a source; a dry run gives the same changes as a diff.
"""

from __future__ import annotations

import difflib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz

from sourcecrit.importing import ImportFailed, Record, in_model_order
from sourcecrit.ledger.append import append_records, as_written
from sourcecrit.ledger.loaded import Ledger
from sourcecrit.ledger.roundtrip import FileEdit, append_record, new_record, open_file
from sourcecrit.ledger.update import update_record, updated_in
from sourcecrit.models import Source
from sourcecrit.names import fold

DEFAULT_INTO = Path("sources") / "imported.yaml"
TITLE_LIKENESS = 90  # rapidfuzz's token_sort_ratio of two folded titles that name one work


@dataclass
class SourceImport:
    """What importing some records into a ledger changes."""

    into: Path
    added: list[Record] = field(default_factory=list)
    updated: list[tuple[str, Record, str]] = field(default_factory=list)  # source id, changed fields, matched by
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # source id, matched by

    def summary(self) -> list[str]:
        """One line per incoming record, then the counts."""
        lines = [f"added {r['id']} to {self.into}" for r in self.added]
        lines += [f"updated {sid} (same {how}): {', '.join(changes)}" for sid, changes, how in self.updated]
        lines += [f"unchanged {sid} (same {how})" for sid, how in self.unchanged]
        total = len(self.added) + len(self.updated) + len(self.unchanged)
        lines.append(f"{total} source{'s' * (total != 1)} read: {len(self.added)} added, {len(self.updated)} updated, "
                     f"{len(self.unchanged)} unchanged")
        return lines


def plan_import(ledger: Ledger, records: list[Record], into: str | os.PathLike | None = None) -> SourceImport:
    """What importing ``records`` changes; ImportFailed, before anything, for a record that does not read as a source."""
    _refuse_unreadable(records)
    plan = SourceImport(_into(ledger, into))
    taken: dict[str, Record] = {}
    for record in map(in_model_order, records):
        found = match(ledger, record)
        if found is None:
            if record["id"] in taken:
                continue  # the same entry twice in one file: the first stands
            taken[record["id"]] = record
            plan.added.append(record)
            continue
        source, how = found
        changes = _changes(source, record)
        if changes:
            plan.updated.append((source.id, changes, how))
        else:
            plan.unchanged.append((source.id, how))
    return plan


def apply_import(ledger: Ledger, plan: SourceImport) -> list[Path]:
    """Write ``plan``: updates in place, then the new sources appended; the files written."""
    written = [update_record(ledger, "sources", sid, changes) for sid, changes, _ in plan.updated]
    if plan.added:
        written.append(append_records(ledger, ledger.root / plan.into, "sources", plan.added))
    return list(dict.fromkeys(written))


def import_diff(ledger: Ledger, plan: SourceImport) -> str:
    """The changes ``plan`` would make, as a unified diff of the ledger's files; nothing is written."""
    edits: dict[Path, FileEdit] = {}
    for sid, changes, _ in plan.updated:
        path = Path(ledger.sources[sid].origin.file)
        edits[path] = updated_in(ledger, "sources", sid, changes, edits.get(path))[0]
    if plan.added:
        path = ledger.root / plan.into
        edit = edits.get(path) or open_file(ledger, path)
        items = edit.section("sources")
        for record in plan.added:
            append_record(items, new_record(as_written(record)))
        edits[path] = edit
    diff = []
    for path, edit in edits.items():
        out = io.StringIO()
        edit.yaml.dump(edit.document, out)
        name = os.path.relpath(path, ledger.root)
        before = edit.layout.text_of(edit.before) if edit.existed else ""
        diff += unified_diff(before.splitlines(keepends=True), out.getvalue().splitlines(keepends=True),
                             f"a/{name}" if edit.existed else "/dev/null", f"b/{name}")
    return "".join(diff)


def unified_diff(old: list[str], new: list[str], old_name: str, new_name: str) -> list[str]:
    """A unified diff of two lists of lines, as difflib writes it but without its "junk" heuristic,
    which in a ledger (a line such as "kind: original" on every tenth line) gives a diff longer than the change."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines = [f"--- {old_name}\n", f"+++ {new_name}\n"]
    for group in matcher.get_grouped_opcodes(3):
        (_, i1, _, j1, _), (_, _, i2, _, j2) = group[0], group[-1]
        lines.append(f"@@ -{_span(i1, i2)} +{_span(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            lines += [f" {line}" for line in old[a1:a2]] if tag == "equal" else []
            lines += [f"-{line}" for line in old[a1:a2]] if tag in ("replace", "delete") else []
            lines += [f"+{line}" for line in new[b1:b2]] if tag in ("replace", "insert") else []
    return lines if len(lines) > 2 else []


def _span(start: int, end: int) -> str:
    length = end - start
    return f"{start + (length > 0)},{length}" if length != 1 else f"{start + 1}"


# matching -----------------------------------------------------------------------------------
def match(ledger: Ledger, record: Record) -> tuple[Source, str] | None:
    """The ledger's source ``record`` is (and by what: citekey, DOI, ISBN, title), or None."""
    keys = {str(record.get("citekey") or ""), record["id"]} - {""}
    for source in ledger.sources.values():
        if keys & {source.id, source.citekey or "", source.citation_key or ""}:
            return source, "citekey"
    for how, of in (("DOI", _doi), ("ISBN", _isbn)):
        wanted = of(record.get(how))
        if wanted:
            found = next((s for s in ledger.sources.values() if of(getattr(s, how)) == wanted), None)
            if found is not None:
                return found, how
    return next(((s, "title, author and year") for s in ledger.sources.values() if _same_work(s, record)), None)


def _doi(value: Any) -> str:
    text = str(value or "").strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        text = text.removeprefix(prefix)
    return text


def _isbn(value: Any) -> str:
    digits = "".join(c for c in str(value or "").upper() if c.isdigit() or c == "X")
    if len(digits) == 10:  # as ISBN-13, so that the two forms of one book meet
        stem = "978" + digits[:9]
        check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(stem)) % 10) % 10
        return stem + str(check)
    return digits


def _same_work(source: Source, record: Record) -> bool:
    title, theirs = fold(str(record.get("title") or "")), fold(source.title or "")
    if not title or not theirs or fuzz.token_sort_ratio(title, theirs) < TITLE_LIKENESS:
        return False
    if str(record.get("issued") or "")[:4] != (source.issued or "")[:4]:
        return False
    first = (record.get("author") or [{}])[0]
    mine = fold(str(first.get("family") or first.get("literal") or ""))
    other = source.author[0] if source.author else None
    yours = fold((other.family or other.literal or "") if other else "")
    return mine == yours or (bool(mine) and bool(yours) and fuzz.ratio(mine, yours) >= TITLE_LIKENESS)


# fields ---------------------------------------------------------------------------------------
def _changes(source: Source, record: Record) -> dict[str, Any]:
    """The incoming fields that differ from the source's. Its id stays, and so do a citekey it has,
    its note (the historian's), and a text that differs only in case, accents or punctuation
    (the ledger's "Tengirşek" is not undone by a catalogue's "Tengirsek")."""
    held = source.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    changes = {}
    for key, value in as_written(record).items():
        mine = held.get(key)
        if key == "id" or mine == value or (key in ("citekey", "note") and mine is not None):
            continue
        if key == "citekey" and value == source.id:
            continue
        if isinstance(mine, str) and isinstance(value, str) and fold(mine) == fold(value):
            continue
        changes[key] = value
    return changes


def _refuse_unreadable(records: list[Record]) -> None:
    problems = []
    for record in records:
        try:
            Source.model_validate(as_written(record))
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(part) for part in detail["loc"])
                problems.append(f"source '{record.get('id')}': {where}: {detail['msg']}")
    if problems:
        raise ImportFailed("nothing was written; these records do not read as sources:\n" + "\n".join(problems))


def _into(ledger: Ledger, into: str | os.PathLike | None) -> Path:
    """The file new sources go to, relative to the ledger: as given (from the ledger or the current folder)."""
    if into is None:
        return DEFAULT_INTO
    path = Path(into)
    if not path.is_absolute() and path.parts and path.parts[0] in ("sources",):
        return path
    return Path(os.path.relpath(path.resolve(), ledger.root.resolve()))
