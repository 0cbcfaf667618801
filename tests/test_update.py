"""Changing fields of one record in place (what an import writes for a source it knows): the other
fields, comments and records kept, a new field placed beside its kin, a changed file refused."""

from __future__ import annotations

import pytest

from sourcecrit import load_ledger
from sourcecrit.ledger.update import update_record
from sourcecrit.ledger.write import LedgerChanged

WRITTEN = """\
# Sources typed by hand.
sources:
  - id: memoir
    type: book
    title: Memoirs of an officer   # as the title page has it
    author:
      - {family: Officer, given: An}
    issued: 1950
    kind: original

  - id: book-a
    type: book
    title: A history
    issued: 1990
"""


def test_fields_change_in_place_and_new_ones_go_beside_their_kin(small_ledger):
    path = small_ledger / "sources" / "sources.yaml"
    path.write_text(WRITTEN, encoding="utf-8")
    ledger = load_ledger(small_ledger, use_cache=False)
    update_record(ledger, "sources", "memoir", {"issued": "1951", "publisher": "Vatan", "ISBN": "975-17-0513-3"})
    assert path.read_text(encoding="utf-8") == WRITTEN.replace(
        "    issued: 1950\n", "    issued: '1951'\n    publisher: Vatan\n    ISBN: 975-17-0513-3\n")
    update_record(ledger, "sources", "book-a", {"note": "from the catalogue"})  # a second edit, no reload
    assert path.read_text(encoding="utf-8").endswith("    issued: 1990\n    note: from the catalogue\n")


def test_a_file_changed_on_disk_is_not_written(small_ledger):
    path = small_ledger / "sources" / "sources.yaml"
    ledger = load_ledger(small_ledger, use_cache=False)
    path.write_text(path.read_text(encoding="utf-8") + "# a colleague's comment\n", encoding="utf-8")
    with pytest.raises(LedgerChanged):
        update_record(ledger, "sources", "memoir", {"issued": "1951"})
    assert path.read_text(encoding="utf-8").endswith("# a colleague's comment\n")
