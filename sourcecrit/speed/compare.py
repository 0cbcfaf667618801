"""Comparing a ledger quickly: the plain comparison (sourcecrit.compare) with the wing's steps.

A fact's result is taken from the findings memo (speed.findings_memo) while the fact and
everything facts share are unchanged; the others are computed, partly in a forked child
when there are many (speed.second_process). When the memo was written for this very state
of the ledger, the findings are put together from it whole. The findings are those the
plain comparison gives either way.
"""

from __future__ import annotations

from typing import Sequence

from sourcecrit.compare import CompareSteps, Fact, FactResult, Findings
from sourcecrit.compare import compare_ledger as compare_plainly
from sourcecrit.compare.findings import Compute, compare_context, findings_of
from sourcecrit.ledger.loaded import Ledger
from sourcecrit.speed.collector import collector_paused
from sourcecrit.speed.findings_memo import FactMemo, pickled
from sourcecrit.speed.second_process import shared_with_child
from sourcecrit.speed.thresholds import DEFAULT, Thresholds


def compare_ledger(ledger: Ledger, *, thresholds: Thresholds = DEFAULT) -> Findings:
    """The findings of ``ledger``, as the plain comparison gives them."""
    with collector_paused():  # hundreds of thousands of pairs and versions, no cycles
        memo = FactMemo.for_ledger(ledger, compare_context(ledger))
        kept = memo.whole(ledger)
        if kept is not None:  # nothing changed since the memo was written (a warm start)
            results, witness, summary = kept
            findings = findings_of(ledger, results, witness, summary)
        else:
            findings = compare_plainly(ledger, steps=RememberingSteps(memo, thresholds))
        memo.save(ledger, findings.witness, (findings.credibility, findings.sources, findings.authors),
                  thresholds.few_new_facts)
    return findings


class RememberingSteps(CompareSteps):
    """Each fact's result from the memo when the fact is unchanged, else computed (in two
    processes when there are many); every result is kept in the memo."""

    def __init__(self, memo: FactMemo, thresholds: Thresholds):
        self.memo, self.thresholds = memo, thresholds

    def results(self, ledger: Ledger, facts: list[Fact], compute: Compute) -> list[FactResult]:
        memo = self.memo
        if memo.entries:  # some remembered: the tokens tell which facts to compute
            tokens = [memo.token(ledger, fact) for fact in facts]
            results = [memo.get(token) for token in tokens]
            missing = [n for n, result in enumerate(results) if result is None]
            computed = [(tokens[n], result) for n, result in zip(missing, self._computed([facts[n] for n in missing], compute))]
        else:  # nothing remembered: every fact is computed, and its token with it (in the child too)
            tokens, results, missing = [None] * len(facts), [None] * len(facts), list(range(len(facts)))

            def with_tokens(part: Sequence[Fact]) -> list[tuple[bytes | None, FactResult]]:
                return list(zip([memo.token(ledger, fact) for fact in part], compute(part)))

            computed = self._computed(facts, with_tokens)
        for n, (token, result) in zip(missing, computed):
            tokens[n], results[n] = token, result
        fresh = set(missing)
        for n, (token, result) in enumerate(zip(tokens, results)):
            memo.keep(token, result, n in fresh)  # type: ignore[arg-type]  # every result is had by now
        return results  # type: ignore[return-value]

    def _computed(self, facts: list[Fact], work):
        if len(facts) < self.thresholds.many_facts:
            return work(facts)  # fewer are compared quicker here than a second process starts and answers
        # the child's findings come packed as the memo keeps them: a third the memory, unpacked when shown
        return shared_with_child(facts, work, share=_share_of_facts(facts, self.thresholds.child_share), dumps=pickled)


def _share_of_facts(facts: list[Fact], share: float) -> float:
    """The part of ``facts``, counted from the end, that holds ``share`` of the work: a fact's
    work grows with its claims and its pairs of claims, and facts of many claims may gather
    at one end of the ledger (the generated 10^5 ledger's first half holds 64% of its pairs)."""
    weights = [len(fact.claims) * (len(fact.claims) + 1) // 2 + 1 for fact in facts]
    left = sum(weights) * (1 - share)
    for place, weight in enumerate(weights):
        left -= weight
        if left <= 0:
            return (len(facts) - place - 1) / len(facts)
    return 0.0
