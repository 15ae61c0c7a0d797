"""Block Kit for the admin surfaces, built by pure functions (data in, dicts out)."""
