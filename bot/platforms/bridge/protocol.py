"""Reading the relay's JSON into checked values, each fault a Japanese `invalid_field` error.

Ids from the relay are namespaced with the platform (`logochat:12345`) before they reach the
pipeline, the suspension check, the admin list and the audit records, so two chats whose ids
collide never share a thread, a stop or an admin right. Keys longer than the database columns
(64 characters) are replaced by a digest of the same ids, which stays stable.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from bot.conversation.turn import Author, EarlierMessage
from bot.files.attaching import FILES_ONLY_QUESTION
from bot.platforms.bridge import errors

PLATFORM = re.compile(r"^[a-z0-9][a-z0-9-]{0,19}$")
MESSAGE_ID = re.compile(r"^[A-Za-z0-9._:@~-]{1,128}$")
RESERVED_PLATFORMS = {"slack", "console"}  # the bot's own platforms, not a relay's
KEY_MAX = 64  # user_id, channel and thread_id columns of the audit records
ID_MAX = 200
NAME_MAX = 200
TEXT_MAX = 60_000  # the gate refuses long prompts itself with its own sentence; this only bounds parsing
EARLIER_MAX = 50
FILES_MAX = 20  # what the body may list; the city's own limit (AIGATE_FILE_MAX_COUNT) is applied by the pipeline
ADMIN_SCOPES = ("all", "user", "channel", "department")


def scoped_key(platform: str, *parts: str) -> str:
    """`platform:part:part`, or `platform:#<digest>` when that would not fit the database columns."""
    raw = ":".join((platform, *parts))
    if len(raw) <= KEY_MAX:
        return raw
    return f"{platform}:#{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:40]}"


def user_key(platform: str, user_id: str) -> str:
    return user_id if platform == "slack" else scoped_key(platform, user_id)


def message_key(platform: str, message_id: str) -> str:
    return f"{platform}:{message_id}"


def parse_json(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise errors.invalid_json() from None
    if not isinstance(value, dict):
        raise errors.invalid_json()
    return value


def _text(
    data: dict[str, Any],
    field: str,
    *,
    name: str | None = None,
    required: bool = True,
    max_len: int = ID_MAX,
    allow_number: bool = False,
) -> str | None:
    label = name or field
    value = data.get(field)
    if value is None:
        if required:
            raise errors.invalid_field(label, "必須です。")
        return None
    if allow_number and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise errors.invalid_field(label, "文字列で指定してください。")
    value = value.strip()
    if not value:
        if required:
            raise errors.invalid_field(label, "空です。")
        return None
    if len(value) > max_len:
        raise errors.invalid_field(label, f"長すぎます（{len(value):,}文字、上限 {max_len:,}文字）。")
    return value


def parse_platform(value: Any) -> str:
    if not isinstance(value, str) or not PLATFORM.match(value):
        raise errors.invalid_field(
            "platform", "英小文字・数字・ハイフンの20文字以内で指定してください（例: logochat, mattermost）。"
        )
    if value in RESERVED_PLATFORMS:
        raise errors.invalid_field("platform", f"「{value}」はこのボット自身が使う名前のため使えません。")
    return value


def parse_message_id(value: Any, field: str = "message_id") -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not MESSAGE_ID.match(value):
        raise errors.invalid_field(field, "英数字と . _ : @ ~ - からなる128文字以内の文字列で指定してください。")
    return value


@dataclass(frozen=True, slots=True)
class BridgeUser:
    id: str
    department: str | None
    # `name` is read and dropped: a display name is personal data the bot does not need.


def _user(data: dict[str, Any]) -> BridgeUser:
    user = data.get("user")
    if not isinstance(user, dict):
        raise errors.invalid_field("user", '{"id": "..."} の形のオブジェクトで指定してください。')
    user_id = _text(user, "id", name="user.id", allow_number=True)
    _text(user, "name", name="user.name", required=False, max_len=NAME_MAX)
    department = _text(user, "department", name="user.department", required=False, max_len=NAME_MAX)
    assert user_id is not None
    return BridgeUser(user_id, department)


@dataclass(frozen=True, slots=True)
class InlineFile:
    """A file the relay sent inside the message (Base64); read, extracted and gated like Slack's files."""

    name: str
    mimetype: str | None
    data: bytes = field(repr=False)


def _files(data: dict[str, Any]) -> tuple[InlineFile, ...]:
    items = data.get("files")
    if items is None:
        return ()
    if not isinstance(items, list):
        raise errors.invalid_field("files", "添付ファイルを配列で指定してください。")
    if len(items) > FILES_MAX:
        raise errors.invalid_field("files", f"多すぎます（{len(items)}件、上限 {FILES_MAX}件）。")
    files: list[InlineFile] = []
    for index, item in enumerate(items):
        field_name = f"files[{index}]"
        if not isinstance(item, dict):
            raise errors.invalid_field(field_name, '{"name": ..., "content_base64": ...} の形で指定してください。')
        name = _text(item, "name", name=f"{field_name}.name", max_len=NAME_MAX)
        mimetype = _text(item, "mimetype", name=f"{field_name}.mimetype", required=False, max_len=NAME_MAX)
        encoded = item.get("content_base64")
        if not isinstance(encoded, str):
            raise errors.invalid_field(
                f"{field_name}.content_base64", "ファイルの中身をBase64の文字列で指定してください。"
            )
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise errors.invalid_field(
                f"{field_name}.content_base64", "Base64として読み取れません（改行や空白を含めずに送ってください）。"
            ) from None
        assert name is not None
        files.append(InlineFile(name, mimetype, content))
    return tuple(files)


@dataclass(frozen=True, slots=True)
class InboundMessage:
    platform: str
    message_id: str
    user: BridgeUser
    conversation_id: str
    thread_id: str  # the thread's first message id; the message itself when it starts one
    text: str  # raw: it goes to the gate and nowhere else
    earlier: tuple[EarlierMessage, ...] = ()
    files: tuple[InlineFile, ...] = ()

    @property
    def key(self) -> str:
        return message_key(self.platform, self.message_id)

    @property
    def user_key(self) -> str:
        return user_key(self.platform, self.user.id)

    @property
    def channel_key(self) -> str:
        return scoped_key(self.platform, self.conversation_id)

    @property
    def thread_key(self) -> str:
        return scoped_key(self.platform, self.conversation_id, self.thread_id)

    @property
    def route(self) -> dict[str, str | None]:
        """Where the answer goes back to, and the asker's 所属; stored with the message (no text)."""
        return {
            "conversation_id": self.conversation_id,
            "thread_id": self.thread_id,
            "user_id": self.user.id,
            "department": self.user.department,
        }


def _earlier(platform: str, data: dict[str, Any], asker: str) -> tuple[EarlierMessage, ...]:
    items = data.get("earlier")
    if items is None:
        return ()
    if not isinstance(items, list):
        raise errors.invalid_field("earlier", "スレッドのこれまでの発言を、古い順の配列で指定してください。")
    if len(items) > EARLIER_MAX:
        raise errors.invalid_field(
            "earlier", f"多すぎます（{len(items)}件、上限 {EARLIER_MAX}件）。新しいものから送ってください。"
        )
    authors = {"asker": Author.ASKER, "other": Author.OTHER, "bot": Author.BOT}
    result: list[EarlierMessage] = []
    for index, item in enumerate(items):
        field = f"earlier[{index}]"
        if not isinstance(item, dict):
            raise errors.invalid_field(field, "オブジェクトで指定してください。")
        message_id = parse_message_id(item.get("message_id"), f"{field}.message_id")
        author_name = item.get("author")
        if author_name not in authors:
            raise errors.invalid_field(f"{field}.author", "asker / other / bot のいずれかを指定してください。")
        author = authors[author_name]
        text = _text(item, "text", name=f"{field}.text", max_len=TEXT_MAX)
        author_id = _text(item, "user_id", name=f"{field}.user_id", required=False, allow_number=True)
        assert text is not None
        if author is Author.ASKER:
            author_id = asker
        elif author_id is not None:
            author_id = user_key(platform, author_id)
        result.append(EarlierMessage(key=message_id, author=author, text=text, author_id=author_id))
    return tuple(result)


def parse_message(body: bytes) -> InboundMessage:
    data = parse_json(body)
    platform = parse_platform(data.get("platform"))
    message_id = parse_message_id(data.get("message_id"))
    user = _user(data)
    conversation_id = _text(data, "conversation_id", allow_number=True)
    thread_id = _text(data, "thread_id", required=False, allow_number=True) or message_id
    files = _files(data)
    text = _text(data, "text", required=not files, max_len=TEXT_MAX) or FILES_ONLY_QUESTION
    assert conversation_id is not None
    earlier = _earlier(platform, data, user_key(platform, user.id))
    return InboundMessage(platform, message_id, user, conversation_id, thread_id, text, earlier, files)


@dataclass(frozen=True, slots=True)
class ConfirmRequest:
    platform: str
    message_id: str
    user_key: str
    send: bool  # True: 送信する, False: やめる
    # The original message again (optional): lets a process that did not show the preview send it,
    # after the gate gives exactly the preview the asker approved. Raw, like a message's text.
    text: str | None = None
    earlier: tuple[EarlierMessage, ...] = ()
    files: tuple[InlineFile, ...] = ()

    @property
    def key(self) -> str:
        return message_key(self.platform, self.message_id)


def parse_confirm(body: bytes, path_message_id: str) -> ConfirmRequest:
    data = parse_json(body)
    platform = parse_platform(data.get("platform"))
    message_id = parse_message_id(data.get("message_id"))
    if message_id != path_message_id:
        raise errors.invalid_field("message_id", "URLのメッセージIDと一致しません。")
    user = _user(data)
    action = data.get("action", "send")
    if action not in ("send", "cancel"):
        raise errors.invalid_field("action", "send（送信する）または cancel（やめる）を指定してください。")
    asker = user_key(platform, user.id)
    files = _files(data)
    text = _text(data, "text", required=False, max_len=TEXT_MAX) or (FILES_ONLY_QUESTION if files else None)
    return ConfirmRequest(platform, message_id, asker, action == "send", text, _earlier(platform, data, asker), files)


@dataclass(frozen=True, slots=True)
class FeedbackRequest:
    platform: str
    message_id: str
    feedback: str  # "up" (👍) / "down" (👎)

    @property
    def key(self) -> str:
        return message_key(self.platform, self.message_id)


def parse_feedback(body: bytes, path_message_id: str) -> FeedbackRequest:
    data = parse_json(body)
    platform = parse_platform(data.get("platform"))
    message_id = parse_message_id(data.get("message_id"))
    if message_id != path_message_id:
        raise errors.invalid_field("message_id", "URLのメッセージIDと一致しません。")
    _user(data)  # who pressed it: required like everywhere, not stored (as in Slack)
    feedback = data.get("feedback")
    if feedback not in ("up", "down"):
        raise errors.invalid_field("feedback", "up（👍）または down（👎）を指定してください。")
    return FeedbackRequest(platform, message_id, str(feedback))


@dataclass(frozen=True, slots=True)
class AdminRequest:
    platform: str
    actor: str  # the caller's user key, checked against AIGATE_ADMINS
    command: str  # stop / resume / status
    scope: str | None  # all / user / channel / department
    target: str  # user key, channel key, 所属, "" for all
    reason: str


def parse_admin(body: bytes, command: str) -> AdminRequest:
    data = parse_json(body)
    platform = parse_platform(data.get("platform"))
    if data.get("command", command) != command:
        raise errors.invalid_field("command", "URLのコマンドと一致しません。")
    actor = user_key(platform, _user(data).id)
    reason = _text(data, "reason", required=command == "stop", max_len=500) or ""
    if command == "status":
        return AdminRequest(platform, actor, command, None, "", reason)
    target = data.get("target")
    if not isinstance(target, dict) or target.get("scope") not in ADMIN_SCOPES:
        raise errors.invalid_field(
            "target",
            '{"scope": "all"} または {"scope": "user|channel|department", "id": "..."} で指定してください。',
        )
    scope = str(target["scope"])
    if scope == "all":
        return AdminRequest(platform, actor, command, scope, "", reason)
    value = _text(target, "id", name="target.id", allow_number=True)
    assert value is not None
    if scope == "department":
        return AdminRequest(platform, actor, command, scope, value, reason)
    # A user or channel of this relay's platform unless another platform is named ("slack": Slack's ids).
    target_platform = target.get("platform", platform)
    if not isinstance(target_platform, str) or not (target_platform == "slack" or PLATFORM.match(target_platform)):
        raise errors.invalid_field("target.platform", "英小文字・数字・ハイフンの20文字以内で指定してください。")
    if target_platform == "slack":
        key = value
    elif scope == "user":
        key = user_key(target_platform, value)
    else:
        key = scoped_key(target_platform, value)
    return AdminRequest(platform, actor, command, scope, key, reason)
