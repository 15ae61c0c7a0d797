#!/usr/bin/env python3
"""How long do attached files take: extraction, then the gate.  Prints numbers; asserts nothing.

    python bench/files_bench.py                     # 5,000-row CSV and 50-page PDF, default budget
    python bench/files_bench.py --rows 5000 --pages 50 --repeat 3 --whole

For each file (made here, like the tests make theirs: a Shift_JIS 名簿 CSV, and a PDF with a
Japanese text layer) it times, separately:
- extract: type check + parsing (charset detection and csv; pypdf text extraction),
- screen: rendering, personal-column masking and the gate over the part within the budget
  (AIGATE_FILE_MAX_CHARS, 12,000 by default), for 岩見沢 (mask and send) and 前橋 (block).
`--whole` also gates the whole file (budget = its full length) to show the cost of reading
everything, which the bot does not do. The gate is loaded once before timing (seconds, ~450 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.files.limits import FileLimits  # noqa: E402
from bot.files.reading import extract_bytes  # noqa: E402
from bot.files.screening import screen_files  # noqa: E402
from bot.gate import PlaceholderBook  # noqa: E402
from bot.gate.gate import load_gate  # noqa: E402
from bot.gate.types import Request  # noqa: E402
from tests.files import samples  # noqa: E402


def make_pdf(pages: int) -> bytes:
    body = [
        f"令和7年度 市民課 窓口業務改善報告 第{{page}}章 第{line}節 "
        "来庁者の待ち時間を短縮するため、受付番号の案内表示を改めた。"
        for line in range(1, 41)
    ]
    return samples.pdf_bytes([[line.format(page=p) for line in body] for p in range(1, pages + 1)])


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


async def screen(gate, content, city: str, max_chars: int):
    return await screen_files(
        [content],
        gate=gate,
        policy=gate.policies.get(city),
        book=PlaceholderBook(),
        max_chars=max_chars,
        request=Request(text="", city=city, platform="bench"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--whole", action="store_true", help="also gate the whole file (not what the bot does)")
    args = parser.parse_args()
    budget = FileLimits.from_env().max_chars

    started = time.perf_counter()
    gate = load_gate()
    print(
        f"gate loaded in {time.perf_counter() - started:.1f} s; budget {budget:,} characters; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )

    files = {
        f"名簿 CSV（Shift_JIS, {args.rows:,} rows）": ("名簿.csv", samples.csv_bytes(samples.roster_rows(args.rows))),
        f"報告 PDF（{args.pages} pages, text layer）": ("報告.pdf", make_pdf(args.pages)),
    }
    loop = asyncio.new_event_loop()
    asyncio.run(_warm(gate))
    for label, (name, data) in files.items():
        extract_s, content = timed(lambda name=name, data=data: extract_bytes(name, data), args.repeat)
        total_chars = sum(
            len(getattr(p, "text", "")) or sum(len("\t".join(r)) + 1 for r in p.rows) for p in content.parts
        )
        print(f"\n{label}: {len(data) / 1024:,.0f} KB, about {total_chars:,} characters of text")
        print(f"  extract                    {extract_s * 1000:8.0f} ms")
        runs = [("iwamizawa", budget), ("maebashi", budget)]
        screen_s: dict[tuple[str, int], float] = {}
        if args.whole:
            runs.append(("iwamizawa", total_chars + 10_000))
        for city, max_chars in runs:
            seconds, screened = timed(
                lambda city=city, max_chars=max_chars, content=content: loop.run_until_complete(
                    screen(gate, content, city, max_chars)
                ),
                args.repeat,
            )
            screen_s[(city, max_chars)] = seconds
            what = "whole file" if max_chars > budget else f"{budget:,}-char budget"
            found = "、".join(f"{k} {v:,}" for k, v in sorted(screened.found_counts.items())) or "none"
            print(
                f"  screen {city:<10} {what:<18} {seconds * 1000:8.0f} ms  -> {screened.action}; "
                f"used {screened.audit[0]['used_chars']:,} chars; found: {found}"
            )
        total_ms = (extract_s + screen_s[("iwamizawa", budget)]) * 1000
        print(f"  extract + screen (岩見沢, within the budget) {total_ms:8.0f} ms")
    loop.close()
    gate.close()


async def _warm(gate) -> None:
    await gate.acheck(Request(text="山田太郎さんの電話番号は090-1234-5678です。", city="iwamizawa"))


if __name__ == "__main__":
    main()
