"""How well and how fast `sourcecrit verify` finds damaged quotes, against diff-match-patch.

    python benchmarks/verify_bench.py [TEXT] [--quotes 300] [--seed 7] [--dmp N]

Takes QUOTES stretches of 8 to 30 words from TEXT (default: the thesis of the demo ledger,
../shared/seeds/001_c29a1d737bb6ab79.txt, 227 KB), damages each as a copyist or a reader
would (typos, a dropped word, changed punctuation; one to three damages each), and looks for
it with no location hint. A quote is found at the right place when the start found is within
20 characters of its true start. diff-match-patch's ``match_main`` (the `bench` extra: pip
install diff-match-patch) is given the same quotes with no hint (location 0, a distance as
long as the text, patterns of any length); it is slow on a long text, so only the first N
(--dmp, default 30) are given to it, and its time per quote is compared.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sourcecrit.anchoring import TextIndex  # noqa: E402

THESIS = HERE.parent.parent / "shared" / "seeds" / "001_c29a1d737bb6ab79.txt"
RIGHT_PLACE = 20  # characters between the start found and the true start


def damaged_quotes(index: TextIndex, count: int, rng: random.Random) -> list[tuple[int, str]]:
    """``count`` (true start, damaged quote) pairs from the text; a stretch that stands in the
    text more than once (a footnote citing a book again) has no one right place and is not taken."""
    text = index.text
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    quotes = []
    while len(quotes) < count:
        first = rng.randrange(len(words) - 40)
        length = rng.randint(8, 30)
        start, end = words[first][0], words[first + length][1]
        quote = " ".join(text[start:end].split())
        if sum(ch.isalpha() for ch in quote) < 40:  # tables of contents and page numbers: not quotes
            continue
        if len(index.anchors(quote)) != 1:
            continue
        for _ in range(rng.randint(1, 3)):
            quote = _damage(quote, rng)
        quotes.append((start, quote))
    return quotes


def _damage(quote: str, rng: random.Random) -> str:
    kind = rng.choice(["typo", "typo", "drop", "punctuation"])
    words = quote.split()
    if kind == "drop" and len(words) > 8:
        del words[rng.randrange(1, len(words) - 1)]  # not the first or last: the quote's ends stay where they were
        return " ".join(words)
    if kind == "punctuation":
        marks = [i for i, ch in enumerate(quote) if ch in ".,;:()\"'"]
        if marks:
            i = rng.choice(marks)
            return quote[:i] + rng.choice(["", ",", ";", " -"]) + quote[i + 1:]
        return quote + "."
    letters = [i for i, ch in enumerate(quote) if ch.isalpha()]
    i = rng.choice(letters)
    return quote[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + quote[i + 1:]


def run_sourcecrit(index: TextIndex, quotes: list[tuple[int, str]]) -> tuple[float, int, list[float]]:
    right, scores = 0, []
    began = time.perf_counter()
    for start, quote in quotes:
        anchors = index.anchors(quote)
        if anchors and min(abs(a.start - start) for a in anchors) <= RIGHT_PLACE and len(anchors) == 1:
            right += 1
            scores.append(anchors[0].score)
    return time.perf_counter() - began, right, scores


def run_dmp(text: str, quotes: list[tuple[int, str]]) -> tuple[float, int] | None:
    try:
        from diff_match_patch import diff_match_patch
    except ImportError:
        return None
    dmp = diff_match_patch()
    dmp.Match_MaxBits = 0  # patterns of any length
    dmp.Match_Distance = len(text)  # no location hint: a place far from 0 costs nothing
    dmp.Match_Threshold = 0.5
    right = 0
    began = time.perf_counter()
    for start, quote in quotes:
        found = dmp.match_main(text, quote, 0)
        right += found >= 0 and abs(found - start) <= RIGHT_PLACE
    return time.perf_counter() - began, right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text", nargs="?", default=str(THESIS))
    parser.add_argument("--quotes", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dmp", type=int, default=30, metavar="N", help="quotes given to diff-match-patch (0: none)")
    args = parser.parse_args()
    text = Path(args.text).read_text(encoding="utf-8")
    began = time.perf_counter()
    index = TextIndex(text)
    index_seconds = time.perf_counter() - began
    quotes = damaged_quotes(index, args.quotes, random.Random(args.seed))
    seconds, right, scores = run_sourcecrit(index, quotes)
    print(f"text: {Path(args.text).name}, {len(text):,} characters; {len(quotes)} damaged quotes, no location hint")
    print(f"sourcecrit: {right}/{len(quotes)} at the right place ({100 * right / len(quotes):.1f} %), "
          f"{1000 * seconds / len(quotes):.2f} ms a quote (+ {1000 * index_seconds:.0f} ms to fold the text once); "
          f"median score {statistics.median(scores) if scores else 0:.1f}")
    if args.dmp:
        done = run_dmp(text, quotes[:args.dmp])
        if done is None:
            print("diff-match-patch: not installed (pip install diff-match-patch, or the bench extra)")
            return
        dmp_seconds, dmp_right = done
        sample = quotes[:args.dmp]
        _, ours_right, _ = run_sourcecrit(index, sample)
        per_dmp, per_ours = dmp_seconds / len(sample), seconds / len(quotes)
        print(f"diff-match-patch match_main on the first {len(sample)}: {dmp_right}/{len(sample)} at the right place "
              f"(sourcecrit {ours_right}/{len(sample)}), {1000 * per_dmp:.1f} ms a quote: "
              f"sourcecrit is {per_dmp / per_ours:.0f}x faster")


if __name__ == "__main__":
    main()
