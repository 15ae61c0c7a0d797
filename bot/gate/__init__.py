"""The gate: redact personal data, check the city's rules, decide. See DESIGN.md.

Only light types are re-exported here; the analyzer (Presidio, spaCy, GiNZA) is reached through
`bot.gate.gate` (`Gate`, `load_gate`), so importing a type never loads a language model's code.
"""

from bot.gate.placeholders import PlaceholderBook
from bot.gate.types import Action, Decision, Finding, GateError, Request, UseCategory, Violation

__all__ = [
    "Action",
    "Decision",
    "Finding",
    "GateError",
    "PlaceholderBook",
    "Request",
    "UseCategory",
    "Violation",
]
