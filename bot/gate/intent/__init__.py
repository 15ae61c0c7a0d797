"""The learned layer beside the YAML rules: one linear text classifier per rule kind.

`features` turns a prompt into character n-grams and Sudachi lemma n-grams (shared by training and run time),
`model` scores a prompt with the exported artifact (numpy and SudachiPy only, no pickle), `train` rebuilds the
artifact from the corpus (scikit-learn, only for `python -m bot rules train`). See docs/intent-model.md.
"""

from bot.gate.intent.model import ARTIFACT_PATH, IntentModel, IntentModelError, load_intent_model

__all__ = ["ARTIFACT_PATH", "IntentModel", "IntentModelError", "load_intent_model"]
