"""Slack: a slack-bolt AsyncApp in HTTP mode (`python -m bot serve`) or Socket Mode (`--socket`)."""
