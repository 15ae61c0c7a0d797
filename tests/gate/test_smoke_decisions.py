from bot.gate import Action, Request
from bot.gate.gate import Gate


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


def test_a_prompt_longer_than_the_tokenizer_limit_is_analysed_in_pieces(gate: Gate) -> None:
    # Sudachi refuses more than 49,149 bytes; 19,000 Japanese characters are about 57,000 bytes.
    filler = "市民まつりの運営について検討した内容を記録する。" * 790
    text = filler + "担当は佐藤花子さん、電話は090-1234-5678です。" + filler[:600]
    decision = gate.check(Request(text=text, city="niiza"))
    assert len(text) > 19_000
    assert "【氏名1】さん、電話は【電話番号1】です。" in decision.redacted_text
    assert decision.action is Action.CONFIRM


def test_split_for_tokenizer_covers_the_text_and_respects_the_limit() -> None:
    from bot.gate.analyzer import split_for_tokenizer

    text = ("あいうえお。" * 3000) + "かきくけこ" * 10
    pieces = split_for_tokenizer(text, limit=3000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p.encode()) <= 3000 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
