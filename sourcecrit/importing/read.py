"""Which reader a file of sources needs, by its suffix."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from sourcecrit.importing import ImportFailed, Record
from sourcecrit.importing.bibtex import read_bibtex
from sourcecrit.importing.csl_json import read_csl_json
from sourcecrit.importing.ris import read_ris

READERS: dict[str, tuple[str, Callable[[str], list[Record]]]] = {
    ".json": ("CSL-JSON", read_csl_json), ".bib": ("BibTeX", read_bibtex), ".bibtex": ("BibTeX", read_bibtex),
    ".ris": ("RIS", read_ris),
}


def read_source_file(path: Path) -> list[Record]:
    """The source records of a CSL-JSON (.json), BibTeX or BibLaTeX (.bib) or RIS (.ris) file."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise ImportFailed(f"{path}: cannot tell its format from the name; sources are read from "
                           "CSL-JSON (.json), BibTeX or BibLaTeX (.bib) and RIS (.ris) files")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read it ({error.strerror})") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{path}: not UTF-8 text; export it again as UTF-8 (Unicode)") from None
    _, read = READERS[suffix]
    try:
        return read(text)
    except ImportFailed as error:
        raise ImportFailed(f"{path}: {error}") from None
