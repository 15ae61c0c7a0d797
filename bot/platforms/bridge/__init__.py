"""The webhook bridge: the same gate and answers for chats without Slack's API (docs/bridge.md).

A relay between the city's chat (LoGoチャット, Mattermost, Teams-style webhooks) and this bot
POSTs each message as signed JSON to `/bridge/v1/messages`; the reply comes at once with the
gate's decision, and the finished answer is POSTed back to the relay's callback URL (and can be
fetched). Every message goes through `bot.conversation.ConversationPipeline`, like Slack's.
"""
