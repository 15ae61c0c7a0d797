"""`python -m bot digest`: print, export CSV and PNG, and refuse --send without Slack settings."""

from __future__ import annotations

import asyncio
import csv
import os
import subprocess
import sys
from pathlib import Path

from bot.storage import Database
from bot.storage.migrate import upgrade
from tests.digest.seed import seed_confirmations, seed_fortnight

ROOT = Path(__file__).resolve().parents[2]


def bot(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def seeded_database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'digest.sqlite3'}"
    upgrade(url)

    async def seed() -> None:
        db = Database(url)
        try:
            await seed_fortnight(db)
        finally:
            await db.dispose()

    asyncio.run(seed())
    return url


def test_digest_prints_csv_and_png(tmp_path: Path) -> None:
    url = seeded_database(tmp_path)
    csv_path, png_path = tmp_path / "週次.csv", tmp_path / "chart.png"
    done = bot("digest", "--week", "2026-W47", "--csv", str(csv_path), "--png", str(png_path), DATABASE_URL=url)
    assert done.returncode == 0, done.stderr
    assert "*生成AIゲート 週次利用状況 — 市全体*" in done.stdout
    assert "• 依頼件数: 8件（前週 2、+6）" in done.stdout
    assert "*生成AIゲート 週次利用状況 — 総務課*" in done.stdout
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert png_path.read_bytes().startswith(b"\x89PNG")


def test_digest_rejects_a_bad_week_and_send_without_slack(tmp_path: Path) -> None:
    url = seeded_database(tmp_path)
    bad = bot("digest", "--week", "47", DATABASE_URL=url)
    assert bad.returncode == 2 and "2026-W47 のように" in bad.stderr
    unsent = bot("digest", "--week", "2026-W47", "--send", DATABASE_URL=url)
    assert unsent.returncode == 1 and "Slack が設定されていないため送信できません" in unsent.stderr


def test_digest_for_a_month_exports_the_budget_csv(tmp_path: Path) -> None:
    url = seeded_database(tmp_path)
    csv_path = tmp_path / "2026-11.csv"
    done = bot("digest", "--month", "2026-11", "--csv", str(csv_path), DATABASE_URL=url)
    assert done.returncode == 0, done.stderr
    assert "*生成AIゲート 月次利用状況 — 市全体*" in done.stdout
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[1].startswith("2026-11,（全体）,11,0,")
    refused = bot("digest", "--month", "2026-11", "--send", DATABASE_URL=url)
    assert refused.returncode == 2 and "--send は週次報告" in refused.stderr


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


async def test_only_sent_confirmations_count_as_sent(db: Database, tmp_path: Path) -> None:
    """A cancelled preview, one never answered and one from before outcomes were kept are not 'sent'."""
    await seed_confirmations(db)
    csv_path = tmp_path / "週次.csv"
    done = bot("digest", "--week", "2026-W47", "--city", "niiza", "--csv", str(csv_path), DATABASE_URL=_url(db))
    assert done.returncode == 0, done.stderr
    city_part = done.stdout.split("\n\n*生成AIゲート")[0]
    assert city_part.startswith("*生成AIゲート 週次利用状況 — 新座市*")  # the city asked for, not 市全体
    assert "• 依頼件数: 6件" in city_part
    assert "• 判定: 送信 1件（前週 0、+1）・確認後に送信 1件（前週 0、+1）・停止 1件（前週 0、+1）" in city_part
    assert (
        "• 確認を求めたもの: 4件（送信 1件・取りやめ 1件・未回答のまま失効 1件・確認結果不明（記録開始前） 1件）"
        in city_part
    )
    rows = list(csv.DictReader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    city = rows[0]
    assert (city["送信"], city["確認後に送信"], city["確認後に取りやめ"], city["確認されず失効"], city["停止"]) == (
        "1",
        "1",
        "1",
        "1",
        "1",
    )
    assert city["確認結果不明（記録開始前）"] == "1" and city["確認待ち"] == "0"
    # block reasons by the rule's Japanese name, in the text and the CSV
    assert "• 停止の理由（規則）: 選挙運動・政治的行為 1件" in city_part
    assert city["停止の理由: 選挙運動・政治的行為"] == "1"
    assert "election.campaign" not in done.stdout + csv_path.read_text(encoding="utf-8-sig")


def test_an_unknown_city_is_refused_by_its_option(tmp_path: Path) -> None:
    done = bot("digest", "--week", "2026-W47", "--city", "tokyo", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert done.returncode == 2
    assert "--city: 市「tokyo」のポリシーはありません。使える市: iwamizawa（岩見沢市）" in done.stderr
