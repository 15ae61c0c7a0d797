"""自治体生成AIゲート: redact, check the city's rules, decide, and only then talk to a model."""

__version__ = "0.1.0"
