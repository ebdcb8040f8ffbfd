"""The message catalogues by domain: each module holds VI and EN with the same keys; together one key space."""

from __future__ import annotations

from i18n.catalogues import (
    accounts,
    alerts,
    cli,
    documents,
    edits,
    meetings,
    overview,
    points,
    report_files,
    reports,
    services,
    shell,
    slides,
    tasks,
    units,
)

DOMAINS = (
    shell,
    overview,
    edits,
    tasks,
    documents,
    meetings,
    points,
    accounts,
    cli,
    reports,
    report_files,
    slides,
    services,
    units,
    alerts,
)


def merged(language: str) -> dict[str, str]:
    """One language's messages from every domain; a key defined in two domains is an error."""
    messages: dict[str, str] = {}
    for domain in DOMAINS:
        part = getattr(domain, language.upper())
        twice = messages.keys() & part.keys()
        if twice:
            raise ValueError(f"keys defined twice ({domain.__name__}): {sorted(twice)}")
        messages.update(part)
    return messages
