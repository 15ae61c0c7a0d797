"""The pipeline's replies as terminal lines: the answer as it streams, then its footer."""

from __future__ import annotations

from typing import TextIO

from bot.conversation.composer import BlockNotice, ConfirmPrompt
from bot.conversation.ports import FinishedAnswer
from bot.gate.types import Decision

RULE = "─" * 60


class ConsoleSink:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.answer: FinishedAnswer | None = None
        self.confirm_prompt: ConfirmPrompt | None = None

    def _print(self, text: str = "", end: str = "\n") -> None:
        self.out.write(text + end)
        self.out.flush()

    async def decided(self, decision: Decision) -> None:
        """Nothing to print: the console shows the outcome (progress, block, preview) instead."""

    async def progress(self) -> None:
        self._print("⏳ 回答を作成しています…")
        self._print("aigate> ", end="")

    async def append(self, text: str) -> None:
        self._print(text, end="")

    async def finish(self, answer: FinishedAnswer) -> None:
        self.answer = answer
        self._print()
        self._print(RULE)
        for line in answer.footer.lines():
            self._print(line)
        self._print(RULE)

    async def blocked(self, notice: BlockNotice) -> None:
        self._print(notice.headline)
        for violation in notice.violations:
            self._print(f"  • {violation.message}")
            self._print(f"    根拠: {violation.article}")
        self._print(f"  お問い合わせ: {notice.contact}")

    async def confirm(self, prompt: ConfirmPrompt) -> None:
        self.confirm_prompt = prompt
        self._print(prompt.headline)
        for line in prompt.preview.splitlines() or [""]:
            self._print(f"  > {line}")
        for violation in prompt.reasons:
            self._print(f"  • {violation.message}（{violation.article}）")
        self._print(f"  {prompt.masked_line}")
        self._print(prompt.pledge)

    async def error(self, message: str) -> None:
        self._print()
        self._print(message if message.startswith("⚠️") else f"⚠️ {message}")

    async def notice(self, message: str) -> None:
        self._print(message)
