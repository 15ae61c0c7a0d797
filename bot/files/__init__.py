"""Files attached to a message: read them, turn them into text, and put that text through the gate.

Platform-free. A platform hands over `AttachedFile`s whose `fetch` downloads the bytes (Slack:
`url_private_download` with the bot token); everything after the download is here:

    content = await read_attachment(attached, limits)      # bot.files.reading; FileUnreadable: a Japanese reason
    screened = await screen_files([content], gate=..., policy=..., book=..., limits=...)  # bot.files.screening

The model only ever receives the gate's redacted text of what was extracted, never a file.

This package re-exports only light types: `import bot.config` reaches `bot.files.limits`, and must
not pull in the extractors (pypdf, openpyxl, docx) or the gate (Presidio, spaCy) behind it.
"""

from bot.files.limits import FileLimits
from bot.files.types import AttachedFile, FileContent, FileKind, FileUnreadable, TablePart, TextPart

__all__ = [
    "AttachedFile",
    "FileContent",
    "FileKind",
    "FileLimits",
    "FileUnreadable",
    "TablePart",
    "TextPart",
]
