"""The conflict report as GitHub-flavoured Markdown: readable raw and rendered.

Tables are tabulate's ``github`` format (written by ``github_table``, byte for byte as tabulate
writes them, at a fraction of the cost); every string from the ledger is escaped so that it
shows as written (a ``|`` cannot break a table, a ``<script>`` is text, not markup).
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Iterator

from sourcecrit.report.github_table import github_table
from sourcecrit.report.views import MARK_WORDS, AchView, ClaimView, FactView, Report, VersionView

_SPECIAL = re.compile(r"[\\`*_\[\]<>|#~]")


def _escaped(match: re.Match[str]) -> str:
    return "\\" + match.group()


def md(text: object) -> str:
    """Ledger text for Markdown: one line, Markdown and HTML characters escaped."""
    return _SPECIAL.sub(_escaped, " ".join(str(text).split()))


def code(text: object) -> str:
    """An id in a code span (ids hold no backticks; anything else is escaped as text)."""
    text = str(text)
    return f"`{text}`" if text and "`" not in text and "|" not in text else md(text)


def quoted(text: str) -> str:
    return f"“{md(text)}”" if text else ""


def table(headers: list[str], rows: list[list[object]], numbers: int = 0) -> str:
    """A GitHub table; the last ``numbers`` columns are counts, aligned right."""
    align = ["left"] * (len(headers) - numbers) + ["right"] * numbers
    return github_table(headers, rows, align)


def render_markdown(report: Report) -> Iterator[str]:
    """The report's text in parts, one fact at a time: its blocks, a blank line between two."""
    blocks = chain([f"# {md(report.title)}"], _summary(report), _contents(report),
                   chain.from_iterable(_fact(fact) for fact in report.fact_views()),
                   _per_source(report) if report.per_source else [])
    yield next(blocks)
    for block in blocks:
        yield "\n\n" + block
    yield "\n"


def _summary(report: Report) -> list[str]:
    lines = ["## Summary", f"{md(report.totals_text)}.  \nShowing {md(report.scope_text)}."]
    if report.generated:
        lines[1] += f"  \nGenerated {report.generated}."
    rows = [[f"{symbol} {status}", total, shown] for symbol, status, total, shown in report.counts]
    lines.append(table(["status", "facts", "shown"], rows, numbers=2))
    rows = [[code(s.source), md(s.short), s.claims, s.in_disputes, s.shown] for s in report.sources_shown]
    if rows:
        lines.append(table(["source", "citation", "claims", "in disputed facts", "in this report"], rows, numbers=3))
    return lines


def _contents(report: Report) -> list[str]:
    if not report.entries:
        return ["No facts match the selection."]
    items = [f"{n}. [{f.symbol} {md(f.title)}](#{f.anchor}) ({f.status})" for n, f in enumerate(report.entries, 1)]
    return ["## Facts", "\n".join(items)]


def _fact(fact: FactView) -> list[str]:
    parts = [
        f'<a id="{fact.anchor}"></a>\n\n### {fact.symbol} {md(fact.title)}',
        f"**Status:** {fact.status} — {md(fact.reason)}  \n"
        + "".join(f"**Note:** {md(s)}  \n" for s in fact.self_contradictions) + f"**Fact:** {code(fact.key_text)}",
        "#### Competing values",
        table(["#", "value", "claims", "independent witnesses", "drawn from"], [_version_row(n, v) for n, v in enumerate(fact.versions, 1)]),
        "#### Claims",
        table(["claim", "value", "source", "witness", "locator", "quote", "hedges", "relations", "credibility"],
              [_claim_row(c) for c in fact.claims]),
        "#### Citations",
        "\n".join([*(f"- **{md(c.short)}** ({code(c.source)}): {md(c.citation)}" for c in fact.sources()),
                   *(f"- {md(c.attributed_name)} ({code(c.attributed_to)}): {md(c.cited_as)}"
                     for c in fact.claims if c.cited_as)]),
    ]
    if fact.ach:
        parts += _ach(fact.ach)
    if fact.pairs:
        parts += ["#### Relations", table(["claim", "claim", "relation", "reason"],
                                          [[code(p.a), code(p.b), p.relation, md(p.reason)] for p in fact.pairs])]
    parts += _resolution(fact)
    return parts


def _version_row(number: int, version: VersionView) -> list[object]:
    label = f"**{md(version.label)}** (accepted)" if version.accepted else md(version.label)
    drawn = "; ".join(f"{md(version.name(w))} from {md(version.name(o))}" for w, o in version.drawn_from.items())
    return [number, label, ", ".join(code(c.id) for c in version.claims),
            f"{version.witness_count}: {'; '.join(md(version.name(w)) for w in version.independent)}", drawn]


def _claim_row(claim: ClaimView) -> list[object]:
    source = md(claim.short) + (f" (according to {md(claim.attributed_name)})" if claim.attributed_to else "")
    value = md(claim.value) + ("" if claim.stance == "asserts" else f" ({claim.stance})")
    notes = [f"set aside: {md(claim.set_aside)}" if claim.set_aside else "", f"flagged: {md(claim.flagged)}" if claim.flagged else ""]
    cred = "; ".join([claim.credibility, *filter(None, notes)])
    return [code(claim.id), value, source, md(claim.witness_name), md(claim.locator), quoted(claim.quote),
            md(", ".join(claim.hedges)), claim.relations, cred]


def _ach(ach: AchView) -> list[str]:
    """The ACH matrix: a column per competing version, the most diagnostic evidence first."""
    headers = ["evidence", "witness", *(f"H{n}" for n in range(1, len(ach.hypotheses) + 1)), "tells apart"]
    rows = [[code(r.claim), md(r.witness) + (f" (counts with {code(r.counts_with)})" if r.counts_with else ""), *r.marks,
             r.diagnosticity] for r in ach.rows]
    keys = "\n".join(f"- **H{n}** {md(label)}: {against} independent witness{'es' * (against != 1)} against it"
                     + (" — **least inconsistent**" if least else "")
                     for n, (label, against, least) in enumerate(ach.hypotheses, 1))
    legend = ", ".join(f"{letter} {word}" for letter, word in MARK_WORDS.items())
    return ["#### Competing hypotheses (ACH)", keys, table(headers, rows, numbers=1),
            f"{legend}; “tells apart”: the pairs of hypotheses a claim is consistent with one of and inconsistent "
            f"with the other.  \n**Least inconsistent:** {md(ach.reason)}"]


def _resolution(fact: FactView) -> list[str]:
    resolution = fact.resolution
    if resolution is None:
        return []
    by = " ".join(filter(None, [resolution.decided_by and f"by {md(resolution.decided_by)}",
                                resolution.decided_on and f"on {md(resolution.decided_on)}"]))
    lines = [f"**Accepted:** {md(resolution.accepted)}", f"**Rationale:** {md(resolution.rationale)}"]
    if by:
        lines.append(f"**Decided** {by}")
    if resolution.rests_on:
        lines.append(f"**Rests on:** {', '.join(code(c) for c in resolution.rests_on)}")
    lines += [f"**Set aside:** {code(claim)}: {md(reason)}" for claim, reason in resolution.rejected]
    return ["#### Resolution", "  \n".join(lines)]


def _per_source(report: Report) -> list[str]:
    rows = [[code(s.source), md(s.citation), md(s.reliability) or "–", s.claims, s.contradicted, s.contradicted_by_count,
             md(s.contradicted_by) or "–", s.agree_with_resolution, s.rejected] for s in report.sources]
    headers = ["source", "citation", "reliability", "claims", "contradicted", "by witnesses", "contradicted by",
               "agree with resolution", "set aside"]
    return ["## Sources", table(headers, rows)]
