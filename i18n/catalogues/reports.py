"""The reports page (/reports), the office's settings and the reports command line.

One key space across every catalogue module; VI and EN hold the same keys."""

VI: dict[str, str] = {}

EN: dict[str, str] = {}
