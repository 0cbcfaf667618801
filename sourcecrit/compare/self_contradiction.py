"""One voice against itself: a person, body or source whose own accounts of a fact contradict.

A memoir and a letter of one man are one witness (see compare.witnesses); when they give
values that cannot both be true, the finding says so in words instead of counting him as
his own independent contradictor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sourcecrit.values import Relation

if TYPE_CHECKING:
    from sourcecrit.compare.findings import Finding
    from sourcecrit.compare.witnesses import WitnessGraph
    from sourcecrit.ledger.load import Ledger

KIND_WORDS = {"article": "article", "article-journal": "article", "article-magazine": "article",
              "article-newspaper": "newspaper article", "book": "book", "chapter": "chapter", "thesis": "thesis",
              "personal_communication": "letter", "letter": "letter", "webpage": "web page", "post-weblog": "blog post",
              "manuscript": "manuscript", "report": "report", "interview": "interview", "speech": "speech"}


def self_contradictions(ledger: "Ledger", finding: "Finding", graph: "WitnessGraph", witness: dict[str, str]) -> list[str]:
    """A sentence for each person, body or source of ``finding`` whose claims contradict each other."""
    pairs = finding.pairs
    ids = finding.claims
    claims_of: dict[tuple[str, str], set[str]] = {}
    voiced: dict[int, dict[tuple[str, str], list[str]]] = {}  # group -> voice -> its claims there
    for g, h, _, relation in pairs.group_pairs():
        if relation is not Relation.CONTRADICT:
            continue
        for group in (g, h):
            if group not in voiced:
                voiced[group] = _by_voice([ids[m] for m in pairs.members[group]], graph, witness)
        for voice in voiced[g].keys() & voiced[h].keys():
            together = set(voiced[g][voice]) | set(voiced[h][voice])
            if len(together) > 1:
                claims_of.setdefault(voice, set()).update(together)
    return [_sentence(ledger, finding, voice, claims, witness) for voice, claims in sorted(claims_of.items())]


def _by_voice(claim_ids: list[str], graph: "WitnessGraph", witness: dict[str, str]) -> dict[tuple[str, str], list[str]]:
    """The claims by voice: the persons or bodies behind their witness, else the witness itself."""
    found: dict[tuple[str, str], list[str]] = {}
    for claim_id in claim_ids:
        own = witness[claim_id]
        for voice in [("entity", v) for v in graph.voices(own)] or [("source", own)]:
            found.setdefault(voice, []).append(claim_id)
    return found


def _sentence(ledger: "Ledger", finding: "Finding", voice: tuple[str, str], claims: set[str], witness: dict[str, str]) -> str:
    kind, name = voice
    accounts = []
    for version in finding.versions:
        mine = [c for c in version.claims if c in claims]
        if not mine:
            continue
        if kind == "source":
            where = ", ".join(dict.fromkeys(ledger.claims[c].locator or c for c in mine))
            accounts.append(f"{version.label} ({where})")
        else:
            where = ", ".join(dict.fromkeys(_work(ledger, c, witness[c]) for c in mine))
            accounts.append(f"{version.label} in {where}")
    who = ledger.gazetteer.label(name) if kind == "entity" else _work(ledger, None, name)
    return f"self-contradiction of {who}: " + "; ".join(accounts)


def _work(ledger: "Ledger", claim_id: str | None, source_id: str) -> str:
    """'the 1962 article tengirsenk-ilk-temasimiz', with the claim's locator when the claim is in that very source."""
    source = ledger.sources.get(source_id)
    if source is None:
        return source_id
    year = next((d[:4] for d in (source.issued, source.written) if d and d[:4].isdigit()), "")
    what = KIND_WORDS.get(source.type or "", (source.type or "source").replace("-", " ").replace("_", " "))
    text = " ".join(filter(None, ["the", year, what, source_id]))
    claim = ledger.claims.get(claim_id) if claim_id else None
    if claim is not None and claim.source == source_id and claim.locator:
        text += f" ({claim.locator})"
    return text
