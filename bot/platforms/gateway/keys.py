"""The gateway's API keys: the YAML file named by AIGATE_GATEWAY_KEYS, read once at start-up.

    keys:
      - key_sha256: 9f86d081884c7d65…      # sha256 of the key (preferred: the file holds no secret)
        city: niiza
        user: dify-soumu                    # for the audit record and 利用停止 of one user
        department: 総務課                   # for the digest and 利用停止 of one 所属
        label: Dify（総務課）                 # optional, shown in logs instead of the key
        footer: false                       # optional: the 事実確認 footer goes to a response header

A key is looked up by its sha256, so the raw key is never kept in memory longer than the request
and never logged; an entry may give the key itself (`key:`) for a test set-up.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MIN_KEY_CHARS = 24
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class KeyFileError(Exception):
    """The key file cannot be used; `str()` is a Japanese sentence naming the file and the entry."""


@dataclass(frozen=True, slots=True)
class GatewayKey:
    key_id: str  # the first 12 hex digits of the key's sha256: safe to log, stable across restarts
    digest: bytes  # sha256 of the key
    city: str
    user: str
    department: str | None
    label: str
    footer: bool = True  # False: the footer goes to the X-Aigate-Notice header instead

    @property
    def user_key(self) -> str:
        """The user id the audit record and 利用停止 use: `gateway:<user>`."""
        return f"gateway:{self.user}"


def key_digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


class GatewayKeys:
    def __init__(self, keys: Iterable[GatewayKey]) -> None:
        self._by_digest = {key.digest: key for key in keys}

    def __len__(self) -> int:
        return len(self._by_digest)

    def find(self, bearer: str | None) -> GatewayKey | None:
        """The key for an `Authorization` header value, None when missing or unknown."""
        if not bearer:
            return None
        scheme, _, token = bearer.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        digest = key_digest(token.strip())
        found = self._by_digest.get(digest)
        # The dict lookup is on a hash; the final comparison is constant-time all the same.
        return found if found is not None and hmac.compare_digest(found.digest, digest) else None

    @property
    def cities(self) -> set[str]:
        return {key.city for key in self._by_digest.values()}


def load_keys(path: str | Path, known_cities: Iterable[str] | None = None) -> GatewayKeys:
    source = Path(path)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KeyFileError(f"AIGATE_GATEWAY_KEYS のファイル {source} を読めません（{exc.strerror}）。") from exc
    except yaml.YAMLError as exc:
        raise KeyFileError(f"AIGATE_GATEWAY_KEYS のファイル {source} がYAMLとして読めません: {exc}") from exc
    entries = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise KeyFileError(f"{source} に keys: の一覧がありません（docs/gateway.md の例を参照してください）。")
    cities = set(known_cities) if known_cities is not None else None
    keys = [_entry(source, n, entry, cities) for n, entry in enumerate(entries, start=1)]
    if len({k.digest for k in keys}) != len(keys):
        raise KeyFileError(f"{source} に同じキーが2回以上書かれています。キーは1行に1つにしてください。")
    return GatewayKeys(keys)


def _entry(source: Path, n: int, entry: Any, cities: set[str] | None) -> GatewayKey:
    where = f"{source} の {n} 番目のキー"
    if not isinstance(entry, dict):
        raise KeyFileError(f"{where} が key / city / user / department の形になっていません。")
    raw, hashed = entry.get("key"), entry.get("key_sha256")
    if (raw is None) == (hashed is None):
        raise KeyFileError(f"{where}: key か key_sha256 のどちらか一方を書いてください。")
    if raw is not None:
        if not isinstance(raw, str) or len(raw) < MIN_KEY_CHARS:
            raise KeyFileError(
                f"{where}: key は {MIN_KEY_CHARS} 文字以上の推測できない文字列にしてください"
                "（例: openssl rand -hex 32）。"
            )
        digest = key_digest(raw)
    else:
        if not isinstance(hashed, str) or not _SHA256.match(hashed.strip().lower()):
            raise KeyFileError(f"{where}: key_sha256 は16進数64桁（sha256sum の出力）にしてください。")
        digest = bytes.fromhex(hashed.strip().lower())
    city, user = entry.get("city"), entry.get("user")
    if not isinstance(city, str) or not city:
        raise KeyFileError(f"{where}: city（この鍵で使う市のポリシー名）がありません。")
    if cities is not None and city not in cities:
        raise KeyFileError(f"{where}: city={city!r} のポリシーはありません（{', '.join(sorted(cities))}）。")
    if not isinstance(user, str) or not user.strip():
        raise KeyFileError(f"{where}: user（監査記録と利用停止に使う利用者名）がありません。")
    department = entry.get("department")
    if department is not None and not isinstance(department, str):
        raise KeyFileError(f"{where}: department は所属名の文字列にしてください。")
    footer = entry.get("footer", True)
    if not isinstance(footer, bool):
        raise KeyFileError(f"{where}: footer は true か false にしてください。")
    key_id = digest.hex()[:12]
    label = entry.get("label")
    return GatewayKey(
        key_id=key_id,
        digest=digest,
        city=city,
        user=user.strip(),
        department=department or None,
        label=str(label) if label else key_id,
        footer=footer,
    )
