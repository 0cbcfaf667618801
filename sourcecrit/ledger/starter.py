"""A new ledger folder (`sourcecrit init`): every sub-folder, and in each a file with one commented
example of its kind of record, so that `sourcecrit check` passes on it at once and the historian
has a pattern to copy. Files already there are left as they are."""

from __future__ import annotations

from pathlib import Path

from sourcecrit.ledger.write import LedgerChanged, write_atomically

STARTER: dict[str, str] = {
    "sources/sources.yaml": """\
# Sources: one record per document, witness or collection. Bibliographic fields are named as in
# CSL-JSON (what Zotero exports); `sourcecrit import sources FILE` brings in a .json, .bib or .ris.
sources:
  - id: example-memoir                # lowercase words joined by hyphens; claims name the source by it
    type: book                        # a CSL type: book, chapter, article-journal, thesis, webpage, manuscript, ...
    title: Memoirs of an officer
    author:
      - {family: Officer, given: An}
    issued: 1950                      # 1950, 1950-05, 1950-05-20, May 1950, 20 November 1917 OS, ...
    kind: original                    # original | derivative | authored-narrative
    written: 1950                     # when it was written: its distance from the events
    # text: texts/example-memoir.txt  # where the ledger holds its text, relative to this folder
    # cites: [another-source]         # earlier sources it draws on
    # reliability: C                  # your grade of the source in general, A..F
    # date_order: dmy                 # it writes 3/4/1920 for 3 April (dmy), for 4 March (mdy)
    # period: 1917 to 1923            # the years its dates fall in: a date far outside is doubted
""",
    "claims/example-memoir.yaml": """\
# Claims: what one source says about one fact, with its citation. A source's claims live in one file.
source: example-memoir                # the source of every claim below
claims:
  - id: memoir-treaty-signed
    subject: example-treaty           # declared in declarations/
    property: signed-on               # declared in declarations/, with its type (date here)
    value: 16 March 1921              # written as the property's type reads it
    locator: page 12                  # line N, page N, footnote N, ...
    quote: "the treaty was signed on 16 March 1921"   # the source's exact words, at most 40
    # attributed_to: another-source   # whose words the source reports
    # stance: doubts                  # asserts (default) | denies | doubts
    # hedges: [it is said]            # hedging words as the source wrote them
""",
    "declarations/declarations.yaml": """\
# Declarations: what claims are about (subjects), which facts they give (properties, with the
# type of their values) and the units of quantities. Each is declared once.
subjects:
  - id: example-treaty
    label: An example treaty
    kind: treaty                      # event, treaty, letter, shipment, meeting, ... (a free word)
    # wikidata: Q…                    # for export --format quickstatements
properties:
  - id: signed-on
    label: signed on
    type: date                        # date | quantity | entities | text | rate
    # qualifiers: [nominal, actual]   # senses never compared with each other
    # multi: true                     # a claim may name several values (participants)
units:
  - id: gold-ruble
    label: gold ruble
    variants: [gold rubles, rubles in gold]
# ledger:                             # settings for the whole ledger, declared once
#   date_order: dmy                   # how all-number dates are written where a source does not say
#   period: 1917 to 1923              # the years its dates fall in: a date far outside is doubted
""",
    "gazetteer/entities.yaml": """\
# The gazetteer: people, places and organisations, with the spellings the sources use.
entities:
  - id: example-person
    label: An Example Person
    kind: person                      # person | place | organisation
    variants: [A. Example, Example Pasha]
    # wikidata: Q…
""",
    "resolutions/resolutions.yaml": """\
# Resolutions: an editor's decision on a disputed fact (the TUI writes them: `a` on a fact).
# An example, to copy once two claims disagree:
#
#  - subject: example-treaty
#    property: signed-on
#    accepted: 16 March 1921
#    rationale: Two independent witnesses give 16 March; 16 May is a misprint.
#    decided_by: your name
#    decided_on: 2026-12-01
#    rests_on: [memoir-treaty-signed]
#    rejected:
#      - claim: another-claim-id
#        reason: month misprinted
resolutions: []
""",
}


def make_ledger(folder: Path) -> tuple[list[Path], list[Path]]:
    """Make the ledger folder ``folder`` with its sub-folders and starter files; return the files
    written and those left because they were there already."""
    written, kept = [], []
    for name, text in STARTER.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_atomically(path, text, expected=None)
        except LedgerChanged:  # there already: the historian's, never replaced
            kept.append(path)
            continue
        written.append(path)
    return written, kept
