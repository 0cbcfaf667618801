"""The demo's facts on the Treaty of Moscow and after read as the documents have them: the
disputes they hold stay disputed, the ones they settle stay resolved, and the memoirs,
letters and telegrams count as their authors' voices."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sourcecrit.compare import Status, compare_ledger
from sourcecrit.ledger import load_ledger

REPO = Path(__file__).parent.parent


@lru_cache(maxsize=1)
def demo_findings():
    return compare_ledger(load_ledger(REPO))


def finding(subject: str, prop: str, qualifier: str | None = None):
    return next(f for f in demo_findings().findings
                if (f.subject, f.property, f.qualifier) == (subject, prop, qualifier))


def test_the_thesis_calls_natsarenus_ambassador_and_first_secretary():
    natsarenus = finding("natsarenus-post-1921", "office")
    assert natsarenus.status is Status.DISPUTED
    [said] = natsarenus.self_contradictions
    assert "the 2007 thesis" in said and "ambassador" in said and "footnote 202" in said


def test_akalin_and_the_thesis_name_different_first_treaties_of_ankara():
    first = finding("ankara-first-international-treaty", "which-treaty")
    assert first.status is Status.DISPUTED
    assert "Afghanistan" in first.status_reason and "Alexandropol" in first.status_reason


def test_a_straits_clause_postponed_and_left_to_the_black_sea_states_is_one_clause():
    straits = finding("treaty-of-moscow", "straits-clause")
    assert straits.status is Status.CONSISTENT


def test_the_sakarya_framing_and_akalins_assembly_are_rejected_by_the_documents_own_dates():
    request = finding("natsarenus-kars-request-1921", "dated")
    pact = finding("misak-i-milli", "place")
    assert request.status is Status.RESOLVED and pact.status is Status.RESOLVED
    assert [r.claim for r in request.resolution.rejected] == ["thesis-natsarenus-request-after-sakarya"]
    assert [r.claim for r in pact.resolution.rejected] == ["akalin-misak-declared-by-assembly"]


def test_the_memoirs_and_letters_name_their_authors():
    authors = demo_findings().authors
    for source, person in [("cebesoy-moskova-hatiralari", "ali-fuat-cebesoy"),
                           ("cebesoy-moskova-hatiralari-1982", "ali-fuat-cebesoy"),
                           ("karabekir-istiklal-harbimiz", "kazim-karabekir"),
                           ("karabekir-telegram-1920-04-18", "kazim-karabekir"),
                           ("halil-pasha-memoirs", "halil-pasha"),
                           ("erturk-memoirs", "husamettin-erturk"),
                           ("tengirsek-yon-1964", "yusuf-kemal")]:
        assert authors[source].entities == (person,), source
        assert authors[source].how == "named by the source's authors", source


def test_perincek_s_two_works_are_one_voice_behind_whose_line_the_support_was():
    origin = finding("soviet-support-origin", "originated-with")
    authors = demo_findings().authors
    assert authors["m-perincek-2003"].entities == authors["m-perincek-2005"].entities == ("perincek-mehmet",)
    witnesses = {demo_findings().witness[c] for c in origin.claims}
    assert len(witnesses) == 6  # Perinçek twice, Cebesoy, Aras, Yusuf Kemal, Esmer
    assert origin.status is Status.CONSISTENT
    assert origin.status_reason.startswith("5 independent witnesses")


def test_a_set_of_provisions_reads_as_all_of_them_not_one_of_them():
    stand = finding("soviet-straits-stand-1922", "straits-clause")
    labels = [version.label for version in stand.versions]
    assert "closed to foreign warships and under Turkish control" in labels
    assert not any(" or " in label for label in labels)
