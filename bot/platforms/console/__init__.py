"""The local console: the same pipeline in a terminal, for newcomers and for tests (stdin may be piped)."""
