"""What every long-running command builds at start-up: settings, database, gate, model adapter, pipeline.

The conversation pipeline is built here once and handed to every platform of the process (Slack,
the webhook bridge, the console), so they share one thread memory and one set of confirm previews.

Each failure stops start-up with one Japanese message that says what to fix; nothing half-starts.
"""

from __future__ import annotations

import asyncio
import gc
from dataclasses import dataclass
from typing import TYPE_CHECKING

from adapters.base import LLMAdapter, StreamLimits
from bot.config import ConfigError, Mode, Settings, load_settings
from bot.conversation.records import DatabaseRecords

if TYPE_CHECKING:
    from bot.conversation.pipeline import ConversationPipeline
    from bot.gate.gate import Gate


class StartupError(Exception):
    """Start-up cannot continue; `str()` is the Japanese explanation."""


@dataclass
class Parts:
    settings: Settings
    gate: Gate
    adapter: LLMAdapter
    records: DatabaseRecords
    limits: StreamLimits
    pipeline: ConversationPipeline

    async def aclose(self) -> None:
        await self.adapter.aclose()
        await self.records.close()


def check_settings(mode: Mode, default_city: str | None = None) -> Settings:
    from bot.gate.policy import PolicyBook, PolicyError

    try:
        cities = PolicyBook.load().cities
    except PolicyError as exc:
        raise StartupError(str(exc)) from exc
    try:
        return load_settings(mode, known_cities=cities, default_city=default_city)
    except ConfigError as exc:
        raise StartupError(str(exc)) from exc


async def build_parts(mode: Mode, default_city: str | None = None, gate: Gate | None = None) -> Parts:
    from adapters.errors import LLMConfigError
    from adapters.registry import build_adapter, limits_from_env
    from bot.storage import Database, MigrationFailed, migrate_at_startup

    settings = check_settings(mode, default_city)
    try:
        adapter = build_adapter()
        limits = limits_from_env()
    except LLMConfigError as exc:
        raise StartupError(f"生成AIの設定に問題があります: {exc.message}") from exc
    try:
        await migrate_at_startup(settings.database_url, auto_migrate=settings.auto_migrate)
    except MigrationFailed as exc:
        await adapter.aclose()
        raise StartupError(str(exc)) from exc
    records = DatabaseRecords(Database(settings.database_url), no_text_cities=settings.no_text_cities)
    if gate is None:
        from bot.gate.gate import load_gate
        from bot.gate.nlp_engine import NerMode

        try:
            gate = await asyncio.to_thread(
                load_gate, ner_mode=NerMode(settings.ner_mode), max_prompt_chars=settings.max_prompt_chars
            )
        except Exception as exc:
            await adapter.aclose()
            await records.close()
            raise StartupError(f"個人情報チェック（ゲート）を準備できませんでした: {exc}") from exc
    # Every city's rule patterns, compiled before the first message rather than on it (seconds in all), and before
    # the freeze so that they are frozen with the rest of start-up.
    await asyncio.to_thread(gate.policies.compile_patterns)
    from bot.conversation.pipeline import ConversationPipeline

    pipeline = ConversationPipeline(gate, adapter, records, limits=limits, file_limits=settings.file_limits)
    freeze_start_up_objects()
    return Parts(settings=settings, gate=gate, adapter=adapter, records=records, limits=limits, pipeline=pipeline)


def freeze_start_up_objects() -> None:
    """Move what start-up loaded (GiNZA, the policies, the SDKs: ~280,000 objects) out of the collector's sight.

    They live as long as the process. Left tracked, every full collection walks them all (~140 ms here), and
    every request in flight waits for it; frozen, a full collection looks only at what requests create.
    """
    gc.collect()
    gc.freeze()
