"""AIGATE_NER, AIGATE_AUTO_MIGRATE and AIGATE_NO_TEXT_CITIES go through `Settings` like every other variable:
checked at start-up with the other problems, in Japanese, and handed down to the gate, the migration and the audit log.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Mode, load_settings
from bot.conversation.records import DatabaseRecords
from bot.gate.gate import ner_mode_from_env
from bot.gate.nlp_engine import NerMode
from bot.gate.types import GateError
from bot.startup import build_parts
from bot.storage.database import Database
from bot.storage.migrate import MigrationFailed, head_revision, migrate_at_startup

CITIES = ["iwamizawa", "maebashi", "matsudo", "nagareyama", "niiza"]
SWITCHES = ("AIGATE_NER", "AIGATE_AUTO_MIGRATE", "AIGATE_NO_TEXT_CITIES")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*SWITCHES, "LLM_PROVIDER", "DATABASE_URL", "AIGATE_CITY"):
        monkeypatch.delenv(name, raising=False)


def test_the_defaults_keep_the_shipped_behaviour() -> None:
    settings = load_settings(Mode.CONSOLE, known_cities=CITIES, default_city="niiza")
    assert (settings.ner_mode, settings.auto_migrate, settings.no_text_cities) == ("off", True, frozenset())


def test_the_switches_are_read_into_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_NER", "full")
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "Off")
    monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "matsudo, niiza")
    settings = load_settings(Mode.CONSOLE, known_cities=CITIES, default_city="niiza")
    assert settings.ner_mode == "full"
    assert settings.auto_migrate is False
    assert settings.no_text_cities == {"matsudo", "niiza"}
    monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "*")
    assert load_settings(Mode.CONSOLE, known_cities=CITIES, default_city="niiza").no_text_cities == {"*"}


def test_wrong_switches_are_each_named_in_japanese_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_NER", "fast")
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "maybe")
    monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "matsudo, matudo")
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.CONSOLE, known_cities=CITIES, default_city="niiza")
    found = error.value.problems
    assert len(found) == 3, found
    ner, migrate, cities = found
    assert "AIGATE_NER='fast'" in ner and "full または off" in ner
    assert "AIGATE_AUTO_MIGRATE='maybe'" in migrate and "db upgrade" in migrate
    assert (
        cities.startswith("AIGATE_NO_TEXT_CITIES の matudo は市のポリシー名ではありません") and "全市なら *" in cities
    )


def test_the_tools_check_only_the_migration_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGATE_NER", "fast")
    monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "matudo")
    assert load_settings(Mode.TOOL, known_cities=CITIES).auto_migrate is True
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "maybe")
    with pytest.raises(ConfigError) as error:
        load_settings(Mode.TOOL, known_cities=CITIES)
    assert len(error.value.problems) == 1 and "AIGATE_AUTO_MIGRATE" in error.value.problems[0]


async def test_without_settings_the_same_rules_apply(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert ner_mode_from_env() is NerMode.OFF
    monkeypatch.setenv("AIGATE_NER", "full")
    assert ner_mode_from_env() is NerMode.FULL
    monkeypatch.setenv("AIGATE_NER", "FULL")
    with pytest.raises(GateError, match="AIGATE_NER"):
        ner_mode_from_env()
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "maybe")
    with pytest.raises(MigrationFailed, match="AIGATE_AUTO_MIGRATE"):
        await migrate_at_startup(f"sqlite:///{tmp_path / 'x.sqlite3'}")


async def test_an_explicit_setting_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'explicit.sqlite3'}"
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "1")
    assert await migrate_at_startup(url, auto_migrate=False) is None
    assert not (tmp_path / "explicit.sqlite3").exists()
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "0")
    assert await migrate_at_startup(url, auto_migrate=True) == head_revision()


async def test_the_cities_without_text_are_fixed_when_the_records_are_built(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    records = DatabaseRecords(Database(sqlite_url), no_text_cities=frozenset({"niiza"}))
    try:
        monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "*")  # read once at start-up: a later change does not apply
        assert records.audit.keep_redacted_text("niiza") is False
        assert records.audit.keep_redacted_text("iwamizawa") is True
    finally:
        await records.close()


async def test_start_up_hands_the_switches_down(gate, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    database = tmp_path / "startup.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("AIGATE_AUTO_MIGRATE", "0")
    monkeypatch.setenv("AIGATE_NO_TEXT_CITIES", "matsudo")
    parts = await build_parts(Mode.CONSOLE, default_city="niiza", gate=gate)
    try:
        assert not database.exists()  # no migration ran
        # every rule's patterns compiled at start-up, not on the first message that reaches the rule
        for city in gate.policies.cities:
            assert all("compiled_none" in r.match.__dict__ for r in gate.policies.get(city).resolved_rules)
        monkeypatch.delenv("AIGATE_NO_TEXT_CITIES")
        assert parts.records.audit.keep_redacted_text("matsudo") is False
        assert parts.records.audit.keep_redacted_text("niiza") is True
    finally:
        await parts.aclose()
