"""The overview's filter over a large ledger: every keystroke well under 50 ms."""

from __future__ import annotations

import random
import time

from sourcecrit.compare import Finding, Status, STATUS_ORDER
from sourcecrit.names import fold, skeleton
from sourcecrit.tui.index import FactIndex, FactRow, Filters

WORDS = ["treaty", "moscow", "kars", "gumri", "havza", "gold", "rubles", "rifles", "envoy", "mission", "ankara",
         "baku", "erzurum", "signed", "arrived", "sent", "promised", "budyonny", "frunze", "aralov", "cebesoy"]


def synthetic_index(facts: int = 20_000) -> FactIndex:
    chance = random.Random(1921)
    rows, folded, skeletal, sources, entities = [], [], [], [], []
    for n in range(facts):
        subject = " ".join(chance.sample(WORDS, 3)) + f" {n}"
        finding = Finding(f"s{n}", "p", None, chance.choice(STATUS_ORDER), "", [f"c{n}-{k}" for k in range(5)], [], [])
        values = " · ".join(f"{chance.randint(1, 28)} March {chance.randint(1918, 1923)}" for _ in range(3))
        rows.append(FactRow(finding, subject, "signed on", 5, 3, values))
        text = fold(f"{subject} signed on {values} Source {n % 500}")
        folded.append(text)
        skeletal.append(skeleton(text))
        sources.append(frozenset({f"source-{n % 500}"}))
        entities.append(frozenset({f"e{n % 300}"}))
    by_entity: dict[str, list[int]] = {}
    for i, ids in enumerate(entities):
        for e in ids:
            by_entity.setdefault(e, []).append(i)
    return FactIndex(rows, folded, skeletal, sources, entities, by_entity, lambda q: {"e7"} if "budenny" in q.lower() else set())


def test_each_keystroke_filters_20000_facts_in_under_50_ms():
    index = synthetic_index()
    slowest = 0.0
    for query in ("b", "bu", "bud", "bude", "buden", "budenn", "budenny", "budenny m", "budenny mo", "budenny moscow"):
        started = time.perf_counter()
        index.select(Filters(query=query, statuses=frozenset({Status.DISPUTED, Status.CONSISTENT})))
        slowest = max(slowest, time.perf_counter() - started)
    assert slowest < 0.05, f"slowest keystroke {slowest * 1000:.1f} ms"
