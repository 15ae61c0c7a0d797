"""A further request after a harmless one is read on its own too (bot/gate/rules.py later_requests)."""

from __future__ import annotations

from bot.gate.rules import later_requests, list_items


def test_a_second_request_is_cut_from_its_marker_to_the_end() -> None:
    assert later_requests("講座の案内を作って。あと、今ロビーで人が倒れた") == ["あと、今ロビーで人が倒れた"]
    assert later_requests("表を整えて。\nそれと、報告文も") == ["それと、報告文も"]
    assert later_requests("Draft the notice. Also add the phone line.") == ["Also add the phone line."]


def test_words_that_only_look_like_a_marker_start_nothing() -> None:
    assert later_requests("あとで送ります。よろしく") == []
    assert later_requests("案内を作って。あと3日で締切です") == []
    assert later_requests("あと、これも") == []  # at the very start it is the whole text, read anyway


def test_each_item_of_a_task_list_is_read_with_the_lines_around_the_list() -> None:
    text = "課長からの依頼:\n・未公表の移転案を要約\n・公表済みの決算をグラフに\n今日中にお願いします"
    assert list_items(text) == [
        "課長からの依頼:\n・未公表の移転案を要約\n今日中にお願いします",
        "課長からの依頼:\n・公表済みの決算をグラフに\n今日中にお願いします",
    ]
    # an indented line carries on its item; numbered items count as well
    assert list_items("1. 案内文\n   300字で\n2. 部数の計算") == ["1. 案内文\n   300字で", "2. 部数の計算"]


def test_one_line_a_quiz_or_a_checklist_is_no_list_of_tasks() -> None:
    assert list_items("・一項目だけ") == []
    assert list_items("3-4月の繁忙期について\n普通の文です") == []
    # material about the rules: every item names what must not be done, and the lines around say why
    assert list_items("研修の小テスト\n① 公開済みの告知文\n② 未公表の人事異動\n正解を書いて") == []
    assert list_items("入力してよい例・だめな例\n1. 法令の条文 → よい\n2. 相談者の氏名 → だめ") == []
