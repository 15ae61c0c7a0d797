"""Requests the bridge refuses: each gets a JSON error in Japanese, and nothing is stored or sent.

The order of the checks is the promise: size, then signature and timestamp, then JSON, then
fields — all before the message is claimed, so a refused request leaves no trace and the relay
can fix it and send the same message_id again.
"""

from __future__ import annotations

import time

import pytest

from bot.platforms.bridge.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature
from tests.platforms.bridge.conftest import SECRET, Bridge, encode, message

TEXT = "山田太郎さんへの案内文を書いてください。"


async def assert_nothing_happened(bridge: Bridge) -> None:
    await bridge.settle()
    assert await bridge.rows("bridge_messages") == 0
    assert await bridge.rows("audit_records") == 0
    assert bridge.llm.requests == []
    assert bridge.receiver.attempts == 0


def assert_japanese_error(body: dict, code: str) -> str:
    error = body["error"]
    assert error["code"] == code
    assert any("\u3040" <= ch <= "\u30ff" for ch in error["message"]), error["message"]  # kana: Japanese
    return error["message"]


async def test_a_forged_signature_is_refused(bridge: Bridge) -> None:
    payload = encode(message("m-forged", TEXT))
    now = str(int(time.time()))
    forged = {TIMESTAMP_HEADER: now, SIGNATURE_HEADER: signature("not-the-shared-secret-0000000000", now, payload)}
    reply = await bridge.relay.request("POST", "/bridge/v1/messages", payload, headers=forged, sign=False)
    assert reply.status == 401
    assert "AIGATE_BRIDGE_SECRET" in assert_japanese_error(reply.body, "bad_signature")
    await assert_nothing_happened(bridge)


async def test_a_body_changed_after_signing_is_refused(bridge: Bridge) -> None:
    now = str(int(time.time()))
    signed = {TIMESTAMP_HEADER: now, SIGNATURE_HEADER: signature(SECRET, now, encode(message("m-1", "挨拶文")))}
    tampered = encode(message("m-1", TEXT))
    reply = await bridge.relay.request("POST", "/bridge/v1/messages", tampered, headers=signed, sign=False)
    assert reply.status == 401
    assert_japanese_error(reply.body, "bad_signature")
    await assert_nothing_happened(bridge)


@pytest.mark.parametrize("age_s", [301, -301, 3600])
async def test_a_stale_or_future_timestamp_is_refused(bridge: Bridge, age_s: int) -> None:
    payload = encode(message("m-stale", TEXT))
    then = str(int(time.time()) - age_s)
    headers = {TIMESTAMP_HEADER: then, SIGNATURE_HEADER: signature(SECRET, then, payload)}  # correctly signed
    reply = await bridge.relay.request("POST", "/bridge/v1/messages", payload, headers=headers, sign=False)
    assert reply.status == 401
    assert "5分" in assert_japanese_error(reply.body, "stale_timestamp")
    await assert_nothing_happened(bridge)


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "missing_signature"),
        ({TIMESTAMP_HEADER: "yesterday", SIGNATURE_HEADER: "v1=00"}, "bad_timestamp"),
        ({TIMESTAMP_HEADER: "１７６４０００", SIGNATURE_HEADER: "v1=00"}, "bad_timestamp"),
    ],
)
async def test_missing_or_unreadable_signature_headers(bridge: Bridge, headers: dict, code: str) -> None:
    payload = encode(message("m-h", TEXT))
    reply = await bridge.relay.request("POST", "/bridge/v1/messages", payload, headers=headers, sign=False)
    assert reply.status == 401
    assert_japanese_error(reply.body, code)
    await assert_nothing_happened(bridge)


async def test_an_oversized_body_is_refused_before_it_is_read(start_bridge) -> None:
    bridge = await start_bridge(max_body_bytes=4096)
    payload = encode(message("m-big", "長い文章です。" * 1000))
    assert len(payload) > 4096
    reply = await bridge.relay.request("POST", "/bridge/v1/messages", payload)
    assert reply.status == 413
    assert "4,096" in assert_japanese_error(reply.body, "body_too_large")
    await assert_nothing_happened(bridge)


async def test_a_chunked_body_is_cut_off_at_the_limit(start_bridge) -> None:
    bridge = await start_bridge(max_body_bytes=4096)
    payload = encode(message("m-chunked", "長い文章です。" * 1000))

    async def chunks():  # no Content-Length: the limit is enforced while reading
        for start in range(0, len(payload), 1000):
            yield payload[start : start + 1000]

    headers = {"Content-Type": "application/json"}
    from bot.platforms.bridge.signing import signed_headers

    headers.update(signed_headers(SECRET, payload))
    async with bridge.relay.session.post(
        bridge.base_url + "/bridge/v1/messages", data=chunks(), headers=headers
    ) as response:
        assert response.status == 413
        assert_japanese_error(await response.json(), "body_too_large")
    await assert_nothing_happened(bridge)


@pytest.mark.parametrize(
    "payload",
    [b"{not json", b"\xff\xfe\x00", b"[1, 2, 3]", b"", '"文字列"'.encode()],
    ids=["broken", "not-utf8", "array", "empty", "string"],
)
async def test_a_body_that_is_not_a_json_object_is_refused(bridge: Bridge, payload: bytes) -> None:
    reply = await bridge.relay.request("POST", "/bridge/v1/messages", payload)
    assert reply.status == 400
    assert_japanese_error(reply.body, "invalid_json")
    await assert_nothing_happened(bridge)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"platform": None}, "platform"),
        ({"platform": "LoGo Chat"}, "platform"),
        ({"platform": "slack"}, "platform"),
        ({"message_id": None}, "message_id"),
        ({"message_id": "a/b"}, "message_id"),
        ({"message_id": "x" * 129}, "message_id"),
        ({"user": "taro"}, "user"),
        ({"user": {"name": "太郎"}}, "user.id"),
        ({"user": {"id": ["taro"]}}, "user.id"),
        ({"conversation_id": ""}, "conversation_id"),
        ({"text": "   "}, "text"),
        ({"text": 42}, "text"),
        ({"earlier": "前の発言"}, "earlier"),
        ({"earlier": [{"message_id": "e1", "author": "boss", "text": "やあ"}]}, "earlier[0].author"),
    ],
)
async def test_a_wrong_field_is_named(bridge: Bridge, change: dict, field: str) -> None:
    body = message("m-field", TEXT)
    body.update(change)
    reply = await bridge.relay.send_message(body)
    assert reply.status == 422
    assert_japanese_error(reply.body, "invalid_field")
    assert reply.body["error"]["field"] == field
    assert field in reply.body["error"]["message"]
    await assert_nothing_happened(bridge)


async def test_a_refused_message_can_be_sent_again_with_the_same_id(bridge: Bridge) -> None:
    payload = encode(message("m-again", "挨拶文の例を3つ考えてください。"))
    now = str(int(time.time()))
    bad = {TIMESTAMP_HEADER: now, SIGNATURE_HEADER: "v1=" + "0" * 64}
    assert (await bridge.relay.request("POST", "/bridge/v1/messages", payload, headers=bad, sign=False)).status == 401
    reply = await bridge.relay.request("POST", "/bridge/v1/messages", payload)
    assert reply.status == 202
    assert reply.body["status"] == "answering"


async def test_get_is_signed_over_its_path(bridge: Bridge) -> None:
    assert (await bridge.relay.send_message(message("m-get", "挨拶文の例を3つ考えてください。"))).status == 202
    now = str(int(time.time()))
    other_path_signature = signature(SECRET, now, b"/bridge/v1/messages/m-other?platform=logochat")
    reply = await bridge.relay.request(
        "GET",
        "/bridge/v1/messages/m-get?platform=logochat",
        headers={TIMESTAMP_HEADER: now, SIGNATURE_HEADER: other_path_signature},
        sign=False,
    )
    assert reply.status == 401
    assert_japanese_error(reply.body, "bad_signature")
    assert (await bridge.relay.get_message("m-get")).status == 200


async def test_unknown_paths_and_methods_answer_in_the_same_shape(bridge: Bridge) -> None:
    reply = await bridge.relay.request("POST", "/bridge/v1/nothing", b"{}")
    assert reply.status == 404
    assert_japanese_error(reply.body, "unknown_path")
    reply = await bridge.relay.request("DELETE", "/bridge/v1/messages", b"")
    assert reply.status == 405
    assert_japanese_error(reply.body, "method_not_allowed")
    reply = await bridge.relay.get_message("never-sent")
    assert reply.status == 404
    assert "never-sent" in assert_japanese_error(reply.body, "not_found")
