"""A further request after a harmless one is read on its own too (bot/gate/rules.py later_requests)."""

from __future__ import annotations

from bot.gate.rules import later_requests


def test_a_second_request_is_cut_from_its_marker_to_the_end() -> None:
    assert later_requests("講座の案内を作って。あと、今ロビーで人が倒れた") == ["あと、今ロビーで人が倒れた"]
    assert later_requests("表を整えて。\nそれと、報告文も") == ["それと、報告文も"]
    assert later_requests("Draft the notice. Also add the phone line.") == ["Also add the phone line."]


def test_words_that_only_look_like_a_marker_start_nothing() -> None:
    assert later_requests("あとで送ります。よろしく") == []
    assert later_requests("案内を作って。あと3日で締切です") == []
    assert later_requests("あと、これも") == []  # at the very start it is the whole text, read anyway
