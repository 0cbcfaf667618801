"""Every format a report is written in, one entry each: the CLI offers these (``--format``
choices and help), report.build renders through them, and the TUI's export picks one by
the file's suffix. Adding a format is one renderer module and one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from sourcecrit.report.csv_report import render_csv
from sourcecrit.report.findings_json import render_json
from sourcecrit.report.html import render_html
from sourcecrit.report.markdown import render_markdown
from sourcecrit.report.views import Report


@dataclass(frozen=True)
class ReportFormat:
    """One way of writing a report."""

    name: str  # what --format takes
    title: str  # what a reader calls it
    suffixes: tuple[str, ...]  # of the files it is written to, the usual one first
    description: str
    render: Callable[[Report], str]


FORMATS: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("md", "Markdown", (".md", ".markdown"), "GitHub-flavoured Markdown, readable raw and rendered",
                 render_markdown),
    ReportFormat("html", "HTML", (".html", ".htm"), "one self-contained page, no scripts, that prints", render_html),
    ReportFormat("csv", "CSV", (".csv",), "one row per claim, safe to open in a spreadsheet", render_csv),
    ReportFormat("json", "JSON", (".json",), "the findings document (sourcecrit-findings/1)", render_json),
)}
DEFAULT_FORMAT = "md"


def format_for(path: str | PurePath) -> ReportFormat:
    """The format a file of this name holds, by its suffix (Markdown when none says)."""
    suffix = PurePath(path).suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.suffixes), FORMATS[DEFAULT_FORMAT])


def in_words(words: list[str]) -> str:
    """'a, b or c'."""
    return " or ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""


def titles_text() -> str:
    """'Markdown, HTML, CSV or JSON'."""
    return in_words([f.title for f in FORMATS.values()])


def suffixes_text() -> str:
    """'.md, .html, .csv or .json': each format's usual suffix."""
    return in_words([f.suffixes[0] for f in FORMATS.values()])
