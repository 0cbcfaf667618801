"""Every format sourcecrit writes, one entry each. FORMATS are the report's: the CLI offers
these (``--format`` choices and help), report.build renders through them, and the TUI's export
picks one by the file's suffix. EXPORTS are the whole ledger's, for other tools
(``sourcecrit export --format``), each with the switches it alone takes (quickstatements'
``--no-ranks``): the CLI offers them and refuses one given with another format. Adding a format
is one renderer module and one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Callable, Iterable

from sourcecrit.export import export_json_chunks
from sourcecrit.report.csl_export import export_csl_json
from sourcecrit.report.quickstatements import export_quickstatements
from sourcecrit.report.tei import export_tei
from sourcecrit.report.web_annotation import export_web_annotation

from sourcecrit.report.csv_report import render_csv
from sourcecrit.report.findings_json import render_json
from sourcecrit.report.html import render_html
from sourcecrit.report.markdown import render_markdown
from sourcecrit.report.views import Report

if TYPE_CHECKING:
    from sourcecrit.compare import Findings
    from sourcecrit.ledger.loaded import Ledger


@dataclass(frozen=True)
class ReportFormat:
    """One way of writing a report."""

    name: str  # what --format takes
    title: str  # what a reader calls it
    suffixes: tuple[str, ...]  # of the files it is written to, the usual one first
    description: str
    render: Callable[[Report], Iterable[str]]  # the text in parts, written as they are made


FORMATS: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("md", "Markdown", (".md", ".markdown"), "GitHub-flavoured Markdown, readable raw and rendered",
                 render_markdown),
    ReportFormat("html", "HTML", (".html", ".htm"), "one self-contained page, no scripts, that prints", render_html),
    ReportFormat("csv", "CSV", (".csv",), "one row per claim, safe to open in a spreadsheet", render_csv),
    ReportFormat("json", "JSON", (".json",), "the findings document (sourcecrit-findings/1)", render_json),
)}
DEFAULT_FORMAT = "md"


@dataclass(frozen=True)
class ExportSwitch:
    """A switch of one export format (``export --format F --flag``): given, it sets one keyword
    of the format's render."""

    flag: str  # "--no-ranks"
    keyword: str  # the render's keyword it sets
    value: bool  # what it sets it to
    help: str

    @property
    def dest(self) -> str:
        """Its attribute on the parsed arguments."""
        return self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class ExportFormat:
    """One way of writing the whole ledger for another tool."""

    name: str  # what `export --format` takes
    title: str
    suffixes: tuple[str, ...]
    description: str
    # the ledger, how to compare it when needed, and its switches' keywords; the text, or its parts in
    # order (a large export is streamed)
    render: Callable[..., str | Iterable[str]]
    switches: tuple[ExportSwitch, ...] = ()


def _export_json(ledger: "Ledger", compare: Callable[[], "Findings"]) -> Iterable[str]:
    return export_json_chunks(ledger)


EXPORTS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("json", "JSON", (".json",), "every record, values normalized (sourcecrit-ledger/1)", _export_json),
    ExportFormat("csl-json", "CSL-JSON", (".json",), "the sources, for Zotero, Pandoc or citeproc; imports back unchanged",
                 export_csl_json),
    ExportFormat("web-annotation", "W3C Web Annotation", (".jsonld", ".json"),
                 "each claim whose quote is found in its source's text, anchored there (JSON-LD)", export_web_annotation),
    ExportFormat("quickstatements", "QuickStatements", (".tsv", ".txt"),
                 "settled values of subjects with a Wikidata id, with references, and rejected claims' values "
                 "deprecated (QuickStatements 3)", export_quickstatements,
                 (ExportSwitch("--no-ranks", "ranks", False, "write no rank, for the classic QuickStatements: "
                                                            "rejected claims' values are left out, not deprecated"),)),
    ExportFormat("tei", "TEI", (".xml",), "a TEI P5 fragment: listBibl, listPerson/Place/Org, listEvent", export_tei),
)}


def switches_given(export: ExportFormat, given: Callable[[ExportSwitch], bool]) -> dict[str, bool]:
    """The keywords for ``export``'s render from the switches ``given`` (by the command line);
    refused (ValueError) when one given belongs to another format."""
    keywords = {}
    for other in EXPORTS.values():
        for switch in other.switches:
            if not given(switch):
                continue
            if other is not export:
                raise ValueError(f"{switch.flag} is for --format {other.name}, not {export.name}")
            keywords[switch.keyword] = switch.value
    return keywords


def format_for(path: str | PurePath) -> ReportFormat:
    """The format a file of this name holds, by its suffix (Markdown when none says)."""
    suffix = PurePath(path).suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), FORMATS[DEFAULT_FORMAT])


def export_for(path: str | PurePath) -> ExportFormat:
    """The export a file of this name holds, when its suffix names one alone (.xml: TEI); else JSON."""
    suffix = PurePath(path).suffix.lower()
    named = [f for f in EXPORTS.values() if suffix in f.suffixes]
    return named[0] if len(named) == 1 else EXPORTS["json"]


def in_words(words: list[str]) -> str:
    """'a, b or c'."""
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""


def titles_text() -> str:
    """'Markdown, HTML, CSV or JSON'."""
    return in_words([f.title for f in FORMATS.values()])


def suffixes_text() -> str:
    """'.md, .html, .csv or .json': each format's usual suffix."""
    return in_words([f.suffixes[0] for f in FORMATS.values()])
