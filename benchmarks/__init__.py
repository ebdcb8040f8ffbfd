"""Speed and memory of the dashboard, measured against the database's own time (python -m benchmarks)."""
