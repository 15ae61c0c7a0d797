"""The callback, block and action ids the Slack listeners match on, in one place."""

from __future__ import annotations

INCIDENT_CALLBACK_ID = "aigate_incident"
STOP_CALLBACK_ID = "aigate_stop"

# incident modal fields (block_id == action_id)
OCCURRED_AT = "occurred_at"
BACKGROUND = "background"
CAUSE = "cause"
OUTLOOK = "outlook"
NOTES = "notes"

# stop modal fields
STOP_TARGET = "stop_target"
STOP_REASON = "stop_reason"

# App Home buttons
HOME_STOP = "aigate_home_stop"
HOME_RESUME = "aigate_home_resume"
HOME_REFRESH = "aigate_home_refresh"
HOME_INCIDENT = "aigate_home_incident"
