"""Reusable pieces of the interface. No SQL here: they draw what they are given."""
