"""How much of what a historian recorded `sourcecrit suggest` proposes, on the demo ledger.

    python benchmarks/suggest_measure.py [LEDGER] [--sample 50]

Takes every k-th claim (a sample of SAMPLE) among the claims whose source holds a text, and
asks whether suggest proposed it: a candidate whose sentence overlaps the claim's quote as
found in the text and whose type is the claim's property's type (*sentence*), and whose value
reads as the claim's value does (*value*); and whether its best subject / property guess is
the claim's (*guess*). Prints each claim missed, then the counts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sourcecrit.ledger import load_ledger  # noqa: E402
from sourcecrit.ledger.readings import reading_contexts  # noqa: E402
from sourcecrit.suggest_claims import suggest_claims  # noqa: E402
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
    by_source = {}
    counts = {"sentence": 0, "value": 0, "guess": 0}
    for claim in sample:
        source = found[claim.id].source
        if source not in by_source:
            by_source[source] = suggest_claims(ledger, source)
        kind = ledger.properties[claim.property].type
        anchor = found[claim.id].anchor
        near = [c for c in by_source[source] if c.kind == kind and c.start < anchor.end and c.end > anchor.start]
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
