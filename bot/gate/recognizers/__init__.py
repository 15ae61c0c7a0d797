"""Japanese recognizers, grouped by theme. The list the analyzer uses is `catalog.all_recognizers()`.

Nothing is re-exported here: `bot.gate.canonical` and the placeholders import `checksums` alone,
and must not load Presidio through this package.
"""
