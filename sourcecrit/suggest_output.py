"""`sourcecrit suggest`'s three outputs: a readable table, claim records in YAML, JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

import yaml
from tabulate import tabulate

from sourcecrit.suggest_claims import Candidate, candidate_records

__all__ = ["suggestions_json", "suggestions_table", "suggestions_yaml"]


def suggestions_table(candidates: list[Candidate]) -> str:
    """One row per candidate: locator, value as written and as read (with where a year not written
    came from), best guess, recorded, attribution, quote."""
    rows = []
    for c in candidates:
        written = ", ".join(c.written) if isinstance(c.written, list) else c.written
        guess = " / ".join(c.guesses[0][:2]) if c.guesses else "?"
        quote = c.quote if len(c.quote) <= 90 else c.quote[:87] + "..."
        read = f"{c.read} [year {c.year_from}]" if c.year_from else c.read
        rows.append([c.locator, c.kind, written, read, guess, "yes" if c.recorded else "", c.attribution or "", quote])
    table = tabulate(rows, headers=["locator", "type", "as written", "read as", "subject / property", "recorded",
                                    "attribution", "quote"], tablefmt="simple")
    return f"{table}\n{len(candidates)} candidate{'s' * (len(candidates) != 1)}\n"


def suggestions_yaml(candidates: list[Candidate]) -> str:
    """Claim records ready to paste under a claims file's ``claims:`` (ids proposed, recorded_by left out)."""
    if not candidates:
        return "claims: []\n"
    return yaml.safe_dump({"claims": candidate_records(candidates)}, allow_unicode=True, sort_keys=False, width=120)


def suggestions_json(candidates: list[Candidate]) -> str:
    """Every candidate with all it carries, and the record it would make."""
    records = candidate_records(candidates)
    found = [{**asdict(c), "locator": c.locator, "guesses": [{"subject": s, "property": p, "score": n} for s, p, n in c.guesses],
              "record": record} for c, record in zip(candidates, records, strict=True)]
    return json.dumps({"shape": "sourcecrit-suggestions/1", "candidates": found}, ensure_ascii=False, indent=2) + "\n"
