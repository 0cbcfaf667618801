"""The review queue: what in a ledger waits for an editor, as one list to work through.

Resolutions that became disputed again (a claim contradicts the accepted value and is not set
aside), open disputes, claims flagged for review, and citations that ``verify`` finds wrong:
quotes not found in their text (orphans), found in several places the locator does not tell
apart (ambiguous), or found away from where the locator points (drift). No Textual here: the
queue is made from the comparison's findings and ``verify``'s results, never judged anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sourcecrit.compare import Findings, Status

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger
    from sourcecrit.verify import Verified

# The kinds of item, in the order the queue lists them: a decision that no longer holds first.
KINDS = ("disputed again", "disputed", "flagged", "orphan", "ambiguous", "drift")


@dataclass(frozen=True)
class ReviewItem:
    """One thing to review: a fact (``fact`` is its key) or a claim (``claim``), and why."""

    kind: str  # one of KINDS
    why: str
    fact: tuple[str, str, str | None] | None = None
    claim: str | None = None

    @property
    def key(self) -> str:
        """What identifies the item in the queue's table."""
        return f"{self.kind}|{self.claim or '/'.join(part or '' for part in self.fact or ())}"


def fact_items(findings: Findings) -> list[ReviewItem]:
    """The disputed facts: those whose resolution no longer holds, then those never resolved."""
    again, open_ = [], []
    for finding in findings.findings:
        if finding.status is not Status.DISPUTED:
            continue
        if finding.resolution is not None:
            again.append(ReviewItem("disputed again", finding.status_reason, fact=finding.key))
        else:
            open_.append(ReviewItem("disputed", finding.status_reason, fact=finding.key))
    return again + open_


def flagged_items(ledger: "Ledger") -> list[ReviewItem]:
    """The claims flagged for review, with the reason given, in the ledger's order."""
    return [ReviewItem("flagged", str(claim.flagged), claim=claim.id) for claim in ledger.claims.values() if claim.flagged]


def citation_items(verified: "list[Verified]") -> list[ReviewItem]:
    """The citations ``verify`` finds wrong: orphans, ambiguous quotes, then drifted locators."""
    items = []
    for kind in ("orphan", "ambiguous"):
        for result in verified:
            if result.status == kind:
                items.append(ReviewItem(kind, _citation_why(result), claim=result.claim))
    for result in verified:
        if result.drift is not None and result.status in ("exact", "fuzzy"):
            items.append(ReviewItem("drift", _citation_why(result), claim=result.claim))
    return items


def review_queue(ledger: "Ledger", findings: Findings, verified: "list[Verified] | None" = None) -> list[ReviewItem]:
    """Everything to review, in the order of KINDS (citations only when ``verified`` is given)."""
    return fact_items(findings) + flagged_items(ledger) + citation_items(verified or [])


def _citation_why(result: "Verified") -> str:
    if result.status == "orphan":
        return f"the quote is not in {result.text}"
    if result.status == "ambiguous":
        places = ", ".join(map(str, result.places))
        return f"the quote stands at lines {places} of {result.text} and the locator does not say which"
    assert result.drift is not None
    return f"the locator says {result.drift.written!r}; the quote is at {result.drift.found!r} (sourcecrit verify --fix)"
