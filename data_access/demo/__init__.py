"""The demo province: a realistic, deterministic office database dated relative to today."""
