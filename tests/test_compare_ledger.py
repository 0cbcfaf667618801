"""Ledger-level comparison: statuses, versions, witnesses, resolutions, per-source counts."""

from __future__ import annotations

import json

from sourcecrit import compare_ledger, load_ledger
from sourcecrit.cli import main
from sourcecrit.compare import Status
from sourcecrit.values import Relation


def finding(findings, subject, prop):
    return next(f for f in findings.findings if f.subject == subject and f.property == prop)


def test_statuses_of_the_small_ledger(small_ledger):
    findings = compare_ledger(load_ledger(small_ledger))
    assert finding(findings, "treaty-of-moscow", "signed-on").status is Status.RESOLVED
    assert finding(findings, "havza-meeting", "participants").status is Status.DISPUTED
    assert finding(findings, "gold-1920", "amount").status is Status.DISPUTED
    assert finding(findings, "declaration-1917", "occurred-on").status is Status.AGREED


def test_old_style_and_new_style_agree_on_two_witnesses(small_ledger):
    fact = finding(compare_ledger(load_ledger(small_ledger)), "declaration-1917", "occurred-on")
    assert [p.relation for p in fact.pairs] == [Relation.AGREE]
    assert len(fact.versions) == 1
    assert fact.versions[0].independent == ["article-c", "memoir"]  # book-b only repeats the memoir


def test_a_denial_contradicts_the_assertion_and_says_why(small_ledger):
    fact = finding(compare_ledger(load_ledger(small_ledger)), "havza-meeting", "participants")
    pair = fact.pairs[0]
    assert pair.relation is Relation.CONTRADICT
    assert "c-havza denies what a-havza asserts" in pair.reason


def test_hedges_never_vanish(small_ledger):
    fact = finding(compare_ledger(load_ledger(small_ledger)), "gold-1920", "amount")
    assert "c-gold hedges: ‘about’" in fact.pairs[0].reason


def test_disputes_come_first(small_ledger):
    findings = compare_ledger(load_ledger(small_ledger))
    statuses = [f.status for f in findings.findings]
    assert statuses[:2] == [Status.DISPUTED, Status.DISPUTED]


def test_a_new_contradicting_claim_reopens_a_resolution(small_ledger):
    (small_ledger / "claims" / "late.yaml").write_text(
        "source: article-c\nclaims:\n  - id: c-moscow-late\n    subject: treaty-of-moscow\n    property: signed-on\n"
        "    qualifier: actual\n    value: 13 October 1921\n    locator: paragraph 20\n    quote: \"13 October 1921\"\n",
        encoding="utf-8",
    )
    fact = finding(compare_ledger(load_ledger(small_ledger)), "treaty-of-moscow", "signed-on")
    assert fact.status is Status.DISPUTED
    assert "c-moscow-late contradict(s) the accepted value" in fact.status_reason


def test_a_resolution_no_claim_supports_is_an_error_of_check(small_ledger, capsys):
    path = small_ledger / "resolutions" / "resolutions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("accepted: 16 March 1921", "accepted: 1 April 1921"), encoding="utf-8")
    assert main(["check", str(small_ledger)]) == 1
    out = capsys.readouterr().out
    assert "resolutions.yaml:6: resolution of treaty-of-moscow / signed-on accepts 1 April 1921, which no claim supports" in out


def test_per_source_counts(small_ledger):
    findings = compare_ledger(load_ledger(small_ledger))
    book_b = findings.sources["book-b"]
    assert (book_b.claims, book_b.contradicted, book_b.rejected) == (2, 1, 1)
    assert findings.sources["book-a"].agree_with_resolution == 1
    assert findings.credibility["b-moscow"] == 5  # rejected by the resolution


def test_conflicts_json_is_complete(small_ledger, capsys):
    assert main(["conflicts", str(small_ledger), "--all", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["shape"] == "sourcecrit-findings/1"
    assert document["summary"]["by_status"] == {"disputed": 2, "resolved": 1, "consistent": 0, "agreed": 1, "single-source": 0,
                                                   "incomparable": 0}
    moscow = next(f for f in document["findings"] if f["subject"] == "treaty-of-moscow")
    assert moscow["resolution"]["rejected"] == [{"claim": "b-moscow", "reason": "month misprinted"}]
    assert {c["id"]: c["witness"] for c in moscow["claims"]} == {"a-moscow": "book-a", "b-moscow": "memoir", "c-moscow": "article-c"}
    assert moscow["hypotheses"] is None  # resolved: only a dispute's versions are weighed
    for disputed in (f for f in document["findings"] if f["status"] == "disputed"):
        weighed = disputed["hypotheses"]
        assert weighed["reason"] and len(weighed["versions"]) >= 2
        assert any(v["least_inconsistent"] for v in weighed["versions"])
        assert {e["claim"] for e in weighed["evidence"]} == {c["id"] for c in disputed["claims"]}
        assert all(len(e["marks"]) == len(weighed["versions"]) for e in weighed["evidence"])


def test_conflicts_table_lists_disputes(small_ledger, capsys):
    assert main(["conflicts", str(small_ledger)]) == 0
    out = capsys.readouterr().out
    assert "disputed" in out and "Meeting at Havza" in out and "Treaty of Moscow" not in out
