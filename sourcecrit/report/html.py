"""The conflict report as one self-contained HTML page: no scripts, no network, inline styles.

Every string from the ledger passes through :func:`html.escape`, so markup in a quote shows
as text. The page reads on screen and prints (see the ``@media print`` rules).
"""

from __future__ import annotations

from html import escape
from typing import Iterable, Iterator

from sourcecrit.report.svg_chart import fact_chart
from sourcecrit.report.views import MARK_WORDS, AchView, ClaimView, FactEntry, FactView, Report, ResolutionView, VersionView

STYLE = """
:root { --ink: #1b1f24; --muted: #4d5561; --rule: #d0d7de; --band: #f4f6f8;
  --disputed: #a4161a; --resolved: #1a6b35; --consistent: #5a4a00; --agreed: #1f4e8c; --single-source: #4d5561; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 4rem; color: var(--ink); background: #fff;
  font: 16px/1.5 Georgia, "Times New Roman", serif; }
h1, h2, h3, h4, th, .badge, nav, .meta, .summary-line { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.2rem; margin: 0 0 .4rem; }
h4 { font-size: .95rem; margin: 1.2rem 0 .4rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
a { color: #0b4f9c; }
.meta, .summary-line { color: var(--muted); font-size: .92rem; margin: .2rem 0; }
nav ol { padding-left: 1.6rem; margin: .4rem 0; }
nav li { margin: .15rem 0; }
section.fact { border: 1px solid var(--rule); border-left: 6px solid var(--muted); border-radius: 4px;
  padding: 1rem 1.25rem; margin: 1.5rem 0; }
section.fact.disputed { border-left-color: var(--disputed); }
section.fact.resolved { border-left-color: var(--resolved); }
section.fact.consistent { border-left-color: var(--consistent); }
section.fact.agreed { border-left-color: var(--agreed); }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 3px; font-size: .8rem; font-weight: 600;
  color: #fff; background: var(--single-source); vertical-align: .15em; white-space: nowrap; }
.badge.disputed { background: var(--disputed); } .badge.resolved { background: var(--resolved); }
.badge.consistent { background: var(--consistent); } .badge.agreed { background: var(--agreed); }
.reason { margin: .3rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .9rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; word-break: normal; }
th { background: var(--band); font-size: .8rem; font-weight: 600; overflow-wrap: normal; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.compact { width: auto; min-width: 20rem; }
tr.accepted td { background: #eaf5ee; }
tr.set-aside td { color: var(--muted); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em;
  background: var(--band); padding: 0 .2em; border-radius: 2px; overflow-wrap: anywhere; }
td.id { min-width: 7.5rem; } td.short { min-width: 7rem; } td.text { min-width: 13rem; }
blockquote { margin: .2rem 0; padding-left: .6rem; border-left: 3px solid var(--rule); font-style: italic; }
.note { color: var(--muted); font-size: .85rem; }
ul.citations { margin: .2rem 0 .6rem; padding-left: 1.2rem; font-size: .9rem; }
dl.resolution { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0; }
dl.resolution dt { font-weight: 600; font-family: system-ui, sans-serif; font-size: .9rem; }
dl.resolution dd { margin: 0; }
figure.chart { margin: .4rem 0 .8rem; }
svg.chart { display: block; width: 100%; max-width: 45rem; height: auto; margin: .2rem 0; }
svg.chart text { font: 11px system-ui, Arial, sans-serif; fill: #1b1f24; }
svg.chart text.label { text-anchor: end; } svg.chart text.tick { text-anchor: middle; fill: #4d5561; }
svg.chart text.unit { text-anchor: end; font-style: italic; } svg.chart text.num { font-weight: 600; }
svg.chart line.grid { stroke: #d0d7de; stroke-width: 1; } svg.chart line.axis { stroke: #1b1f24; stroke-width: 1; }
figcaption { color: var(--muted); font-size: .85rem; }
table.ach td.mark { text-align: center; font-weight: 600; font-family: system-ui, sans-serif; }
table.ach td.C { background: #eaf5ee; } table.ach td.I { background: #fbe9e7; }
table.ach th.least { background: #d7eedd; }
tr:target td, section:target { outline: 2px solid #0b4f9c; }
@media screen and (max-width: 76rem) {  /* below it the columns' least widths overflow a fact's card */
  body { padding: 1rem; }
  td.id, td.short, td.text { min-width: 0; }
}
@media print {
  @page { margin: 1.5cm; }
  html { font-size: 12px; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  th, td { padding: .2rem .3rem; }
  td.id { min-width: 5.5rem; } td.short { min-width: 6.5rem; } td.text { min-width: 8rem; }
  a { color: inherit; text-decoration: none; }
  nav { break-after: page; }
  h2, h3, h4 { break-after: avoid; }
  section.fact { break-inside: auto; border-width: 1px 1px 1px 4px; padding: .5rem .8rem; }
  section.fact > h3, .reason { break-after: avoid; }
  tr, blockquote { break-inside: avoid; }
  thead { display: table-header-group; }
  .badge, th, tr.accepted td, table.ach td, svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure.chart, table.ach { break-inside: avoid; }
}
"""


BLOCKS = {"section", "nav", "table", "thead", "tbody", "tr", "h1", "h2", "h3", "h4", "p", "ol", "ul", "li", "dl", "dd"}


def el(tag: str, content: str = "", **attrs: str) -> str:
    """One element; ``content`` is already HTML, attribute values are escaped here."""
    attributes = "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in attrs.items() if value)
    return f"<{tag}{attributes}>{content}</{tag}>" + ("\n" if tag in BLOCKS else "")


def text(value: object) -> str:
    return escape(str(value))


def code(value: object) -> str:
    return el("code", text(value)) if value else ""


def table(headers: list[str], rows: Iterable[tuple[list[str], str] | tuple[list[str], str, str]],
          class_: str = "") -> str:
    """A table: plain-text headers, rows of (already escaped cells, row class[, row id])."""
    head = el("thead", el("tr", "".join(el("th", text(h), scope="col") for h in headers)))
    body = el("tbody", "".join(el("tr", "".join(row[0]), class_=row[1], id=row[2] if len(row) > 2 else "")
                               for row in rows))
    return el("table", head + body, class_=class_)


def td(content: str, class_: str = "") -> str:
    return el("td", content, class_=class_)


def claim_link(claim_id: str) -> str:
    return el("a", code(claim_id), href=f"#claim-{claim_id}")


def render_html(report: Report) -> Iterator[str]:
    """The page in parts, one fact's section at a time."""
    head = "\n".join(['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
                      el("title", text(report.title)), el("style", STYLE)])
    yield f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{head}\n</head>\n<body>\n'
    yield "\n".join([el("h1", text(report.title)), _summary(report), _contents(report)])
    if report.entries:
        yield "\n" + el("h2", "Facts")
        for fact in report.fact_views():
            yield _fact(fact, fact_chart(report.ledger, fact))
    if report.per_source:
        yield "\n" + _per_source(report)
    yield "\n</body>\n</html>\n"


def _summary(report: Report) -> str:
    lines = [el("p", text(report.totals_text), class_="summary-line"),
             el("p", "Showing " + text(report.scope_text), class_="summary-line")]
    if report.generated:
        lines.append(el("p", "Generated " + text(report.generated), class_="summary-line"))
    counts = table(["status", "facts", "shown"], (
        ([td(el("span", f"{symbol} {text(status)}", class_=f"badge {status}")), td(str(total), "num"), td(str(shown), "num")], "")
        for symbol, status, total, shown in report.counts), class_="compact")
    sources = table(["source", "citation", "claims", "in disputed facts", "in this report"], (
        ([td(code(s.source)), td(text(s.short)), td(str(s.claims), "num"), td(str(s.in_disputes), "num"), td(str(s.shown), "num")],
         "", s.anchor) for s in report.sources_shown), class_="compact") if report.sources_shown else ""
    return el("section", el("h2", "Summary") + "".join(lines) + counts + sources, id="summary")


def _contents(report: Report) -> str:
    if not report.entries:
        return el("p", "No facts match the selection.")
    items = "".join(el("li", el("a", text(f"{f.symbol} {f.title}"), href=f"#{f.anchor}") + " " +
                          el("span", text(f.status), class_=f"badge {f.status}")) for f in report.entries)
    return el("nav", el("h2", "Contents") + el("ol", items), aria_label="Contents")


def _fact(fact: FactView, chart: str = "") -> str:
    parts = [
        el("h3", text(f"{fact.symbol} {fact.title}") + " " + el("span", text(fact.status), class_=f"badge {fact.status}")),
        el("p", "Fact " + code(fact.key_text), class_="meta"),
        el("p", text(fact.reason), class_="reason"),
        *(el("p", text(s), class_="reason") for s in fact.self_contradictions),
        el("h4", "Competing values"),
        table(["#", "value", "claims", "independent witnesses", "drawn from"],
              (_version_row(n, v) for n, v in enumerate(fact.versions, 1))),
        chart,
        el("h4", "Claims"),
        table(["claim", "value", "source", "locator and quote", "hedges", "relations", "credibility"],
              (_claim_row(c) for c in fact.claims)),
        el("h4", "Citations"),
        el("ul", "".join([*(el("li", el("strong", text(c.short)) + " " + code(c.source) + ": " + text(c.citation))
                            for c in fact.sources()),
                          *(el("li", el("strong", text(c.attributed_name)) + " " + code(c.attributed_to) + ": "
                               + text(c.cited_as) + " (" + claim_link(c.id) + ")") for c in fact.claims if c.cited_as)]),
           class_="citations"),
    ]
    if fact.ach:
        parts += _ach(fact.ach)
    if fact.pairs:
        parts += [el("h4", "Relations"), table(["claim", "claim", "relation", "reason"], (
            ([td(claim_link(p.a), "id"), td(claim_link(p.b), "id"), td(text(p.relation), "short"), td(text(p.reason), "text")], "")
            for p in fact.pairs))]
    if fact.resolution:
        parts += [el("h4", "Resolution"), _resolution(fact.resolution)]
    return el("section", "".join(parts), id=fact.anchor, class_=f"fact {fact.status}")


def _ach(ach: AchView) -> list[str]:
    """The ACH matrix: a column per competing version, the most diagnostic evidence first."""
    head = el("tr", el("th", "evidence", scope="col") + el("th", "witness", scope="col") + "".join(
        el("th", text(f"H{n}") + (" ✓" if least else ""), scope="col", title=label, class_="least" if least else "")
        for n, (label, _, least) in enumerate(ach.hypotheses, 1)) + el("th", "tells apart", scope="col"))
    rows = "".join(el("tr", td(claim_link(r.claim), "id") + td(text(r.witness) + (
        el("div", "counts with " + claim_link(r.counts_with), class_="note") if r.counts_with else ""), "short")
        + "".join(el("td", mark, class_=f"mark {'C' if mark == 'C' else 'I' if mark == 'I' else ''}".strip(),
                     title=MARK_WORDS[mark]) for mark in r.marks)
        + td(str(r.diagnosticity), "num")) for r in ach.rows)
    keys = "".join(el("li", el("strong", text(f"H{n}")) + " " + text(label) + ": " + text(
        f"{against} independent witness{'es' * (against != 1)} against it") + (" " + el("span", "least inconsistent",
                                                                                            class_="badge resolved") if least else ""))
        for n, (label, against, least) in enumerate(ach.hypotheses, 1))
    legend = ", ".join(f"{letter} {word}" for letter, word in MARK_WORDS.items())
    return [el("h4", "Competing hypotheses (ACH)"), el("ul", keys, class_="citations"),
            el("table", el("thead", head) + el("tbody", rows), class_="ach compact"),
            el("p", text(f"{legend}. “Tells apart”: the pairs of hypotheses a claim is consistent with one of and "
                         "inconsistent with the other; evidence is counted in independent witnesses."), class_="note"),
            el("p", el("strong", "Least inconsistent: ") + text(ach.reason), class_="reason")]


def _version_row(number: int, version: VersionView) -> tuple[list[str], str]:
    label = el("strong", text(version.label)) + (" " + el("span", "accepted", class_="badge resolved") if version.accepted else "")
    drawn = "; ".join(f"{text(version.name(w))} from {text(version.name(o))}" for w, o in version.drawn_from.items())
    cells = [td(str(number), "num"), td(label, "text"), td(", ".join(claim_link(c.id) for c in version.claims), "id"),
             td(f"{version.witness_count}: " + "; ".join(text(version.name(w)) for w in version.independent)), td(drawn)]
    return cells, "accepted" if version.accepted else ""


def _claim_row(claim: ClaimView) -> tuple[list[str], str, str]:
    value = text(claim.value) + ("" if claim.stance == "asserts" else " " + el("em", text(f"({claim.stance})")))
    source = el("a", text(claim.short), href=f"#source-{claim.source}") + (
        el("div", "according to " + text(claim.attributed_name), class_="note") if claim.attributed_to else "")
    if claim.witness not in ("", claim.source, claim.attributed_to):
        source += el("div", "witness " + text(claim.witness_name), class_="note")
    place = text(claim.locator) + (el("blockquote", text(f"“{claim.quote}”")) if claim.quote else "")
    notes = [el("div", "set aside: " + text(claim.set_aside), class_="note") if claim.set_aside else "",
             el("div", "flagged: " + text(claim.flagged), class_="note") if claim.flagged else ""]
    cells = [td(code(claim.id), "id"), td(value, "text"), td(source, "short"), td(place, "text"),
             td(text(", ".join(claim.hedges)), "short"), td(text(claim.relations), "short"),
             td(text(claim.credibility) + "".join(notes), "short")]
    return cells, "set-aside" if claim.set_aside else "", claim.anchor


def _resolution(resolution: ResolutionView) -> str:
    rows = [("Accepted", el("strong", text(resolution.accepted))), ("Rationale", text(resolution.rationale))]
    decided = " ".join(filter(None, [resolution.decided_by and "by " + text(resolution.decided_by),
                                     resolution.decided_on and "on " + text(resolution.decided_on)]))
    if decided:
        rows.append(("Decided", decided))
    if resolution.rests_on:
        rows.append(("Rests on", ", ".join(claim_link(c) for c in resolution.rests_on)))
    rows += [("Set aside", claim_link(claim) + ": " + text(reason)) for claim, reason in resolution.rejected]
    return el("dl", "".join(el("dt", name) + el("dd", value) for name, value in rows), class_="resolution")


FACT_LINKS = 8  # facts linked from a source's row; the rest are counted


def _facts_of_sources(report: Report) -> dict[str, tuple[list[FactEntry], int]]:
    """The facts of this report that each source has a claim in, or a claim attributed to
    it (as the --source filter chooses them), in the report's order: the first FACT_LINKS
    of them, and how many there are."""
    found: dict[str, tuple[list[FactEntry], int]] = {}
    claims = report.ledger.claims
    for finding, entry in zip(report.selected, report.entries):
        sources = {source: None for version in finding.versions for claim_id in version.claims
                   for source in (claims[claim_id].source, claims[claim_id].attributed_to) if source}
        for source in sources:
            facts, count = found.get(source, ([], 0))
            if count < FACT_LINKS:
                facts.append(entry)
            found[source] = (facts, count + 1)
    return found


def _fact_links(facts: list[FactEntry], count: int) -> str:
    links = ", ".join(el("a", text(f.title), href=f"#{f.anchor}") for f in facts)
    more = count - len(facts)
    return (links + (f" and {more} more" if more > 0 else "")) or "–"


def _per_source(report: Report) -> str:
    headers = ["source", "citation", "reliability", "claims", "contradicted", "by witnesses", "contradicted by",
               "agree with resolution", "set aside", "facts in this report"]
    facts = _facts_of_sources(report)
    rows = (([td(code(s.source)), td(text(s.citation)), td(text(s.reliability or "–")), td(str(s.claims), "num"),
              td(str(s.contradicted), "num"), td(str(s.contradicted_by_count), "num"), td(text(s.contradicted_by or "–")),
              td(str(s.agree_with_resolution), "num"), td(str(s.rejected), "num"),
              td(_fact_links(*facts.get(s.source, ([], 0))), "text")], "", f"record-{s.source}")
            for s in report.sources)
    return el("section", el("h2", "Sources") + table(headers, rows), id="sources")
