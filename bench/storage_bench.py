"""Storage benchmark: audit writes per second, and the weekly digest over one large city's week.

One week of 松戸市-sized use: 6,400 staff × 10 requests a day × 7 days ≈ 448,000 audit records.

    python bench/storage_bench.py                      # SQLite and PostgreSQL (if reachable)
    python bench/storage_bench.py --backend sqlite --staff 640

Writes are measured through `AuditStore.record` (one transaction per request, as the bot does),
with several requests in flight at once; the rest of the week is then bulk-loaded so that the
digest query runs over the full volume, and over the week before, which it compares with.
Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg
from sqlalchemy import insert

from bot.digest import IsoWeek, build_weekly_digest
from bot.storage import AuditStore, Database, DirectoryData
from bot.storage.database import to_naive_utc
from bot.storage.directory import Directory
from bot.storage.migrate import upgrade
from bot.storage.models import AuditRecord, canonical_json

WEEK = IsoWeek(2026, 47)
DEPARTMENTS = 120
ACTIONS = ["allow"] * 85 + ["confirm"] * 10 + ["block"] * 5
CATEGORIES = ["要約", "翻訳", "文章作成", "校正", "整理", "アイデア", "Excel/マクロ", "手続確認", "その他"]
RULES = [["election"], ["credential"], ["individual_decision"], ["sensitive_personal", "my_number"]]
MASKS = [{}, {}, {"PERSON": 1}, {"PERSON": 2, "PHONE_NUMBER": 1}, {"LOCATION": 1, "JP_POSTAL_CODE": 1}]
TEXT = "【氏名1】さん宛ての案内文を、やさしい日本語で300字程度にまとめてください。" * 2


def fake_record(rng: random.Random, staff: int, when_offset_s: float, week: IsoWeek = WEEK) -> dict[str, object]:
    user = rng.randrange(staff)
    action = rng.choice(ACTIONS)
    return {
        "created_at": to_naive_utc(week.start) + timedelta(seconds=when_offset_s),
        "city": "matsudo",
        "user_id": f"U{user:06d}",
        "department": f"部署{user % DEPARTMENTS:03d}",
        "channel": f"C{user % 300:05d}",
        "thread_id": f"{1763000000 + int(when_offset_s)}.000100",
        "platform": "slack",
        "action": action,
        "rule_ids": canonical_json(rng.choice(RULES) if action == "block" else []),
        "masked_counts": canonical_json(rng.choice(MASKS)),
        "use_category": rng.choice(CATEGORIES),
        "model": "gpt-4o-mini" if action != "block" else None,
        "tokens_in": rng.randint(50, 2000),
        "tokens_out": rng.randint(50, 1500),
        "latency_ms": int(rng.lognormvariate(7.5, 0.5)),
        "redacted_text": TEXT,
        "feedback": rng.choice([None, None, None, "up", "down"]),
        "minutes_saved": rng.choice([None, None, 5, 10, 30]),
        "policy_version": "matsudo@令和7年#r1",
    }


async def measure_writes(db: Database, staff: int, count: int, concurrency: int) -> tuple[float, list[float]]:
    store = AuditStore(db)
    rng = random.Random(1)
    week_s = 7 * 24 * 3600
    latencies: list[float] = []
    queue: asyncio.Queue[dict[str, object]] = asyncio.Queue()
    for _ in range(count):
        queue.put_nowait(fake_record(rng, staff, rng.uniform(0, week_s)))

    async def worker() -> None:
        while not queue.empty():
            values = queue.get_nowait()
            started = time.perf_counter()
            await store.record(
                city=values["city"],
                action=values["action"],
                user_id=values["user_id"],  # type: ignore[arg-type]
                department=values["department"],
                channel=values["channel"],  # type: ignore[arg-type]
                thread_id=values["thread_id"],
                platform="slack",  # type: ignore[arg-type]
                rule_ids=json.loads(values["rule_ids"]),
                masked_counts=json.loads(values["masked_counts"]),  # type: ignore[arg-type]
                use_category=values["use_category"],
                model=values["model"],  # type: ignore[arg-type]
                tokens_in=values["tokens_in"],
                tokens_out=values["tokens_out"],  # type: ignore[arg-type]
                latency_ms=values["latency_ms"],
                redacted_text=TEXT,
                policy_version="matsudo@令和7年#r1",  # type: ignore[arg-type]
                created_at=values["created_at"],  # type: ignore[arg-type]
            )
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return count / (time.perf_counter() - started), latencies


async def bulk_load(db: Database, staff: int, count: int, week: IsoWeek = WEEK, batch: int = 5000) -> float:
    rng = random.Random(2)
    week_s = 7 * 24 * 3600
    started = time.perf_counter()
    done = 0
    while done < count:
        rows = [fake_record(rng, staff, rng.uniform(0, week_s), week) for _ in range(min(batch, count - done))]
        async with db.engine.begin() as conn:
            await conn.execute(insert(AuditRecord.__table__), rows)  # type: ignore[attr-defined]
        done += len(rows)
    return time.perf_counter() - started


async def load_directory(db: Database, staff: int) -> None:
    data = DirectoryData()
    for user in range(staff):
        data.add(f"U{user:06d}", f"部署{user % DEPARTMENTS:03d}", manager=user < DEPARTMENTS)
    await Directory(db).replace(data)


async def run(url: str, label: str, args: argparse.Namespace) -> None:
    upgrade(url)
    db = Database(url)
    try:
        total = args.staff * args.per_day * 7
        await load_directory(db, args.staff)
        rate, latencies = await measure_writes(db, args.staff, args.writes, args.concurrency)
        latencies.sort()
        p50 = statistics.median(latencies) * 1000
        p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
        print(
            f"[{label}] AuditStore.record: {rate:,.0f} 件/秒 "
            f"({args.writes:,} 件, 同時 {args.concurrency}, 1件あたり p50 {p50:.1f} ms / p95 {p95:.1f} ms)"
        )
        rest = total - args.writes
        load_s = await bulk_load(db, args.staff, rest)
        print(f"[{label}] 一括投入: {rest:,} 件を {load_s:.1f} 秒（{rest / load_s:,.0f} 件/秒）")
        await bulk_load(db, args.staff, total, WEEK.previous())  # the digest compares with the week before
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            digest = await build_weekly_digest(db, WEEK)
            timings.append(time.perf_counter() - started)
        city = digest.current.city
        print(
            f"[{label}] 週次報告の集計（{WEEK}、{city.requests:,} 件、{len(digest.current.departments)} 所属、"
            f"前週比較を含む）: 最短 {min(timings):.2f} 秒 / 中央値 {statistics.median(timings):.2f} 秒"
            f"（{args.repeat} 回）"
        )
    finally:
        await db.dispose()


def postgres_admin_dsn() -> str | None:
    for user in ("postgres", "root"):
        dsn = f"host=127.0.0.1 port=5432 user={user} dbname=test connect_timeout=3"
        try:
            with psycopg.connect(dsn):
                return dsn
        except psycopg.Error:
            continue
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--staff", type=int, default=6400)
    parser.add_argument("--per-day", type=int, default=10)
    parser.add_argument("--writes", type=int, default=5000, help="AuditStore.record で書く件数")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"職員 {args.staff:,} 人 × 1日 {args.per_day} 件 × 7日 = {args.staff * args.per_day * 7:,} 件")
    # Other work on the machine skews every figure below; say how busy it was.
    one, five, fifteen = os.getloadavg()
    print(f"負荷（load average 1/5/15分）: 開始時 {one:.2f} / {five:.2f} / {fifteen:.2f}（CPU {os.cpu_count()} 個）")

    if args.backend in {"sqlite", "both"}:
        with tempfile.TemporaryDirectory() as tmp:
            asyncio.run(run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", "SQLite", args))
    if args.backend in {"postgresql", "both"}:
        dsn = postgres_admin_dsn()
        if dsn is None:
            print("[PostgreSQL] 127.0.0.1:5432 に接続できないため省略しました。")
        else:
            name = f"aigate_bench_{uuid.uuid4().hex[:12]}"
            user = psycopg.conninfo.conninfo_to_dict(dsn)["user"]
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            try:
                asyncio.run(run(f"postgresql+psycopg://{user}@127.0.0.1:5432/{name}", "PostgreSQL", args))
            finally:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    one, five, fifteen = os.getloadavg()
    print(f"負荷（load average 1/5/15分）: 終了時 {one:.2f} / {five:.2f} / {fifteen:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
