"""The Textual TUI: browse a ledger's facts, claims and sources; record resolutions and flags.

Everything shown comes from the core (load_ledger, compare_ledger, citation, report);
the TUI adds views and keys, never its own rules.
"""
