"""The OpenAI-compatible gateway and the Dify moderation extension (docs/gateway.md).

Tools a city already runs — Dify apps, Open WebUI, LiteLLM, scripts and Excel macros that speak
the OpenAI API — send their requests to `/v1/chat/completions` with a key from the file named by
AIGATE_GATEWAY_KEYS. Every message goes through the same gate, records, 利用停止 and output check
as a Slack turn (`bot.conversation.ConversationPipeline`), with one placeholder book per request.
"""
