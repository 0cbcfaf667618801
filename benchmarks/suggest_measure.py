"""How much of what a historian recorded `sourcecrit suggest` proposes, on the demo ledger.

    python benchmarks/suggest_measure.py [LEDGER] [--sample 50]

Takes every k-th claim (a sample of SAMPLE) among the claims whose source holds a text, and
asks whether suggest proposed it: a candidate whose sentence overlaps the claim's quote as
found in the text and whose type is the claim's property's type (*sentence*), and whose value
reads as the claim's value does (*value*); and whether its best subject / property guess is
the claim's (*guess*). Prints each claim missed, then the counts.

Then its precision against the same ledger: of every candidate proposed for the texts that
hold a recorded claim (each text scanned under every source that reads it), the share whose
sentence holds a claim of its type that reads alike (*value*), and the share whose sentence
holds any recorded claim (*sentence*). A lower bound: what the ledger does not record yet
counts as a false positive.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sourcecrit.ledger import load_ledger  # noqa: E402
from sourcecrit.ledger.readings import reading_contexts  # noqa: E402
from sourcecrit.suggest_claims import SuggestError, suggest_claims  # noqa: E402
from sourcecrit.verify import held_text  # noqa: E402
from sourcecrit.values import ValueProblem, value_type  # noqa: E402
from sourcecrit.verify import verify_ledger  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ledger", nargs="?", default=str(HERE.parent))
    parser.add_argument("--sample", type=int, default=50)
    args = parser.parse_args()
    ledger = load_ledger(Path(args.ledger))
    context = reading_contexts(ledger)[None]
    found = {r.claim: r for r in verify_ledger(ledger) if r.anchor is not None}
    claims = [ledger.claims[c] for c in found]
    sample = claims[:: max(1, len(claims) // args.sample)][: args.sample]
    by_file: dict[Path, list] = {}
    counts = {"sentence": 0, "value": 0, "guess": 0}
    for claim in sample:
        path = _file(ledger, found[claim.id].source)
        if path not in by_file:
            by_file[path] = _suggested(ledger, path)
        kind = ledger.properties[claim.property].type
        anchor = found[claim.id].anchor
        near = [c for c in by_file[path] if c.kind == kind and c.start < anchor.end and c.end > anchor.start]
        same = [c for c in near if _reads_alike(kind, c.written, claim.value, context)]
        guessed = [c for c in near if c.guesses and c.guesses[0][:2] == (claim.subject, claim.property)]
        counts["sentence"] += bool(near)
        counts["value"] += bool(same)
        counts["guess"] += bool(guessed)
        if not same:
            print(f"missed {claim.id} ({kind}, {claim.value!r}): " + (f"proposed {[c.written for c in near]}" if near else "no candidate"))
    n = len(sample)
    print(f"{n} claims: sentence proposed {counts['sentence']} ({100 * counts['sentence'] / n:.0f} %), "
          f"value read alike {counts['value']} ({100 * counts['value'] / n:.0f} %), "
          f"best guess right {counts['guess']} ({100 * counts['guess'] / n:.0f} %)")
    _precision(ledger, found, context)


def _file(ledger, source: str) -> Path:
    return held_text(ledger, source)[2].resolve()


def _suggested(ledger, path: Path) -> list:
    """The candidates of every source that reads the file (a source that suggests none of it: none)."""
    found = []
    for source in ledger.sources:
        held = held_text(ledger, source)
        if held is not None and held[2].resolve() == path:
            try:
                found += suggest_claims(ledger, source)
            except SuggestError:  # a source whose lines are suggested under another
                pass
    return found


def _precision(ledger, found: dict, context) -> None:
    claims_by_file: dict[Path, list] = {}
    for claim_id, result in found.items():
        claims_by_file.setdefault(_file(ledger, result.source), []).append(ledger.claims[claim_id])
    total = alike = in_claim = 0
    for path, claims in claims_by_file.items():
        for c in _suggested(ledger, path):
            held = [k for k in claims if found[k.id].anchor.start < c.end and found[k.id].anchor.end > c.start]
            total += 1
            in_claim += bool(held)
            alike += any(ledger.properties[k.property].type == c.kind and _reads_alike(c.kind, c.written, k.value, context)
                         for k in held)
    print(f"{total} candidates in {len(claims_by_file)} texts: value recorded {alike} ({100 * alike / max(1, total):.0f} %), "
          f"sentence recorded {in_claim} ({100 * in_claim / max(1, total):.0f} %)")


def _reads_alike(kind: str, written, value, context) -> bool:
    try:
        type_ = value_type(kind)
        a, b = type_.parse(written, context), type_.parse(value, context)
    except ValueProblem:
        return False
    if kind == "entities":
        na, nb = type_.normalized(a), type_.normalized(b)
        return {e for ids in nb["roles"].values() for e in ids} <= {e for ids in na["roles"].values() for e in ids}
    return _as_read(type_.normalized(a)) == _as_read(type_.normalized(b))


def _as_read(normalized):
    """A normalized value without the form it was written in."""
    if isinstance(normalized, dict):
        return {k: _as_read(v) for k, v in normalized.items() if k != "written"}
    if isinstance(normalized, list):
        return [_as_read(v) for v in normalized]
    return normalized


if __name__ == "__main__":
    main()
