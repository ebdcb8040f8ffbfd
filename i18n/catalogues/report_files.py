"""The Word and PDF files handed out: the office's report and the urging letters (Decree 30/2020/NĐ-CP).

One key space across every catalogue module; VI and EN hold the same keys."""

VI: dict[str, str] = {}

EN: dict[str, str] = {}
