"""Files attached to a message: read them, turn them into text, and put that text through the gate.

Platform-free. A platform hands over `AttachedFile`s whose `fetch` downloads the bytes (Slack:
`url_private_download` with the bot token); everything after the download is here:

    content = await read_attachment(attached, limits)      # FileUnreadable: a Japanese reason
    screened = await screen_files([content], gate=..., policy=..., book=..., limits=...)

The model only ever receives the gate's redacted text of what was extracted, never a file.
"""

from bot.files.limits import FileLimits
from bot.files.reading import read_attachment
from bot.files.screening import ScreenedFiles, screen_files
from bot.files.types import AttachedFile, FileContent, FileKind, FileUnreadable, TablePart, TextPart

__all__ = [
    "AttachedFile",
    "FileContent",
    "FileKind",
    "FileLimits",
    "FileUnreadable",
    "ScreenedFiles",
    "TablePart",
    "TextPart",
    "read_attachment",
    "screen_files",
]
