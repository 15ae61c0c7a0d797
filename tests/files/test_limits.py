"""Limits come from the environment; a value that cannot be used is a Japanese sentence, not a traceback."""

from __future__ import annotations

import pytest

from bot.files.limits import DEFAULT_MAX_BYTES, FileLimits, FileLimitsError


def test_defaults_when_nothing_is_set() -> None:
    limits = FileLimits.from_env({})
    assert limits == FileLimits()
    assert limits.max_bytes == DEFAULT_MAX_BYTES and limits.max_chars == 12_000


def test_values_from_the_environment() -> None:
    limits = FileLimits.from_env(
        {
            "AIGATE_FILE_MAX_BYTES": "1048576",
            "AIGATE_FILE_TIMEOUT": "2.5",
            "AIGATE_FILE_MAX_CHARS": "8000",
            "AIGATE_FILE_MAX_COUNT": "2",
        }
    )
    assert (limits.max_bytes, limits.timeout_s, limits.max_chars, limits.max_files) == (1_048_576, 2.5, 8_000, 2)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("AIGATE_FILE_MAX_BYTES", "20MB"),
        ("AIGATE_FILE_TIMEOUT", "-1"),
        ("AIGATE_FILE_MAX_CHARS", "0"),
    ],
)
def test_a_value_that_cannot_be_used_is_explained(name: str, value: str) -> None:
    with pytest.raises(FileLimitsError) as refused:
        FileLimits.from_env({name: value})
    assert name in str(refused.value) and "正の数" in str(refused.value)


def test_the_bot_refuses_to_start_with_a_bad_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import ConfigError, Mode, load_settings

    monkeypatch.setenv("AIGATE_CITY", "maebashi")
    monkeypatch.setenv("AIGATE_FILE_MAX_CHARS", "たくさん")
    with pytest.raises(ConfigError) as refused:
        load_settings(Mode.CONSOLE)
    assert "AIGATE_FILE_MAX_CHARS" in str(refused.value)
