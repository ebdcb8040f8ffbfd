"""The PowerPoint deck of a period: slide titles, labels, notes.

One key space across every catalogue module; VI and EN hold the same keys."""

VI: dict[str, str] = {}

EN: dict[str, str] = {}
