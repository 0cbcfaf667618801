"""Value types: one module each, registered here by name.

A property declares its type by one of these names. Adding a type means writing a module
that exposes ``VALUE_TYPE`` (see :mod:`sourcecrit.values.base`) and adding it below.
"""

from __future__ import annotations

import importlib
from functools import cache

from sourcecrit.values.base import (
    Comparison,
    CompareContext,
    ParseContext,
    Rate,
    Relation,
    ValueProblem,
    ValueType,
)

TYPE_MODULES = {
    "date": "sourcecrit.values.date",
    "quantity": "sourcecrit.values.quantity",
    "entities": "sourcecrit.values.entities",
    "text": "sourcecrit.values.text",
    "rate": "sourcecrit.values.rate",
    "choice": "sourcecrit.values.choice",
}


@cache
def value_type(name: str) -> ValueType:
    """The value type called ``name``; KeyError for an unknown name."""
    return importlib.import_module(TYPE_MODULES[name]).VALUE_TYPE


__all__ = [
    "Comparison",
    "CompareContext",
    "ParseContext",
    "Rate",
    "Relation",
    "TYPE_MODULES",
    "ValueProblem",
    "ValueType",
    "value_type",
]
