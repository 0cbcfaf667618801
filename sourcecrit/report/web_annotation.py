"""`export --format web-annotation`: each claim whose quote is found in its source's held text as a
W3C Web Annotation (JSON-LD), for annotation tools: the target is the source's text with a
TextQuoteSelector and a TextPositionSelector (from sourcecrit.passage's quote finding); the
bodies give the claim (subject, property, value, stance) and tag it with its subject and property.
The annotations come as one AnnotationCollection whose first page holds them all, written
one at a time.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import quote as url_quote

from sourcecrit.passage import find_quote, source_text_path
from sourcecrit.query import subject_label

if TYPE_CHECKING:
    from sourcecrit.ledger.loaded import Ledger
    from sourcecrit.models import Claim

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32  # characters of prefix and suffix kept beside the exact quote


def export_web_annotation(ledger: "Ledger", compare=None) -> Iterator[str]:
    """The anchored claims of ``ledger`` as one AnnotationCollection document, written one
    annotation at a time (its ``total`` comes last, once they are counted)."""
    yield (f'{{\n  "@context": "{CONTEXT}",\n  "id": "urn:sourcecrit:annotations",\n  "type": "AnnotationCollection",\n'
           f'  "label": "Claims recorded in a sourcecrit ledger, anchored in their sources\' texts",\n'
           f'  "first": {{\n    "id": "urn:sourcecrit:annotations:page1",\n    "type": "AnnotationPage",\n'
           f'    "startIndex": 0,\n    "items": [')
    total = 0
    for item in anchored_claims(ledger):
        # a JSON text holds no raw line break (strings escape theirs), so each line is re-indented
        yield ("\n      " if not total else ",\n      ") + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n      ")
        total += 1
    closing = "\n    ]" if total else "]"
    yield f'{closing}\n  }},\n  "total": {total}\n}}\n'


def anchored_claims(ledger: "Ledger"):
    """The annotation of each claim whose quote is found in its source's held text, in the ledger's order."""
    texts: dict[str, tuple[str, str] | None] = {}
    for claim in ledger.claims.values():
        source = ledger.sources.get(claim.source)
        if source is None or not claim.quote:
            continue
        if source.id not in texts:
            path = source_text_path(ledger.root, source.text)
            texts[source.id] = (path.resolve().as_uri(), path.read_text(encoding="utf-8")) if path else None
        held = texts[source.id]
        span = find_quote(held[1], claim.quote) if held else None
        if held is None or span is None:
            continue
        yield annotation(ledger, claim, held[0], held[1], span)


def annotation(ledger: "Ledger", claim: "Claim", uri: str, text: str, span: tuple[int, int]) -> dict[str, Any]:
    """One claim as a Web Annotation anchored at ``span`` of the source text ``text`` found at ``uri``."""
    start, end = span
    prop = ledger.properties.get(claim.property)
    fact = f"{subject_label(ledger, claim.subject)}, {prop.label if prop else claim.property}" + (
        f" ({claim.qualifier})" if claim.qualifier else "")
    value = claim.value if isinstance(claim.value, str) else json.dumps(claim.value, ensure_ascii=False)
    stance = "" if claim.stance.value == "asserts" else f" ({claim.stance.value})"
    hedges = f"; hedged: {', '.join(claim.hedges)}" if claim.hedges else ""
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "value": f"{fact}: {value}{stance}{hedges}"},
        {"type": "TextualBody", "purpose": "tagging", "value": claim.subject},
        {"type": "TextualBody", "purpose": "tagging", "value": claim.property},
    ]
    target: dict[str, Any] = {"source": uri, "selector": [
        {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": text[max(0, start - AFFIX):start],
         "suffix": text[end:end + AFFIX]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]}
    source = ledger.sources[claim.source]
    if source.URL:
        target["scope"] = source.URL
    return {"@context": CONTEXT, "id": f"urn:sourcecrit:claim:{url_quote(claim.id)}", "type": "Annotation",
            "motivation": "describing", "body": bodies, "target": target,
            **({"creator": {"type": "Person", "name": claim.recorded_by}} if claim.recorded_by else {})}
