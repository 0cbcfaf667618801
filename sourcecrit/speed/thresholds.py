"""When the speed wing's work pays: the sizes from which it parses or compares in two
processes, and how it shares the work. Parameters, so that a test or a host can set them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """The speed wing's sizes (measured on a 2-core machine; see benchmarks/README.md)."""

    parallel_bytes: int = 2_000_000  # YAML to parse from which a helper process parses part of it
    helper_share: float = 0.55  # of those bytes, the helper's part (this process also builds every model)
    chunk_bytes: int = 1_000_000  # the helper sends its records back about this much YAML at a time
    many_forms: int = 4000  # written forms to read from which a forked child reads half of them
    many_facts: int = 2000  # facts to compare from which a forked child compares part of them
    child_share: float = 0.45  # of the work of those facts, the child's part (it also packs its findings to send them)
    few_new_facts: int = 50  # facts compared anew that are not worth writing the findings memo for


DEFAULT = Thresholds()
