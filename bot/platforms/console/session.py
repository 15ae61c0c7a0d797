"""A console conversation: one thread, its earlier messages, confirm prompts answered on the next line."""

from __future__ import annotations

import asyncio
import shlex
import sys
import uuid
from pathlib import Path
from typing import TextIO

from bot.conversation.pipeline import ConversationPipeline, Outcome
from bot.conversation.turn import Author, EarlierMessage, Turn
from bot.files.local import local_attachment
from bot.files.types import AttachedFile
from bot.platforms.console.sink import ConsoleSink

HELP = """使い方: 質問や依頼を入力して Enter。続けて入力すると同じスレッドの続きになります。
  /new   新しいスレッドを始める      /help  この説明      /quit  終了（Ctrl-D でも終了）
  /file パス  次の質問にファイルを添付する（CSV・Excel・Word・PDF・テキスト。中身の文字だけを確認して送ります）"""
RETRY_FILE = "パスを確かめて、もう一度 /file で指定してください。"
YES = {"y", "yes", "はい", "送信", "送信する", "1"}


def unreadable_reason(path: Path) -> str | None:
    """Why a /file path cannot be attached, in Japanese (None: it can be read now)."""
    try:
        if not path.exists():
            return f"ファイル {path} が見つかりません。"
        if path.is_dir():
            return f"{path} はフォルダです。ファイルを指定してください。"
        with path.open("rb"):
            return None
    except PermissionError:
        return f"ファイル {path} を読む権限がありません。"
    except OSError as exc:
        return f"ファイル {path} を読めません（{exc.strerror or type(exc).__name__}）。"


class ConsoleSession:
    def __init__(
        self,
        pipeline: ConversationPipeline,
        city: str,
        *,
        out: TextIO = sys.stdout,
        inp: TextIO = sys.stdin,
        user_id: str = "console-user",
    ) -> None:
        self.pipeline = pipeline
        self.city = city
        self.out = out
        self.inp = inp
        self.user_id = user_id
        self.interactive = inp.isatty()
        self.attached: list[AttachedFile] = []  # for the next question (/file)
        self._new_thread()

    def _new_thread(self) -> None:
        self.thread_id = f"console:{uuid.uuid4().hex[:12]}"
        self.earlier: list[EarlierMessage] = []

    def _print(self, text: str = "", end: str = "\n") -> None:
        self.out.write(text + end)
        self.out.flush()

    async def _read(self, prompt: str) -> str | None:
        if self.interactive:
            self._print(prompt, end="")
        line = await asyncio.to_thread(self.inp.readline)
        if not line:
            return None
        line = line.rstrip("\n")
        if not self.interactive:
            self._print(prompt + line)  # echo piped input so a transcript reads like a conversation
        return line

    async def run(self) -> int:
        self._print(HELP)
        while True:
            line = await self._read("\nあなた> ")
            if line is None or line.strip() in {"/quit", "/exit"}:
                return 0
            text = line.strip()
            if not text:
                continue
            if text == "/help":
                self._print(HELP)
                continue
            if text.startswith("/file"):
                self._attach(text.removeprefix("/file").strip())
                continue
            if text == "/new":
                self._new_thread()
                self._print("新しいスレッドを始めました。")
                continue
            await self.ask(text)

    def _attach(self, argument: str) -> None:
        if not argument:
            self._print("添付するファイルのパスを /file の後に書いてください（例: /file ~/名簿.csv）。")
            return
        try:
            parts = shlex.split(argument)
        except ValueError:
            self._print("⚠️ パスの引用符（\" や '）が閉じていません。何も添付していません。")
            return
        for part in parts:
            path = Path(part).expanduser()
            problem = unreadable_reason(path)
            if problem:
                self._print(f"⚠️ {problem}このファイルは添付していません。{RETRY_FILE}")
                continue
            self.attached.append(local_attachment(path))
            self._print(f"📎 {path.name} を次の質問に添付します。")

    async def ask(self, text: str) -> Outcome:
        sink = ConsoleSink(self.out)
        files, self.attached = self.attached, []
        turn = Turn(
            text=text,
            city=self.city,
            user_id=self.user_id,
            thread_id=self.thread_id,
            platform="console",
            channel="console",
            earlier=list(self.earlier),
            files=files,
            key=f"q{len(self.earlier)}",
        )
        outcome = await self.pipeline.handle(turn, sink)
        if outcome is Outcome.CONFIRMING and sink.confirm_prompt is not None:
            reply = await self._read("上の文だけを送信しますか？ 送信する場合は y、やめる場合は n を入力> ")
            if reply is not None and reply.strip().lower() in YES:
                outcome = await self.pipeline.confirm(sink.confirm_prompt.pending_id, self.user_id, sink)
            else:
                await self.pipeline.cancel(sink.confirm_prompt.pending_id, self.user_id, sink)
                self._print("↩️ 送信を取りやめました。生成AIには何も送信していません。")
                outcome = Outcome.CANCELLED
        key = str(len(self.earlier))
        self.earlier.append(EarlierMessage(key=f"q{key}", author=Author.ASKER, text=text, author_id=self.user_id))
        if sink.answer is not None:
            self.earlier.append(EarlierMessage(key=f"a{key}", author=Author.BOT, text=sink.answer.text))
        return outcome
