"""A Run's events as OpenAI's HTTP response: one JSON completion, or server-sent chunks.

Nothing is written before the first checked piece of the answer or the notice that replaces it,
so a failure before the model answers (records down, gate failed) is still a proper HTTP error.
A block is an ordinary assistant message with `finish_reason: "content_filter"`; a confirm
preview and the 利用停止 message are ordinary answers, so chat UIs show them. The headers
`X-Aigate-Action` and `X-Aigate-Outcome` tell scripts which it was.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web

from bot.conversation.composer import compose_footer
from bot.conversation.pipeline import Outcome
from bot.platforms.gateway import completion, errors, render
from bot.platforms.gateway.errors import GatewayError, dumps
from bot.platforms.gateway.protocol import ChatRequest
from bot.platforms.gateway.service import Run
from bot.platforms.gateway.sink import Done, Event, Finished, Notice, Piece

log = logging.getLogger("aigate.gateway")

FINISH_BY_KIND = {"blocked": "content_filter", "confirm": "stop", "notice": "stop"}


def notice_problem(notice: Notice, outcome: Outcome, answering: bool) -> GatewayError | None:
    """The HTTP error a notice is (None: it is shown as an assistant message)."""
    if outcome is Outcome.UNAVAILABLE:
        return errors.unavailable(notice.text)
    if notice.kind == "error":
        return errors.upstream_failed(notice.text) if answering else errors.unavailable(notice.text)
    return None


def headers_for(run: Run, outcome: str) -> dict[str, str]:
    decision = run.sink.decision
    headers = {"X-Aigate-Outcome": outcome}
    if decision is not None:
        headers["X-Aigate-Action"] = str(decision.action)
    return headers


async def until_done(run: Run) -> Done:
    while True:
        event = await run.sink.events.get()
        if isinstance(event, Done):
            return event


async def answer_figures(run: Run) -> dict[str, int] | None:
    """OpenAI's `usage` once the model's token figures are known (None: the turn ended without them)."""
    figures = run.sink.figures
    if figures is None:
        return None
    if not figures.done():
        await asyncio.wait({figures, run.task}, return_when=asyncio.FIRST_COMPLETED)
    return completion.usage(*figures.result()) if figures.done() else None


async def respond_json(run: Run, chat: ChatRequest) -> web.Response:
    cid = completion.completion_id()
    answer = None
    notice: Notice | None = None
    while True:
        event = await run.sink.events.get()
        if isinstance(event, Finished):
            answer = event.answer
            break  # the answer's record is completed after the response; only its figures are awaited
        if isinstance(event, Notice):
            notice = notice or event
        elif isinstance(event, Done):
            outcome = event.outcome
            break
    if answer is not None:
        tokens = await answer_figures(run)
        headers = headers_for(run, "partial" if answer.partial else "answered")
        content = answer.text
        body_extra: dict[str, Any] = {}
        if run.key.footer:
            content += render.footer_text(answer.footer)
        else:
            headers["X-Aigate-Notice"] = render.footer_header(answer.footer)
            body_extra["aigate_notice"] = answer.footer.lines()
        body = completion.completion(cid, answer.model, content, "stop", tokens)
        return web.json_response({**body, **body_extra}, headers=headers, dumps=dumps)
    if notice is None:
        return errors.internal_error().response()
    problem = notice_problem(notice, outcome, run.sink.answering)
    if problem is not None:
        return problem.response()
    body = completion.completion(cid, chat.model, notice.text, FINISH_BY_KIND[notice.kind], None)
    return web.json_response(body, headers=headers_for(run, str(outcome)), dumps=dumps)


async def respond_stream(request: web.Request, run: Run, chat: ChatRequest) -> web.StreamResponse:
    cid = completion.completion_id()
    first: Event = await run.sink.events.get()
    if isinstance(first, Done):
        return errors.internal_error().response()
    if isinstance(first, Notice):
        done = await until_done(run)
        problem = notice_problem(first, done.outcome, run.sink.answering)
        if problem is not None:
            return problem.response()
        response = await _open(request, headers_for(run, str(done.outcome)))
        await response.write(completion.chunk(cid, chat.model, role=True, content=first.text))
        await response.write(completion.chunk(cid, chat.model, finish_reason=FINISH_BY_KIND[first.kind]))
        await response.write(completion.DONE)
        return response

    model = run.model
    headers = headers_for(run, "answering")
    if not run.key.footer and run.sink.decision is not None:
        # The footer is known only at the end; the header carries what is known now, the last chunk the rest.
        early = compose_footer(run.policy, run.sink.decision, model=model)
        headers["X-Aigate-Notice"] = render.footer_header(early)
    response = await _open(request, headers)
    try:
        await response.write(completion.chunk(cid, model, role=True, content=""))
        event = first
        while not isinstance(event, Done):
            if isinstance(event, Piece):
                await response.write(completion.chunk(cid, model, content=event.text))
            elif isinstance(event, Finished):
                await _finish(response, run, chat, cid, model, event)
                break  # the answer's record is completed after the response
            else:
                # The model failed after part of the answer was shown: OpenAI's in-stream error.
                await response.write(completion.sse(errors.upstream_failed(event.text).body()))
            event = await run.sink.events.get()
        await response.write(completion.DONE)
    except ConnectionResetError:
        # The client hung up while the answer streamed; the turn goes on and completes its record.
        log.info("gateway: the client (%s) hung up while the answer streamed", run.key.label)
    return response


async def _open(request: web.Request, headers: dict[str, str]) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-cache",
            **headers,
        }
    )
    await response.prepare(request)
    return response


async def _finish(
    response: web.StreamResponse, run: Run, chat: ChatRequest, cid: str, model: str, finished: Finished
) -> None:
    footer = finished.answer.footer
    if run.key.footer:
        await response.write(completion.chunk(cid, model, content=render.footer_text(footer)))
    extra = None if run.key.footer else {"aigate_notice": footer.lines()}
    await response.write(completion.chunk(cid, model, finish_reason="stop", extra=extra))
    if chat.include_usage:
        tokens = await answer_figures(run)
        if tokens is not None:
            await response.write(completion.chunk(cid, model, tokens=tokens, no_choice=True))
