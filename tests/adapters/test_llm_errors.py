"""Typed errors: Japanese for the employee, details for the operator, never a key."""

from __future__ import annotations

import pytest

from adapters import LLMRateLimited, LLMTimeout
from adapters.errors import scrub_secrets
from adapters.failures import parse_retry_after


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Incorrect API key provided: sk-proj-abcDEF123456", "Incorrect API key provided: ***"),
        ("Authorization: Bearer abc.def-123", "Authorization: Bearer ***"),
        ('{"api_key": "zzz-secret-1"}', '{"api_key": "***"}'),
        ("x-api-key=hunter2hunter2 rest", "x-api-key=*** rest"),
        ("no secrets here: 【氏名1】", "no secrets here: 【氏名1】"),
    ],
)
def test_scrub_secrets_removes_key_shapes(text, expected):
    assert scrub_secrets(text) == expected


def test_scrub_secrets_removes_the_configured_key_whatever_its_shape():
    assert scrub_secrets("token=local-ollama-key in body", ["local-ollama-key"]) == "token=*** in body"


def test_rate_limited_message_names_the_wait_when_known():
    assert str(LLMRateLimited(retry_after=2.1)) == "生成AIが混み合っています。約3秒後にもう一度お試しください。"
    assert str(LLMRateLimited()) == "生成AIが混み合っています。少し時間をおいてからもう一度お試しください。"


def test_timeout_kinds():
    assert LLMTimeout("total", seconds=180).kind == "total"
    with pytest.raises(ValueError):
        LLMTimeout("forever", seconds=1)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "7"}, 7.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # a date in the past: retry now
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers, seconds):
    assert parse_retry_after(headers) == seconds
