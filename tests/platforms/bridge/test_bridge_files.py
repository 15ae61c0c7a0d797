"""Files sent inside a bridge message (Base64): read, masked and gated exactly like Slack's attachments."""

from __future__ import annotations

import base64

from tests.files import samples
from tests.platforms.bridge.conftest import Bridge, message


def inline(name: str, data: bytes, mimetype: str | None = None) -> dict:
    return {"name": name, "mimetype": mimetype, "content_base64": base64.b64encode(data).decode()}


async def test_a_roster_is_masked_before_the_model_sees_it(bridge: Bridge) -> None:
    data = samples.csv_bytes(samples.roster_rows(10), "shift_jis")
    reply = await bridge.relay.send_message(
        message("m-file", "この名簿の件数を地区ごとに数えて", files=[inline("名簿.csv", data, "text/csv")])
    )
    assert reply.status == 202
    assert reply.body["decision"]["masked_counts"]["PERSON"] == 10
    delivered = (await bridge.receiver.wait_for(1))[0]
    assert delivered.body["status"] == "answered"
    assert "氏名10件" in delivered.body["reply"]["text"]
    question = bridge.llm.requests[-1].body["messages"][-1]["content"]
    assert "【添付ファイル1: 名簿.csv（CSV）】" in question and "【氏名1】" in question
    for row in samples.roster_rows(10)[1:]:
        assert row[1] not in bridge.model_saw() and row[3] not in bridge.model_saw()


async def test_files_without_text_ask_for_a_summary(bridge: Bridge) -> None:
    data = "会議は10時に始まります。資料は前日までに配布します。".encode()
    reply = await bridge.relay.send_message(message("m-only", "", files=[inline("お知らせ.txt", data)]))
    assert reply.status == 202
    await bridge.receiver.wait_for(1)
    assert "添付ファイルの内容を要約してください。" in bridge.llm.requests[-1].body["messages"][-1]["content"]


async def test_an_unreadable_file_stops_the_message(bridge: Bridge) -> None:
    reply = await bridge.relay.send_message(
        message("m-png", "この画像を説明して", files=[inline("写真.png", samples.png_bytes(), "image/png")])
    )
    assert reply.status == 202 and reply.body["status"] in ("blocked", "failed")
    assert "写真.png" in reply.body["reply"]["text"]
    await bridge.settle()
    assert bridge.llm.requests == []


async def test_bad_base64_is_named_and_nothing_is_stored(bridge: Bridge) -> None:
    bad = {"name": "a.csv", "content_base64": "これはBase64ではない"}
    reply = await bridge.relay.send_message(message("m-b64", "集計して", files=[bad]))
    assert reply.status == 422 and reply.body["error"]["field"] == "files[0].content_base64"
    assert await bridge.rows("bridge_messages") == 0 and bridge.llm.requests == []
