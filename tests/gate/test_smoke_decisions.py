from bot.gate import Action, Gate, Request


def test_harmless_greeting_passes_untouched(gate: Gate) -> None:
    text = "新年度の職員向け挨拶文を300字程度で作成してください。"
    decision = gate.check(Request(text=text, city="niiza"))
    assert decision.action is Action.ALLOW
    assert decision.redacted_text == text
    assert decision.findings == ()


def test_personal_data_is_masked_and_needs_confirmation_in_niiza(gate: Gate) -> None:
    decision = gate.check(Request(text="佐藤花子さんの電話は090-1234-5678です。", city="niiza"))
    assert decision.action is Action.CONFIRM
    assert decision.redacted_text == "【氏名1】さんの電話は【電話番号1】です。"
