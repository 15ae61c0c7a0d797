"""Connections: a whole answer gives its connection back for the next one; a cut one never does.

Reusing the connection saves every answer after the first a TCP and (in production) a TLS handshake;
it needs the body read to its end after the end marker ([DONE], message_stop). An answer cut by a
limit or a cancel must close its connection instead, or the next answer would read the rest of it.
"""

from __future__ import annotations

import asyncio

from adapters import ChatMessage, LLMTimeout, StreamLimits, TextDelta, collect
from tests.fakes.llm_server import Reply

ASK = [ChatMessage("user", "【氏名1】様への案内文を作ってください。")]
CHUNKS = ("ご案内", "いたします。", "よろしく", "お願いします。")


async def test_answers_in_a_row_share_one_connection(provider, fast_limits):
    server, adapter = provider
    # The end of the body comes a moment after the end marker, as it may over a network: the adapter
    # waits for it (a bounded wait) instead of dropping the connection.
    server.default = Reply(chunks=CHUNKS, end_delay=0.01)
    for _ in range(3):
        answer = await collect(adapter, ASK, limits=fast_limits)
        assert answer.end.complete
    connections = {request.connection for request in server.requests}
    assert len(server.requests) == 3 and len(connections) == 1, connections
    assert "" not in connections


async def test_parallel_answers_reuse_their_connections(provider, fast_limits):
    server, adapter = provider
    server.default = Reply(chunks=CHUNKS, chunk_delay=0.01)  # all four are open at once
    for _ in range(2):
        answers = await asyncio.gather(*(collect(adapter, ASK, limits=fast_limits) for _ in range(4)))
        assert all(answer.end.complete for answer in answers)
    first, second = ({r.connection for r in server.requests[i : i + 4]} for i in (0, 4))
    assert len(first) == 4 and second == first


async def test_an_answer_cut_by_a_limit_closes_its_connection(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, stall_after=1))
    cut = await collect(adapter, ASK, limits=fast_limits)
    assert isinstance(cut.end.error, LLMTimeout) and cut.end.partial

    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.text == server.default.answer and answer.end.complete
    assert server.requests[0].connection != server.requests[1].connection


async def test_a_cancelled_answer_closes_its_connection(provider, fast_limits):
    server, adapter = provider
    server.enqueue(Reply(chunks=CHUNKS, stall_after=2))
    stream = adapter.stream(ASK, limits=StreamLimits(first_token_s=5, idle_s=30, total_s=60))
    assert isinstance(await anext(stream), TextDelta)
    await stream.aclose()  # the employee cancelled

    answer = await collect(adapter, ASK, limits=fast_limits)
    assert answer.end.complete
    assert server.requests[0].connection != server.requests[1].connection
