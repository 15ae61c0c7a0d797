"""`python -m bot <command>`: every command a person or a tool runs.

Each command lives in its own module exposing `register(subparsers)`; the module sets
`func` on its parser, which receives the parsed arguments and returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bot import __version__

# Order is the order in `--help`.
COMMAND_MODULES = [
    "bot.cli.chat",
    "bot.cli.serve",
    "bot.cli.doctor",
    "bot.cli.check",
    "bot.cli.check_file",
    "bot.cli.db",
    "bot.cli.digest",
    "bot.cli.rules",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="自治体生成AIゲート: 個人情報を匿名加工し、市のルールに沿って生成AIを使うためのボット",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="コマンド")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from bot.settings import load_dotenv_once

    load_dotenv_once()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    return int(args.func(args) or 0)
