"""The Japanese NLP engine for Presidio: GiNZA (`ja_ginza`), loaded once per process.

Presidio's SpacyNlpEngine loads the whole pipeline and would try to download a missing model; this
one loads only what PII detection uses (Sudachi tokenizer, tok2vec, NER — the dependency parser,
bunsetu recognizer, compound splitter and morphologizer change no entity) and never downloads.
"""

from __future__ import annotations

import logging
import threading
from enum import StrEnum

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from sudachipy import SplitMode

from bot.gate.recognizers import lexicon
from bot.gate.sudachi_tokens import SudachiTokenizer
from bot.gate.types import GateError

log = logging.getLogger(__name__)

MODEL_NAME = "ja_ginza"
UNUSED_COMPONENTS = ["parser", "bunsetu_recognizer", "compound_splitter", "morphologizer"]
NER_COMPONENTS = ["tok2vec", "ner"]

# GiNZA emits Sekine extended named-entity labels, not PERSON/LOCATION (presidio issue 839).
GINZA_LABEL_MAPPING = {
    "Person": "PERSON",
    "Province": "LOCATION",
    "City": "LOCATION",
    "Country": "LOCATION",
    "GPE_Other": "LOCATION",
    "Postal_Address": "LOCATION",
    "Phone_Number": "PHONE_NUMBER",
    "Email": "EMAIL_ADDRESS",
}


class NerMode(StrEnum):
    FULL = "full"  # tokenizer + GiNZA NER on every message
    OFF = "off"  # tokenizer (Sudachi tags) only: several times faster, names from tags and rules


def _share_sudachi_dictionary(nlp: spacy.language.Language) -> None:
    """spaCy's Japanese tokenizer opens its own Sudachi dictionary; the person rules look words up in one
    too (recognizers/lexicon.py). Rebuild the tokenizer on the lexicon's dictionary, with the same split
    mode, so that the process holds one (about 60 MB of resident memory less). The first one is released
    before the shared one is opened."""
    tokenizer = nlp.tokenizer
    if not hasattr(tokenizer, "tokenizer") or not hasattr(tokenizer, "split_mode"):
        return
    modes = {None: SplitMode.A, "A": SplitMode.A, "B": SplitMode.B, "C": SplitMode.C}
    mode = modes[tokenizer.split_mode]
    tokenizer.tokenizer = None
    tokenizer.tokenizer = lexicon.dictionary().create(mode=mode)


class JapaneseNlpEngine(SpacyNlpEngine):
    def __init__(self, ner_mode: NerMode = NerMode.FULL) -> None:
        super().__init__(
            models=[{"lang_code": "ja", "model_name": MODEL_NAME}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=GINZA_LABEL_MAPPING,
                labels_to_ignore=[],
            ),
        )
        self.ner_mode = ner_mode
        self._lock = threading.Lock()
        # Presidio turns every token into a "keyword" (a stop-word and punctuation test through spaCy's
        # vocabulary, which adds a lexeme for each new word) for its lemma context enhancer. That enhancer
        # acts only for recognizers that declare context words; ours read their context themselves. The
        # analyzer switches the keywords off when no registered recognizer declares any.
        self.keywords_needed = True
        self._sudachi_tokenizers: dict[str, SudachiTokenizer] = {}

    def load(self) -> None:
        try:
            nlp = spacy.load(MODEL_NAME, exclude=UNUSED_COMPONENTS)
        except OSError as exc:
            raise GateError(
                "日本語モデル ja_ginza が見つかりません。`python3 scripts/dev.py install` で導入してください。",
                detail=str(exc),
            ) from exc
        # Sub-tokens (split modes A/B) exist for the compound splitter, which is excluded above;
        # computing them anyway costs about a sixth of the tokenizer's time.
        if hasattr(nlp.tokenizer, "need_subtokens"):
            nlp.tokenizer.need_subtokens = False
        _share_sudachi_dictionary(nlp)
        if self.ner_mode is NerMode.OFF:
            for name in NER_COMPONENTS:
                if name in nlp.pipe_names:
                    nlp.disable_pipe(name)
        self.nlp = {"ja": nlp}
        log.info("loaded %s with %s", MODEL_NAME, nlp.pipe_names)

    def is_stopword(self, word: str, language: str) -> bool:
        # True drops every word from NlpArtifacts.keywords without touching the vocabulary.
        return True if not self.keywords_needed else super().is_stopword(word, language)

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        if not self.nlp[language].pipe_names:  # NER off: nothing runs after the tokenizer
            return self.tokenize_only(text, language)
        # spaCy pipelines are not documented as thread-safe; the gate runs one text at a time.
        with self._lock:
            return super().process_text(text, language)

    def tokenize_only(self, text: str, language: str = "ja") -> NlpArtifacts:
        """Sudachi tokens and tags without the NER components (cheap; for short re-checks).

        The tokens are those spaCy's Japanese tokenizer puts in a Doc, without the Doc (sudachi_tokens.py)."""
        with self._lock:
            tokenizer = self._sudachi_tokenizers.get(language)
            if tokenizer is None:
                tokenizer = SudachiTokenizer(self.nlp[language].tokenizer.tokenizer)
                self._sudachi_tokenizers[language] = tokenizer
            tokens = tokenizer(text)
        return NlpArtifacts(
            entities=[],
            tokens=tokens,  # type: ignore[arg-type]  # read like a Doc: iterated for text, tag_, idx
            tokens_indices=[t.idx for t in tokens],
            lemmas=[t.lemma_ for t in tokens],
            nlp_engine=self,
            language=language,
        )
