"""Screens of the sourcecrit TUI."""
