"""Properties over many inputs: the offline preview loses nothing."""

from __future__ import annotations

import asyncio

from hypothesis import given
from hypothesis import strategies as st

from adapters import ChatMessage, StreamLimits, collect
from adapters.offline import PREVIEW_HEADER, OfflineAdapter, preview_section

messages = st.lists(
    st.builds(ChatMessage, st.sampled_from(["system", "user", "assistant"]), st.text(max_size=40)), max_size=5
)


@given(messages)
def test_offline_preview_holds_every_message_verbatim_in_order(msgs):
    answer = asyncio.run(collect(OfflineAdapter(), msgs, limits=StreamLimits()))
    assert answer.text == "\n\n".join([PREVIEW_HEADER, *(preview_section(m) for m in msgs)])
    position = 0
    for m in msgs:
        position = answer.text.index(m.content, position)
