"""`sourcecrit verify`: quotes found in their texts despite extraction damage (taken from the
demo's seed texts), statuses, locator drift, W3C selectors, and `--fix` on a copy of the demo
ledger whose thesis text gained lines at the top."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sourcecrit.anchoring import TextIndex, footnotes
from sourcecrit.cli import main
from sourcecrit.ledger import load_ledger
from sourcecrit.verify import LedgerChanged, fix_locators, verify_ledger

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
THESIS, GAFAROV = SEEDS / "001_c29a1d737bb6ab79.txt", SEEDS / "002_1bba725aa60e5ee9.txt"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the demo's source texts are not here ({SEEDS})")


@pytest.fixture(scope="module")
def thesis() -> TextIndex:
    return TextIndex(THESIS.read_text(encoding="utf-8"))


def _one(index: TextIndex, quote: str):
    anchors = index.anchors(quote)
    assert len(anchors) == 1, anchors
    return anchors[0], index.line_of(anchors[0].start)


# the matcher on real extraction damage ------------------------------------------------------
@needs_seeds
def test_hard_line_breaks_blank_lines_and_curly_apostrophes(thesis):
    anchor, line = _one(thesis, "it was not necessary for him to stay in Moscow since he wasn't listened to by the Bolshevik")
    assert (anchor.how, line) == ("exact", 1066)
    assert "wasn’t listened to by the \n\nBolshevik" in thesis.text[anchor.start:anchor.end]


@needs_seeds
def test_a_hyphen_at_a_line_end_kept_or_joined(thesis):
    for quote in ("sent its orders to the Russian Commander-in-Chief, General Dukhonin",
                  "sent its orders to the Russian Commander-inChief, General Dukhonin"):
        anchor, line = _one(thesis, quote)
        assert (anchor.how, line) == ("exact", 543)


@needs_seeds
def test_footnote_calls_glued_to_words_do_not_count(thesis):
    anchor, line = _one(thesis, "and he started negotiations for an armistice. On the 22nd of November 1917")
    assert anchor.how == "exact" and line == 555
    assert _one(thesis, "received favorable notice in the Ottoman press.7 The new government")[0].how == "exact"


@needs_seeds
def test_a_quote_running_over_footnotes_printed_in_the_body(thesis):
    anchor, line = _one(thesis, "The decree also implied that an armistice could be concluded in three months time.")
    assert (anchor.how, line) == ("exact", 534)
    assert thesis.line_of(anchor.end - 1) == 541
    assert footnotes(thesis.text)[5] == (536, 536) and footnotes(thesis.text)[6] == (537, 539)


@needs_seeds
def test_lost_apostrophes_and_quotation_marks_in_gafarov():
    index = TextIndex(GAFAROV.read_text(encoding="utf-8"))
    anchor, line = _one(index, "busy seeking international recognition with Britain’s help")
    assert (anchor.how, line) == ("exact", 10)
    anchor, line = _one(index, "in a ciphered letter: “I’ve met with the Bolsheviks.")
    assert (anchor.how, line) == ("exact", 22)


def test_ligatures_and_runs_of_spaces():
    index = TextIndex("The ﬁnancial  aid was the only\npractical option, the oﬃcer said.\n")
    anchor = index.anchors("financial aid was the only practical option, the officer said")[0]
    assert anchor.how == "exact" and index.text[anchor.start:anchor.end].startswith("ﬁnancial")


@needs_seeds
def test_a_copyists_typos_and_a_dropped_word_are_fuzzy_with_the_text_found(thesis):
    anchors = thesis.anchors("it was not neccessary for him to stay in Moscow since he was listened to by the Bolshevik")
    assert len(anchors) == 1 and anchors[0].how == "fuzzy" and 90 <= anchors[0].score < 100
    assert thesis.line_of(anchors[0].start) == 1066
    assert thesis.text[anchors[0].start:anchors[0].end].startswith("it was not necessary")


@needs_seeds
def test_a_quote_not_in_the_text_is_not_anchored(thesis):
    assert thesis.anchors("Enver Pasha flew to the moon on a Tuesday in the spring of 1921") == []


@needs_seeds
def test_a_repeated_citation_stands_in_several_places(thesis):
    assert len(thesis.anchors("Bolşevik İhtilali ve Osmanlılar (İstanbul: İletişim Yayınları, 2006)")) > 1


# the demo ledger ----------------------------------------------------------------------------
@needs_seeds
def test_every_demo_quote_is_exact_or_fuzzy_over_90_and_none_drifts():
    results = verify_ledger(load_ledger(REPO))
    assert len(results) >= 325
    assert all(r.status == "exact" or (r.status == "fuzzy" and r.anchor.score >= 90) for r in results), \
        [(r.claim, r.status) for r in results if r.status != "exact"]
    assert [r.claim for r in results if r.drift] == []


@needs_seeds
def test_the_json_findings_carry_w3c_selectors(capsys):
    assert main(["verify", str(REPO), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["shape"] == "sourcecrit-verify/1" and document["summary"]["orphan"] == 0
    first = document["claims"][0]
    quote, position = first["target"]["selector"]
    text = (REPO / first["text"]).read_text(encoding="utf-8")
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    assert text[position["start"]:position["end"]] == quote["exact"] == first["found"]
    assert text[:position["start"]].endswith(quote["prefix"]) and text[position["end"]:].startswith(quote["suffix"])


# drift and --fix on a copy of the demo ------------------------------------------------------
@pytest.fixture
def shifted(tmp_path) -> Path:
    """The demo ledger copied, its thesis text (kept beside it as ../shared/seeds/) with four lines more at the top."""
    ledger = tmp_path / "ledger"
    for folder in ("sources", "claims", "declarations", "gazetteer", "resolutions"):
        shutil.copytree(REPO / folder, ledger / folder)
    seeds = tmp_path / "shared" / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / THESIS.name).chmod(0o644)
    (seeds / THESIS.name).write_text("A header\n\nthe extraction added\n\n" + THESIS.read_text(encoding="utf-8"), encoding="utf-8")
    return ledger


@needs_seeds
def test_fix_rewrites_drifted_locators_and_nothing_else(shifted, capsys):
    claims = shifted / "claims" / "ersoy-mcmeekin-2007.yaml"
    before = claims.read_text(encoding="utf-8")
    assert main(["--no-cache", "verify", str(shifted)]) == 0
    out = capsys.readouterr().out
    assert "thesis-mudros-abstract: exact at line 20; locator drift: 'line 16' -> 'line 20'" in out
    assert main(["--no-cache", "verify", str(shifted), "--fix"]) == 0
    told = capsys.readouterr().err
    assert "thesis-mudros-abstract: locator 'line 16' -> 'line 20'" in told
    after = claims.read_text(encoding="utf-8")
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True) if old != new]
    assert changed and all("locator:" in old and "locator:" in new for old, new in changed)
    assert ('    locator: "line 16"', '    locator: "line 20"') in changed  # the quoting kept
    assert main(["--no-cache", "verify", str(shifted)]) == 0
    assert "0 drifted" in capsys.readouterr().out


@needs_seeds
def test_fix_refuses_a_file_changed_on_disk(shifted):
    ledger = load_ledger(shifted)
    results = verify_ledger(ledger)
    claims = shifted / "claims" / "ersoy-mcmeekin-2007.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    edited = claims.read_text(encoding="utf-8")
    with pytest.raises(LedgerChanged):
        fix_locators(ledger, results)
    assert claims.read_text(encoding="utf-8") == edited


def test_an_orphan_exits_1(tmp_path, capsys):
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims").mkdir()
    (tmp_path / "text.txt").write_text("Preface.\n\nThe treaty was signed in Moscow\non 16 March 1921.\n", encoding="utf-8")
    (tmp_path / "sources" / "s.yaml").write_text("sources:\n  - id: s\n    type: book\n    title: T\n    text: text.txt\n",
                                                 encoding="utf-8")
    (tmp_path / "claims" / "s.yaml").write_text(
        "source: s\nclaims:\n"
        "  - {id: a, subject: t, property: p, value: x, locator: line 2, quote: \"signed in Moscow on 16 March\"}\n"
        "  - {id: b, subject: t, property: p, value: x, locator: line 1, quote: \"signed in Kars on 13 October\"}\n",
        encoding="utf-8")
    assert main(["--no-cache", "verify", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "b: orphan" in out and "a: exact at line 3; locator drift: 'line 2' -> 'line 3'" in out
    assert "2 quotes: 1 exact, 0 fuzzy, 0 ambiguous, 1 orphan; 1 drifted" in out
