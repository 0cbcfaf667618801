"""A subject at a glance: its facts, every date claimed of it on one axis, and who witnesses
it, worked out from the loaded state; the subject screen shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sourcecrit.compare import Finding
from sourcecrit.models import Stance
from sourcecrit.query import fact_label
from sourcecrit.tui.charts import charts_for
from sourcecrit.tui.screens.base import as_written
from sourcecrit.tui.timeline import DATE_AXIS, Chart

if TYPE_CHECKING:
    from sourcecrit.tui.state import LedgerState


@dataclass
class SubjectWitness:
    """A person or body that speaks to the subject (a source's authors), else the source itself
    when the ledger does not know whose work it is; with the works it speaks through."""

    who: str
    works: list[str] = field(default_factory=list)  # "Ertürk's memoirs (in Tansu 1964)"
    says: list[str] = field(default_factory=list)  # "signed on (actual): 18 March 1921"
    first_source: str = ""  # the source a reader opens to see it
    said_in: list[str] = field(default_factory=list)  # the work of each of ``says``


def facts_of_subject(state: "LedgerState", subject_id: str) -> list[Finding]:
    """The subject's facts, in the overview's order (most contested first)."""
    return state.findings.of_subject(subject_id)


def witnesses_of(state: "LedgerState", facts: list[Finding]) -> list[SubjectWitness]:
    """Everyone who witnesses these facts, each once however many works carry their words
    (an author's article and book are one witness), most claims first."""
    ledger, findings = state.ledger, state.findings
    found: dict[tuple, SubjectWitness] = {}
    for finding in facts:
        label = fact_label(ledger, finding)
        for claim_id in finding.claims:
            claim = ledger.claims.get(claim_id)
            if claim is None:
                continue
            witness = findings.witness.get(claim_id, claim.source)
            authorship = findings.authors.get(witness)
            key = ("person", authorship.entities) if authorship else ("source", witness)
            who = (", ".join(ledger.gazetteer.label(e) for e in authorship.entities) if authorship
                   else ledger.source_label(witness))
            entry = found.setdefault(key, SubjectWitness(who, first_source=witness))
            work = ledger.source_label(witness)
            if claim.source != witness:
                work += f" (in {ledger.source_label(claim.source)})"
            if work not in entry.works:
                entry.works.append(work)
            said = as_written(claim.value)
            if claim.stance is not Stance.ASSERTS:
                said = f"{claim.stance.value} {said}"
            entry.says.append(f"{label}: {said}")
            entry.said_in.append(work)
    for entry in found.values():  # a witness of several works: say in which each thing is said
        if len(entry.works) > 1:
            entry.says = [f"{said} ({work})" for said, work in zip(entry.says, entry.said_in)]
    return sorted(found.values(), key=lambda w: (-len(w.says), w.who.casefold()))


def dates_chart(state: "LedgerState", facts: list[Finding]) -> Chart | None:
    """Every date claim of the subject's date facts on one shared axis; each bar carries its
    fact's number (the place of the fact in ``facts``, from 1) and colour. None when none is
    a date."""
    ledger = state.ledger
    bars, notes = [], []
    for number, finding in enumerate(facts):
        prop = ledger.properties.get(finding.property)
        if prop is None or prop.type != "date":
            continue
        for chart in charts_for(state, finding):
            for bar in chart.bars:
                bar.version = number
                bars.append(bar)
            notes += chart.notes
    return Chart(bars, DATE_AXIS, notes) if bars or notes else None

