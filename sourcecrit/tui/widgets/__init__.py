"""Widgets of the sourcecrit TUI."""
