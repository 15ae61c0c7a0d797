"""Dify's API-based moderation extension, with the request bodies of Dify's documentation
(docs.dify.ai, “Sensitive Content Moderation”: ping, app.moderation.input, app.moderation.output)."""

from __future__ import annotations

import logging

from bot.storage.suspension import Scope
from tests.platforms.gateway.conftest import IWAMIZAWA_KEY, NIIZA_KEY, Gateway

APP_ID = "61248ab4-1125-45be-ae32-0ce91334d021"  # the documentation's example app id


def input_body(inputs: dict[str, object], query: str | None) -> dict[str, object]:
    return {"point": "app.moderation.input", "params": {"app_id": APP_ID, "inputs": inputs, "query": query}}


async def test_ping_answers_pong_and_needs_a_key(gateway: Gateway) -> None:
    status, _, body = await gateway.post("/dify/moderation", {"point": "ping"})
    assert (status, body) == (200, {"result": "pong"})
    status, _, body = await gateway.post("/dify/moderation", {"point": "ping"}, key="wrong-key-0123456789abcdef")
    assert status == 401 and "APIキー" in body["error"]["message"]


async def test_inputs_and_query_are_masked_and_overridden(gateway: Gateway, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    body = input_body(
        {"var_1": "山田太郎さんの電話は090-1234-5678です。", "var_2": "議事録", "count": 3},
        "山田太郎さんへの案内文を書いてください。",
    )
    status, _, reply = await gateway.post("/dify/moderation", body)
    assert status == 200
    assert reply["flagged"] is True and reply["action"] == "overridden"
    assert reply["inputs"] == {"var_1": "【氏名1】さんの電話は【電話番号1】です。", "var_2": "議事録", "count": 3}
    assert reply["query"] == "【氏名1】さんへの案内文を書いてください。"  # one book: the same placeholder
    rows = await gateway.audit()
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [("allow", "gateway:dify-soumu", "gateway", "dify")]
    for raw in ("山田", "090-1234-5678"):
        assert raw not in await gateway.database_dump() and raw not in caplog.text
    assert IWAMIZAWA_KEY not in caplog.text


async def test_nothing_to_mask_is_not_flagged(gateway: Gateway) -> None:
    status, _, reply = await gateway.post("/dify/moderation", input_body({"var_1": "議事録を要約"}, None))
    assert status == 200 and reply["flagged"] is False and reply["inputs"] == {"var_1": "議事録を要約"}


async def test_block_and_confirm_are_direct_output(gateway: Gateway) -> None:
    status, _, blocked = await gateway.post(
        "/dify/moderation", input_body({}, "マイナンバー 123456789018 の住民への通知文を作ってください。")
    )
    assert status == 200 and blocked["flagged"] is True and blocked["action"] == "direct_output"
    assert blocked["preset_response"].startswith("🚫") and "根拠:" in blocked["preset_response"]
    assert "123456789018" not in blocked["preset_response"]

    status, _, confirm = await gateway.post(
        "/dify/moderation", input_body({}, "山田太郎さんへの督促状の文案を作ってください。"), key=NIIZA_KEY
    )
    assert status == 200 and confirm["action"] == "direct_output"
    preset = confirm["preset_response"]
    assert preset.startswith("🔎") and "> 【氏名1】さんへの督促状の文案を作ってください。" in preset
    assert "そのまま送り直して" in preset and "山田" not in preset
    assert [r[0] for r in await gateway.audit()] == ["block", "confirm"]
    assert "123456789018" not in await gateway.database_dump() and "山田" not in await gateway.database_dump()


async def test_a_stop_is_direct_output(gateway: Gateway) -> None:
    await gateway.records.suspensions.stop(Scope.DEPARTMENT, "総務課", "監査のため", by="U0ADMIN")
    status, _, reply = await gateway.post("/dify/moderation", input_body({}, "議事録を要約して"))
    assert status == 200 and reply["action"] == "direct_output" and "利用停止中" in reply["preset_response"]


async def test_output_chunks_have_invented_personal_data_masked(gateway: Gateway) -> None:
    answer = "担当は鈴木一郎さん（電話 090-9876-5432）です。よろしくお願いします。"
    chunks = [answer[i : i + 100] for i in range(0, len(answer), 100)]
    for chunk in chunks:
        body = {"point": "app.moderation.output", "params": {"app_id": APP_ID, "text": chunk}}
        status, _, reply = await gateway.post("/dify/moderation", body)
        assert status == 200 and reply["flagged"] is True and reply["action"] == "overridden"
        assert "090-9876-5432" not in reply["text"] and "【電話番号1】" in reply["text"]
    clean = {"point": "app.moderation.output", "params": {"app_id": APP_ID, "text": "ご確認ください。"}}
    status, _, reply = await gateway.post("/dify/moderation", clean)
    assert reply == {"flagged": False, "action": "overridden", "text": "ご確認ください。"}


async def test_unknown_points_are_refused(gateway: Gateway) -> None:
    status, _, body = await gateway.post("/dify/moderation", {"point": "app.external_data_tool.query", "params": {}})
    assert status == 400 and "point" in body["error"]["message"]


async def test_a_name_cut_at_the_end_of_one_output_request_is_masked_in_the_next(gateway: Gateway) -> None:
    """Dify sends the whole answer so far each time (every 300 characters, and once more at the end)
    and replaces the whole message with the text returned, so a name cut at the end of one request
    is whole in the next one."""
    answer = "ご依頼の文案です。" * 30 + "担当は鈴木一郎さん（電話 090-9876-5432）です。よろしくお願いします。"
    cut = answer.index("鈴木一") + len("鈴木一")  # the first request ends inside the name
    texts = [answer[:cut], answer]
    replies = []
    for text in texts:
        body = {"point": "app.moderation.output", "params": {"app_id": APP_ID, "text": text}}
        status, _, reply = await gateway.post("/dify/moderation", body)
        assert status == 200 and reply["action"] == "overridden"
        replies.append(reply)
    final = replies[-1]
    assert final["flagged"] is True
    assert "鈴木" not in final["text"] and "090-9876-5432" not in final["text"]
    assert "【氏名1】さん" in final["text"] and "【電話番号1】" in final["text"]
    assert final["text"].startswith("ご依頼の文案です。" * 30)


async def test_an_output_too_long_to_check_is_not_shown(gateway: Gateway) -> None:
    """Dify shows the answer unchecked when the extension's request fails, so the answer is a notice instead."""
    text = "鈴木一郎さんの件です。" + "あ" * 20_000
    body = {"point": "app.moderation.output", "params": {"app_id": APP_ID, "text": text}}
    status, _, reply = await gateway.post("/dify/moderation", body)
    assert status == 200 and reply["flagged"] is True and reply["action"] == "direct_output"
    assert "鈴木" not in reply["preset_response"] and "表示しません" in reply["preset_response"]
