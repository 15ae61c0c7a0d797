"""Start-up freezes the objects it loaded, so a full collection does not walk the models on every request's time."""

from __future__ import annotations

import gc

from bot.startup import freeze_start_up_objects


def test_freezing_moves_what_is_loaded_to_the_permanent_generation() -> None:
    loaded = [{"token": i} for i in range(1000)]  # stands for what start-up loads
    try:
        freeze_start_up_objects()
        assert gc.get_freeze_count() >= len(loaded)
    finally:
        gc.unfreeze()
