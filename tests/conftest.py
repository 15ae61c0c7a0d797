"""Fixtures shared by the whole suite.

The Japanese model takes seconds and ~450 MB to load: one gate per test session, never per test.
"""

from __future__ import annotations

import pytest

from bot.gate.gate import Gate, load_gate
from bot.gate.policy import PolicyBook

# Fixture modules every test folder may use, registered once here instead of re-exported by conftests.
pytest_plugins = ["tests.fixtures.databases", "tests.fixtures.slack"]


@pytest.fixture(scope="session")
def gate() -> Gate:
    loaded = load_gate()
    yield loaded
    loaded.close()


@pytest.fixture(scope="session")
def policies(gate: Gate) -> PolicyBook:
    return gate.policies
