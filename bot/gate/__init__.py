"""The gate: redact personal data, check the city's rules, decide. See DESIGN.md."""

from bot.gate.gate import Gate, load_gate
from bot.gate.placeholders import PlaceholderBook
from bot.gate.types import Action, Decision, Finding, GateError, Request, UseCategory, Violation

__all__ = [
    "Action",
    "Decision",
    "Finding",
    "Gate",
    "GateError",
    "PlaceholderBook",
    "Request",
    "UseCategory",
    "Violation",
    "load_gate",
]
