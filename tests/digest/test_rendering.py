"""What a 所属長 reads: Japanese text with last week's figures, a PNG chart, a CSV Excel can open."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest

from bot.digest import IsoWeek, build_weekly_digest
from bot.digest import chart as chart_module
from bot.digest.chart import render_digest_chart
from bot.digest.csv_export import BASE_HEADERS, write_digest_csv
from bot.digest.figures import Figures
from bot.digest.month import Month
from bot.digest.render_text import render_digest_text
from bot.storage import Database
from tests.digest.seed import seed_fortnight

W47 = IsoWeek(2026, 47)


async def test_department_text(db: Database) -> None:
    await seed_fortnight(db)
    digest = await build_weekly_digest(db, W47)
    text = render_digest_text("総務課", W47, *digest.department("総務課"))
    assert text.startswith("*生成AIゲート 週次利用状況 — 総務課*\n2026年第47週（11月16日〜11月22日）")
    assert "• 依頼件数: 5件（前週 1、+4）" in text
    assert "• 利用した職員: 3人（前週 1、+2）　未利用: 0人（名簿 3人）" in text
    assert "送信 3件（前週 1、+2）・確認後に送信 1件（前週 0、+1）・停止 1件（前週 0、+1）" in text
    assert "• 確認を求めたもの: 1件（送信 1件・取りやめ 0件・未回答のまま失効 0件）" in text
    assert "• 停止の理由（規則）: election 1件" in text
    assert "• 用途: 文章作成 2件、アイデア 1件、校正 1件、要約 1件" in text
    assert "• 評価: 👍 1件 / 👎 1件（前週 👍 0 / 👎 0）" in text
    assert "• 削減できた時間（職員の申告）: 30分（前週 0分）" in text
    assert "• 応答時間: 中央値 0.7秒 / 95% 2.0秒（前週 1.5秒 / 1.5秒）" in text


def test_a_quiet_week_says_so() -> None:
    text = render_digest_text("財政課", W47, Figures(staff={"U6"}), Figures())
    assert "この期間の利用はありませんでした。" in text
    assert "未利用: 1人（名簿 1人）" in text
    assert "応答時間: 中央値 — / 95% —" in text


async def test_csv_opens_in_excel(db: Database, tmp_path: Path) -> None:
    await seed_fortnight(db)
    digest = await build_weekly_digest(db, W47)
    path = tmp_path / "digest.csv"
    write_digest_csv(path, digest.current, digest.previous)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert list(rows[0])[: len(BASE_HEADERS)] == BASE_HEADERS
    city = rows[0]
    assert (city["所属"], city["依頼件数"], city["前の期間の依頼件数"], city["停止"]) == ("（全体）", "8", "2", "2")
    soumu = next(r for r in rows if r["所属"] == "総務課")
    # one numeric column per use, per rule and per kind of masked data: Excel can sum and pivot them
    uses = {k.removeprefix("用途: "): v for k, v in soumu.items() if k.startswith("用途: ")}
    assert list(uses)[:9] == [
        "要約",
        "翻訳",
        "文章作成",
        "校正",
        "整理",
        "アイデア",
        "Excel/マクロ",
        "手続確認",
        "その他",
    ]
    assert {k: v for k, v in uses.items() if v != "0"} == {"文章作成": "2", "アイデア": "1", "校正": "1", "要約": "1"}
    assert (soumu["匿名加工: 氏名"], soumu["匿名加工: 電話番号"], soumu["匿名加工: 住所"]) == ("3", "1", "0")
    assert (soumu["停止の理由: election"], city["停止の理由: credential"]) == ("1", "1")
    assert soumu["応答時間 95%（ミリ秒）"] == "2000"
    assert len(rows) == 5  # the city and four 所属


async def test_a_month_for_the_budget_report(db: Database, tmp_path: Path) -> None:
    await seed_fortnight(db)
    november = Month(2026, 11)
    digest = await build_weekly_digest(db, november)
    assert digest.current.city.requests == 11  # every seeded request falls in November (JST)
    assert digest.previous.week == Month(2026, 10) and digest.previous.city.requests == 0
    text = render_digest_text("市全体", november, *digest.city())
    assert text.startswith("*生成AIゲート 月次利用状況 — 市全体*\n2026年11月")
    assert "• 依頼件数: 11件（前月 0、+11）" in text
    path = tmp_path / "2026-11.csv"
    write_digest_csv(path, digest.current, digest.previous)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert (rows[0]["期間"], rows[0]["依頼件数"]) == ("2026-11", "11")


@pytest.mark.parametrize("with_japanese_font", [True, False])
async def test_chart_is_a_png(db: Database, monkeypatch: pytest.MonkeyPatch, with_japanese_font: bool) -> None:
    await seed_fortnight(db)
    digest = await build_weekly_digest(db, W47)
    if not with_japanese_font:
        monkeypatch.setattr(chart_module, "japanese_font", lambda: None)
    png = render_digest_chart("総務課", *digest.department("総務課"), W47)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5000


async def test_the_chart_is_drawn_in_the_shipped_japanese_font(db: Database) -> None:
    """No font on the machine is needed: the install ships IPAexGothic and every glyph is drawn with it."""
    await seed_fortnight(db)
    digest = await build_weekly_digest(db, W47)
    assert chart_module.japanese_font() == "IPAexGothic"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_digest_chart("総務課", *digest.department("総務課"), W47)
    assert png.startswith(b"\x89PNG") and not [w for w in caught if "missing from font" in str(w.message)]
    assert chart_module.chart_title("総務課", W47) == (
        "生成AIゲート 週次利用状況 — 総務課\n2026年第47週（11月16日〜11月22日）"
    )
