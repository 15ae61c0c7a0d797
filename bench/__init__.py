"""Benchmarks of the gate (accuracy and speed). Scripts print numbers; nothing here is imported by the bot."""
