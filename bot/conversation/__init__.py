"""The conversation pipeline every platform shares: Slack, the webhook bridge and the console.

    Turn → suspension check → gate (the new text and every earlier message of the thread)
         → allow: model stream → output check → composed answer → audit record
         → confirm: masked preview, sent only when the asker confirms
         → block: why, with the rule and the article, to the asker only

Platforms give a `Turn` and a `ReplySink`; nothing here knows about Slack. The pipeline itself is
`bot.conversation.pipeline.ConversationPipeline`; this package re-exports only light types, so that
importing a `Turn` does not load the gate and the file extractors behind the pipeline.
"""

from bot.conversation.turn import EarlierMessage, Turn

__all__ = ["EarlierMessage", "Turn"]
