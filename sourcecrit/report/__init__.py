"""Conflict reports: the findings as JSON, Markdown, HTML and CSV."""
