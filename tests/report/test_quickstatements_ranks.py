"""QuickStatements with ranks: a resolved fact's accepted value at normal rank, each value a claim
the resolution rejects deprecated with that claim's reference; read back by a parser that keeps
QuickStatements 3's rules (wikimediabrasil/quickstatements3, src/core/parsers/v1.py and base.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from sourcecrit.cli import main
from sourcecrit.report.quickstatements import quote_language, string
from tests.conftest import write_files

# Wikidata's sandbox items stand in for real ones: this ledger asserts no real item's id.
TREATY, KARABEKIR, GANETSKY, FRUNZE = "Q4115189", "Q13406268", "Q15397819", "Q64768399"

LEDGER = {
    "declarations/declarations.yaml": f"""
        subjects:
          - id: treaty-of-kars
            label: Treaty of Kars
            kind: treaty
            wikidata: {TREATY}
        properties:
          - id: signed-on
            label: signed on
            type: date
            wikidata: P585
          - id: delegates
            label: delegates
            type: entities
            multi: true
            wikidata: P710
        """,
    "gazetteer/people.yaml": f"""
        entities:
          - id: karabekir
            label: Kazım Karabekir
            kind: person
            variants: [Kazim Karabekir, Karabekir]
            wikidata: {KARABEKIR}
          - id: ganetsky
            label: Yakov Ganetsky
            kind: person
            variants: [Ganetskii, Hanecki, Ganetsky]
            wikidata: {GANETSKY}
          - id: frunze
            label: Mikhail Frunze
            kind: person
            variants: [Frunze]
            wikidata: {FRUNZE}
        """,
    "sources/sources.yaml": """
        sources:
          - id: book-a
            type: book
            title: Kars, 1921
            author: [{family: Alpha, given: Ann}]
            issued: 1990
            kind: authored-narrative
            URL: https://example.org/book-a
            language: en
          - id: article-b
            type: article-journal
            title: The Caucasian frontier
            author: [{family: Beta, given: Bob}]
            issued: 2005
            kind: authored-narrative
            URL: https://example.org/article-b
          - id: memoir-c
            type: book
            title: Memoirs of a delegate
            author: [{family: Gamma, given: Gil}]
            issued: 1950
            kind: original
            written: 1950
            URL: https://example.org/memoir-c
            language: tr
          - id: press-d
            type: article-newspaper
            title: News from the frontier
            issued: 1921-11-20
            kind: original
            URL: https://example.org/press-d
          - id: book-e
            type: book
            title: A shorter history
            author: [{family: Epsilon, given: Eve}]
            issued: 2010
            kind: derivative
            cites: [book-a]
            URL: https://example.org/book-e
          - id: article-f
            type: article-journal
            title: Dates of the eastern treaties
            author: [{family: Phi, given: Fay}]
            issued: 2015
            kind: authored-narrative
            URL: https://example.org/article-f
          - id: notes-g
            type: manuscript
            title: Notes of a clerk
            issued: 1921
            kind: original
        """,
    "claims/book-a.yaml": """
        source: book-a
        claims:
          - id: a-kars
            subject: treaty-of-kars
            property: signed-on
            value: 13 October 1921
            locator: page 112
            quote: "signed at Kars on 13 October 1921"
          - id: a-delegates
            subject: treaty-of-kars
            property: delegates
            value: {turkey: Karabekir, russia: Ganetsky}
            locator: page 113
            quote: "Karabekir signed for Ankara, Ganetsky for Moscow"
        """,
    "claims/article-b.yaml": """
        source: article-b
        claims:
          - id: b-kars
            subject: treaty-of-kars
            property: signed-on
            value: 13 October 1921
            locator: p. 5
            quote: "the treaty of 13 October 1921"
        """,
    "claims/memoir-c.yaml": """
        source: memoir-c
        claims:
          - id: c-kars
            subject: treaty-of-kars
            property: signed-on
            value: 13 October 1921 OS
            locator: page 40
            quote: "on the 13th of October, old style"
        """,
    "claims/press-d.yaml": """
        source: press-d
        claims:
          - id: d-kars
            subject: treaty-of-kars
            property: signed-on
            value: November 1921
            locator: page 2
            quote: "the treaty signed at Kars this November"
          - id: d-delegates
            subject: treaty-of-kars
            property: delegates
            value: {turkey: Karabekir, russia: Frunze}
            locator: page 2
            quote: "Karabekir and Frunze set their names to it"
        """,
    "claims/book-e.yaml": """
        source: book-e
        claims:
          - id: e-kars
            subject: treaty-of-kars
            property: signed-on
            value: October 1921
            locator: page 9
            quote: "in October 1921"
        """,
    "claims/article-f.yaml": """
        source: article-f
        claims:
          - id: f-kars-not-23
            subject: treaty-of-kars
            property: signed-on
            value: 23 October 1921
            stance: denies
            locator: page 77
            quote: "not on 23 October, as is sometimes said"
          - id: f-kars-doubts-october
            subject: treaty-of-kars
            property: signed-on
            value: October 1921
            stance: doubts
            locator: page 78
            quote: "hardly in October"
        """,
    "claims/notes-g.yaml": """
        source: notes-g
        claims:
          - id: g-kars
            subject: treaty-of-kars
            property: signed-on
            value: 21 October 1921
            locator: folio 3
            quote: "Kars, 21 Oct. 1921"
        """,
    "resolutions/resolutions.yaml": """
        resolutions:
          - subject: treaty-of-kars
            property: signed-on
            accepted: 13 October 1921
            rationale: The treaty's text and two independent historians give 13 October 1921 (new style).
            rests_on: [a-kars, b-kars]
            rejected:
              - claim: c-kars
                reason: took the new-style day for an old-style one
              - claim: d-kars
                reason: the month of ratification, not of signing
              - claim: e-kars
                reason: copies book-a; no witness of its own
              - claim: f-kars-doubts-october
                reason: the author misread the date of the draft
              - claim: g-kars
                reason: the clerk dated his copy
          - subject: treaty-of-kars
            property: delegates
            accepted: {turkey: Kazım Karabekir, russia: Yakov Ganetsky}
            rationale: The treaty's text names them.
            rests_on: [a-delegates]
            rejected:
              - claim: d-delegates
                reason: Frunze signed the treaty with Ukraine at Ankara, not this one
        """,
}

DAY = "+1921-10-13T00:00:00Z/11"


# A parser that keeps QuickStatements 3's rules for the lines this export writes ------------------
RANKS = {"R-": "deprecated", "R0": "normal", "R+": "preferred",
         "Rdeprecated": "deprecated", "Rnormal": "normal", "Rpreferred": "preferred"}
TIME = re.compile(r"^[+-]?\d+-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z(?:/(?P<precision>\d+))?(?P<julian>/J)?$")


@dataclass
class Statement:
    item: str
    property: str
    value: str
    rank: str | None  # None: no rank given (a new statement is normal; an existing one keeps its rank)
    references: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def reference(self) -> dict[str, str]:
        """The one reference block this export gives a line."""
        assert len(self.references) == 1, self
        return dict(self.references[0])


def value_ok(value: str) -> bool:
    """A value QuickStatements 3 reads: an item, a time, a string or a monolingual text."""
    return bool(re.fullmatch(r"Q\d+", value) or TIME.match(value) or re.fullmatch(r'"[^"]*"', value)
                or re.fullmatch(r'[a-z_-]+:"[^"]*"', value))


# how QuickStatements 3 finds quoted strings (and comments) before it splits a batch into lines
QS3_QUOTED = re.compile(r'("("")?)(?:\\.|[^\\])*?\1|\/\*.*?\*\/', re.DOTALL)


def parse_qs3(text: str) -> list[Statement]:
    """Statement lines as QuickStatements 3 splits them: fields by tab; a rank token only as the 4th
    field; then key-value pairs, where S… (or !S…, a new block) is a reference part."""
    for quoted in QS3_QUOTED.finditer(text):
        assert "\t" not in quoted.group(0) and "\n" not in quoted.group(0), f"a string runs on: {quoted.group(0)}"
    statements = []
    for line in text.splitlines():
        assert "|" not in re.sub(r'"[^"]*"', "", line), f"QuickStatements 3 reads | as a tab: {line}"
        assert "/*" not in re.sub(r'"[^"]*"', "", line), f"QuickStatements 3 reads /* as a comment: {line}"
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        assert len(fields) >= 3, line
        item, prop, value = fields[:3]
        assert re.fullmatch(r"Q\d+", item) and re.fullmatch(r"P\d+", prop) and value_ok(value), line
        rest = fields[3:]
        rank = RANKS[rest.pop(0)] if rest and re.fullmatch(r"R(-|0|\+|deprecated|normal|preferred)", rest[0]) else None
        assert len(rest) % 2 == 0, f"an odd field: {line}"
        statement = Statement(item, prop, value, rank)
        block: list[tuple[str, str]] = []
        for key, part in zip(rest[::2], rest[1::2]):
            assert value_ok(part), line
            if key.startswith("!S"):
                statement.references.append(block)
                block, key = [], key[1:]
            assert re.fullmatch(r"S\d+", key), f"{key} is neither a reference part nor a rank in 4th place: {line}"
            block.append((key, part))
        if block:
            statement.references.append(block)
        statements.append(statement)
    return statements


@pytest.fixture
def kars(tmp_path) -> Path:
    return write_files(tmp_path / "kars", LEDGER)


def export(root: Path, capsys, *options: str) -> list[Statement]:
    assert main(["--no-cache", "export", str(root), "--format", "quickstatements", *options]) == 0
    return parse_qs3(capsys.readouterr().out)


def quotes(statements: list[Statement]) -> set[str]:
    return {s.reference.get("S1683", "") for s in statements}


def test_the_accepted_day_cites_only_the_claims_that_assert_it(kars, capsys):
    accepted = [s for s in export(kars, capsys) if s.property == "P585" and s.value == DAY]
    assert {s.reference["S854"] for s in accepted} == {'"https://example.org/book-a"', '"https://example.org/article-b"'}
    # article-f denies 23 October, so it supports the 13th, but states no day to cite for it
    assert 'und:"not on 23 October, as is sometimes said"' not in quotes(accepted)


def test_the_accepted_value_is_written_at_normal_rank(kars, capsys):
    statements = export(kars, capsys)
    accepted = {(s.property, s.value) for s in statements if s.rank is None}
    assert accepted == {("P585", DAY), ("P710", KARABEKIR), ("P710", GANETSKY)}
    # normal, not preferred: no line of the accepted values carries a rank, and none is deprecated
    assert not [s for s in statements if (s.property, s.value) in accepted and s.rank is not None]


def test_each_rejected_value_is_deprecated_with_its_claims_reference_and_no_other(kars, capsys):
    deprecated = {(s.property, s.value): s.reference for s in export(kars, capsys) if s.rank == "deprecated"}
    assert deprecated == {
        # the Julian day stays Julian, at a day's precision
        ("P585", "+1921-10-13T00:00:00Z/11/J"): {"S854": '"https://example.org/memoir-c"', "S304": '"40"',
                                                 "S1683": 'tr:"on the 13th of October, old style"'},
        # a month stays a month
        ("P585", "+1921-11-00T00:00:00Z/10"): {"S854": '"https://example.org/press-d"', "S304": '"2"',
                                               "S1683": 'und:"the treaty signed at Kars this November"'},
        # a source without a URL, a locator that is not a page: the quote alone
        ("P585", "+1921-10-21T00:00:00Z/11"): {"S1683": 'und:"Kars, 21 Oct. 1921"'},
        # Frunze, not Karabekir, whom the rejected claim names rightly
        ("P710", FRUNZE): {"S854": '"https://example.org/press-d"', "S304": '"2"',
                           "S1683": 'und:"Karabekir and Frunze set their names to it"'},
    }


def test_a_claim_set_aside_that_states_no_error_is_not_deprecated(kars, capsys):
    written = quotes(export(kars, capsys))
    assert 'und:"in October 1921"' not in written  # book-e copies book-a's month: set aside, yet not wrong
    assert 'und:"hardly in October"' not in written  # a doubt states no value to deprecate


def test_without_ranks_the_deprecated_statements_are_left_out(kars, capsys):
    assert main(["--no-cache", "export", str(kars), "--format", "quickstatements"]) == 0
    ranked = capsys.readouterr().out.splitlines()
    assert main(["--no-cache", "export", str(kars), "--format", "quickstatements", "--no-ranks"]) == 0
    plain = capsys.readouterr().out.splitlines()
    assert plain == [line for line in ranked if "\tRdeprecated\t" not in line] and len(plain) < len(ranked)
    assert not [f for line in plain for f in line.split("\t") if re.fullmatch(r"R(-|0|\+|deprecated|normal|preferred)", f)]
    assert all(s.rank is None for s in parse_qs3("\n".join(plain)))


def test_a_disputed_fact_writes_neither_a_value_nor_a_deprecated_one(kars, capsys):
    resolutions = kars / "resolutions" / "resolutions.yaml"
    text = resolutions.read_text(encoding="utf-8")
    resolutions.write_text(text.replace("      - claim: d-kars\n        reason: the month of ratification, not of signing\n", ""),
                           encoding="utf-8")
    statements = export(kars, capsys)
    assert [s for s in statements if s.property == "P585"] == []  # November 1921 is not set aside: disputed
    assert {(s.value, s.rank) for s in statements if s.property == "P710"} == {
        (KARABEKIR, None), (GANETSKY, None), (FRUNZE, "deprecated")}


def test_no_ranks_belongs_to_quickstatements_alone(kars, capsys):
    assert main(["--no-cache", "export", str(kars), "--format", "tei", "--no-ranks"]) == 2
    assert "--no-ranks is for --format quickstatements, not tei" in capsys.readouterr().err


@pytest.mark.parametrize("line", [
    f"{TREATY}\tP585\t{DAY}\tS854\t\"https://example.org\"\tRdeprecated",  # a rank after the fourth field
    f"{TREATY}\tP585\t{DAY}\tRdeprecated\tS854",  # a reference key without its value
])
def test_the_parser_refuses_what_quickstatements_3_refuses(line):
    with pytest.raises(AssertionError):
        parse_qs3(line)


@pytest.mark.parametrize(("language", "code"), [
    ("tr", "tr"), ("zh-Hant", "zh-hant"), (None, "und"), ("Turkish", "und"),
    ("es-419", "und"),  # both QuickStatements read letters only before a monolingual text's quote
])
def test_a_quote_is_in_a_language_quickstatements_reads(language, code):
    assert quote_language(SimpleNamespace(language=language)) == code
    assert value_ok(f'{code}:"Kars"')


def test_a_quote_ending_in_a_backslash_stays_one_string():
    line = f"{TREATY}\tP585\t{DAY}\tS1683\t{{}}\tS854\t{{}}"
    text = "\n".join([line.format("und:" + string("Kars, 13 Oct. \\"), string("https://example.org/a")),
                      line.format("und:" + string("signed"), string("https://example.org/b"))])
    statements = parse_qs3(text)
    assert [s.reference["S1683"] for s in statements] == ['und:"Kars, 13 Oct. \\ "', 'und:"signed"']
    assert statements[0].reference["S1683"].split('"')[1].strip() == "Kars, 13 Oct. \\"  # as both tools read it: trimmed
