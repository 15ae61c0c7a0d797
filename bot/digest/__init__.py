"""Weekly digest for 所属長 and admins: figures, Japanese text, PNG chart, CSV, sending, schedule."""

from bot.digest.figures import Figures, WeeklyFigures
from bot.digest.report import WeeklyDigest, build_weekly_digest
from bot.digest.scheduler import next_send_time, run_weekly_digest
from bot.digest.sender import DigestTransport, SendReport, send_weekly_digest
from bot.digest.week import IsoWeek, WeekError

__all__ = [
    "DigestTransport",
    "Figures",
    "IsoWeek",
    "SendReport",
    "WeekError",
    "WeeklyDigest",
    "WeeklyFigures",
    "build_weekly_digest",
    "next_send_time",
    "run_weekly_digest",
    "send_weekly_digest",
]
