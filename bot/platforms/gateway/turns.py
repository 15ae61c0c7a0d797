"""A client's whole conversation as the pipeline's Turn: the new question and every earlier message.

Chat UIs send the whole conversation each time. The client's system prompt and earlier turns go
through the gate like the question (the pipeline gates each earlier message with the request's one
placeholder book and keeps only allowed ones). The system prompt goes to the model as a system
message after the city's. The gateway's own notices (block, confirm, 利用停止) are left out, and
the footer it appended to an earlier answer is cut off before it goes back.

When the new user message is only a confirmation code, the question is the user message before it
(the one the confirm preview was shown for), with the conversation before that as its context.
A code earlier in the history approves the user message before it in the same way: that question
goes into the context if the code is the one for its masked text (bot/platforms/gateway/memory.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from bot.conversation.turn import Author, EarlierMessage, Turn
from bot.platforms.gateway import render
from bot.platforms.gateway.confirmation import code_in
from bot.platforms.gateway.keys import GatewayKey
from bot.platforms.gateway.protocol import ClientMessage

PLATFORM = "gateway"
AUTHORS = {"system": Author.SYSTEM, "user": Author.ASKER, "assistant": Author.BOT, "tool": Author.OTHER}


class NoQuestionForCode(Exception):
    """A confirmation code was sent, but there is no earlier question it could confirm."""


@dataclass(frozen=True, slots=True)
class GatewayTurn:
    turn: Turn
    approved_code: str | None  # the new message was this confirmation code
    approved_earlier: dict[str, str]  # earlier message key → the code the client sent after it


def build_turn(key: GatewayKey, messages: tuple[ClientMessage, ...], *, channel: str = PLATFORM) -> GatewayTurn:
    question_at = len(messages) - 1
    code = code_in(messages[-1].text)
    if code is not None:
        question_at = next((n for n in range(len(messages) - 2, -1, -1) if messages[n].role == "user"), -1)
        if question_at < 0:
            raise NoQuestionForCode()
    earlier = [
        EarlierMessage(key=str(n), author=AUTHORS[m.role], text=_earlier_text(m), author_id=key.user_key)
        for n, m in enumerate(messages[:question_at])
        if _kept(m)
    ]
    turn = Turn(
        text=messages[question_at].text,
        city=key.city,
        user_id=key.user_key,
        thread_id=f"{PLATFORM}:{uuid.uuid4().hex}",  # one placeholder book per request
        platform=PLATFORM,
        channel=channel,
        department=key.department,
        earlier=earlier,
    )
    return GatewayTurn(turn, code, _approved_earlier(messages[:question_at]))


def _approved_earlier(messages: tuple[ClientMessage, ...]) -> dict[str, str]:
    """Each earlier code, under the key of the user message it followed (the question it confirmed)."""
    approved: dict[str, str] = {}
    question: int | None = None
    for n, message in enumerate(messages):
        if message.role != "user":
            continue
        code = code_in(message.text)
        if code is None:
            question = n
        elif question is not None:
            approved[str(question)] = code
            question = None
    return approved


def _kept(message: ClientMessage) -> bool:
    if not message.text.strip():
        return False
    if message.role == "assistant" and render.is_notice(message.text):
        return False
    return not (message.role == "user" and code_in(message.text) is not None)


def _earlier_text(message: ClientMessage) -> str:
    return render.without_footer(message.text) if message.role == "assistant" else message.text
