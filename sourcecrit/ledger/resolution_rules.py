"""The rules a resolution obeys, written once for `sourcecrit check` and for the TUI's edits.

``check_resolution`` names every rule a resolution breaks, each with the field it concerns:
the check reports them at that field's line, an edit refuses before anything is written.

- ``subject``: the subject is declared;
- ``property``: the property is declared (without it, nothing else can be checked);
- ``qualifier``: the property declares the qualifier;
- ``subject``: the fact has no other resolution (the one an edit revises aside);
- ``accepted``: the accepted value reads as a value of the property, and names one entity
  where the property takes one;
- ``rationale``: the rationale says why;
- ``decided_by``: when given, it names someone;
- ``decided_on``: when given, it is a day, month or year written as ISO 8601 (2026-11-23),
  not after today;
- ``rests_on``, ``rejected``: each claim named is in the ledger and is a claim of this fact,
  and each claim set aside says why;
- ``reopened``, ``history``: a reopening and each decision the resolution replaced say why,
  and their days are written as ``decided_on`` is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Container, Iterator

from sourcecrit.models import Property, Resolution
from sourcecrit.suggest import unknown
from sourcecrit.values import TYPE_MODULES, ValueProblem

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger

__all__ = ["FIELDS", "ResolutionCheck", "ResolutionProblem", "check_resolution", "facts_resolved_besides"]

FactKey = tuple[str, str, str | None]
Reader = Callable[[str, Any], Any]
"""Reads a value as written for a property: (property id, written) -> value; raises ValueProblem."""

FIELDS = ("subject", "property", "qualifier", "accepted", "rationale", "decided_by", "decided_on", "rests_on", "rejected")
"""The fields the rules concern, in the order a resolution is written and its problems are told."""
KEPT = ("reopened", "history")
"""What a resolution keeps of its past: only ``check`` meets rules on them (an edit writes them itself)."""


@dataclass(frozen=True)
class ResolutionProblem:
    """One rule a resolution breaks: the field at fault, and what is wrong in plain words."""

    field: str
    message: str


@dataclass
class ResolutionCheck:
    """What checking a resolution found: the rules it breaks (in the order of the fields), and
    its accepted value as read (None when it does not read, or was not read)."""

    problems: list[ResolutionProblem] = field(default_factory=list)
    accepted: Any = None


def check_resolution(ledger: "Ledger", resolution: Resolution, *, resolved: Container[FactKey],
                     read: Reader) -> ResolutionCheck:
    """Every rule ``resolution`` breaks in ``ledger``.

    ``resolved`` holds the facts that already have their resolution, so that this one would
    be a second; ``read`` reads the accepted value (see ``Reader``).
    """
    who = f"resolution of {resolution.subject} / {resolution.property}"
    check = ResolutionCheck()
    found = check.problems
    found += _subject_declared(ledger, resolution, who)
    found += _rationale_given(resolution, who)
    found += _decision_told(resolution, who)
    found += _past_told(resolution, who)
    prop = ledger.properties.get(resolution.property)
    found += _property_declared(ledger, resolution, prop, who)
    if prop is not None and prop.type in TYPE_MODULES:  # a property of an unknown type is reported on itself
        if resolution.fact_key in resolved:
            found.append(ResolutionProblem("subject", f"{who}: the fact already has a resolution; keep one"))
        else:
            check.accepted = _accepted_read(resolution, prop, read, who, found)
            found += _claims_of_this_fact(ledger, resolution, who)
    found.sort(key=lambda problem: (FIELDS + KEPT).index(problem.field))
    return check


def facts_resolved_besides(ledger: "Ledger", revised: Resolution | None) -> set[FactKey]:
    """The facts that have a resolution in ``ledger`` other than ``revised`` (the one an edit revises)."""
    return {r.fact_key for r in ledger.resolutions if r is not revised}


# the rules ------------------------------------------------------------------------------------
def _subject_declared(ledger: "Ledger", resolution: Resolution, who: str) -> Iterator[ResolutionProblem]:
    if resolution.subject not in ledger.subjects:
        yield ResolutionProblem("subject", f"{who}: " + unknown("subject", resolution.subject, ledger.subjects,
                                                                 "declare it under 'subjects:'"))


def _rationale_given(resolution: Resolution, who: str) -> Iterator[ResolutionProblem]:
    if not resolution.rationale.strip():
        yield ResolutionProblem("rationale", f"{who}: write the rationale: why this value and not the others")


_ISO_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _decision_told(resolution: Resolution, who: str) -> Iterator[ResolutionProblem]:
    """Who decided names someone; when is a date an editor can find in a log: ISO, not in the future."""
    if resolution.decided_by is not None and not any(c.isalnum() for c in resolution.decided_by):
        yield ResolutionProblem("decided_by", f"{who}: decided_by names who decided (a name or initials); "
                                              "leave it out if no one is to be named")
    wrong = _day_wrong(resolution.decided_on, "decided_on", "decided")
    if wrong:
        yield ResolutionProblem("decided_on", f"{who}: {wrong}")


def _day_wrong(when: str | None, name: str, done: str) -> str | None:
    """What is wrong with a day an editor gave (``name``: the field; ``done``: what happened on
    it): None when it is none, or an ISO 8601 day, month or year not after today."""
    if when is None:
        return None
    found = _ISO_DAY.fullmatch(when.strip())
    try:
        day = date(int(found[1]), int(found[2] or 1), int(found[3] or 1)) if found else None
    except ValueError:
        day = None
    if day is None:
        return f"{name} '{when}' is not a date; write the day as YYYY-MM-DD (2026-11-23), or YYYY-MM or YYYY"
    if day > date.today():
        return f"{name} {when} is after today; write the day it was {done}"
    return None


def _past_told(resolution: Resolution, who: str) -> Iterator[ResolutionProblem]:
    """A reopening and each decision in the history say why, and give their days as a decision does."""
    reopened = resolution.reopened
    if reopened is not None:
        if not reopened.why.strip():
            yield ResolutionProblem("reopened", f"{who}: reopened: say why it was reopened")
        wrong = _day_wrong(reopened.on, "reopened on", "reopened")
        if wrong:
            yield ResolutionProblem("reopened", f"{who}: {wrong}")
    for n, past in enumerate(resolution.history, 1):
        if not past.why.strip():
            yield ResolutionProblem("history", f"{who}: history entry {n}: say why it was replaced")
        for name, when, done in (("decided_on", past.decided_on, "decided"), ("replaced_on", past.replaced_on,
                                                                             "replaced")):
            wrong = _day_wrong(when, name, done)
            if wrong:
                yield ResolutionProblem("history", f"{who}: history entry {n}: {wrong}")


def _property_declared(ledger: "Ledger", resolution: Resolution, prop: Property | None,
                       who: str) -> Iterator[ResolutionProblem]:
    """The property is declared, and declares the qualifier."""
    if prop is None:
        yield ResolutionProblem("property", f"{who}: " + unknown("property", resolution.property, ledger.properties,
                                                                  "declare it under 'properties:'"))
    elif resolution.qualifier and resolution.qualifier not in prop.qualifiers:
        declared = ", ".join(prop.qualifiers) or "none"
        yield ResolutionProblem("qualifier", f"{who}: property '{prop.id}' has no qualifier "
                                             f"'{resolution.qualifier}' (declared: {declared})")


def _accepted_read(resolution: Resolution, prop: Property, read: Reader, who: str,
                   found: list[ResolutionProblem]) -> Any:
    """The accepted value as read, or None; what is wrong with it is added to ``found``.
    A value naming several entities for a property that takes one is still returned."""
    try:
        value = read(prop.id, resolution.accepted)
    except ValueProblem as problem:
        found.append(ResolutionProblem("accepted", f"{who}: the accepted value cannot be read: {problem}"))
        return None
    if prop.type == "entities" and not prop.multi and len(value.ids()) > 1:
        found.append(ResolutionProblem("accepted", f"{who}: property '{prop.id}' takes one {prop.label}, not several; "
                                                   "declare it multi: true or split the claim"))
    return value


def _claims_of_this_fact(ledger: "Ledger", resolution: Resolution, who: str) -> Iterator[ResolutionProblem]:
    """Each claim the resolution rests on or rejects is in the ledger and speaks to this fact."""
    named = [(c, "rests_on") for c in resolution.rests_on] + [(r.claim, "rejected") for r in resolution.rejected]
    for claim_id, key in named:
        claim = ledger.claims.get(claim_id)
        if claim is None:
            yield ResolutionProblem(key, f"{who}: " + unknown("claim", claim_id, ledger.claims, "check the claim id"))
        elif claim.fact_key != resolution.fact_key:
            yield ResolutionProblem(key, f"{who}: claim '{claim_id}' is about {claim.subject} / {claim.property}, "
                                         "not this fact")
    for rejection in resolution.rejected:
        if not rejection.reason.strip():
            yield ResolutionProblem("rejected", f"{who}: say why claim '{rejection.claim}' is set aside")
