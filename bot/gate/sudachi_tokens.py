"""The tokens spaCy's Japanese tokenizer would put in a Doc, read straight from Sudachi.

Where no NER component runs (AIGATE_NER=off, and the re-checks around placeholders), a Doc is only read
for each token's text, tag, offset and lemma. Building it (and walking it again: every access creates a
Token object) cost about twice Sudachi's own tokenizing. These tokens are the Doc's, one for one:
`spacy.lang.ja.JapaneseTokenizer.__call__` (spaCy 3.8: `_get_dtokens`, then `get_dtokens_and_spaces`) is
followed step by step, and tests/gate/test_sudachi_tokens.py compares the two.
"""

from __future__ import annotations

from typing import Any

GAP_TAG = "空白"  # spaCy's tag for whitespace between words


class SudachiToken:
    """What a Token of that Doc says: text (= orth_), tag_, idx, lemma_, norm_, its index i, and its length."""

    __slots__ = ("i", "idx", "lemma_", "norm_", "tag_", "text")

    def __init__(self, text: str, tag: str, idx: int, lemma: str, norm: str, i: int) -> None:
        self.text = text
        self.tag_ = tag
        self.idx = idx
        self.lemma_ = lemma
        self.norm_ = norm
        self.i = i

    @property
    def orth_(self) -> str:
        return self.text

    def __len__(self) -> int:  # like spaCy's Token (Presidio's context enhancer measures tokens so)
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"SudachiToken({self.text!r}, {self.tag_!r}, {self.idx})"


class SudachiTokenizer:
    """Wraps a Sudachi tokenizer (the one inside spaCy's JapaneseTokenizer). Not thread-safe, like Sudachi's."""

    def __init__(self, sudachi: Any) -> None:
        self._sudachi = sudachi
        # part-of-speech id -> spaCy's tag (the first four fields without '*', joined by '-')
        self._tags: dict[int, str] = {}

    def _tag(self, morpheme: Any) -> str:
        pos_id = morpheme.part_of_speech_id()
        tag = self._tags.get(pos_id)
        if tag is None:
            tag = self._tags[pos_id] = "-".join(x for x in morpheme.part_of_speech()[:4] if x != "*")
        return tag

    def __call__(self, text: str) -> list[SudachiToken]:
        # _get_dtokens: morphemes with a surface, a run of whitespace morphemes kept as its first one.
        words: list[tuple[str, str, str, str]] = []  # surface, tag, lemma (dictionary form), norm
        previous_space = False
        for morpheme in self._sudachi.tokenize(text):
            surface = morpheme.surface()
            if not surface:
                continue
            tag = self._tag(morpheme)
            space = tag == GAP_TAG and surface.isspace()
            if space and previous_space:
                continue
            previous_space = space
            words.append((surface, tag, morpheme.dictionary_form(), morpheme.normalized_form()))
        return _align(words, text)


def _align(words: list[tuple[str, str, str, str]], text: str) -> list[SudachiToken]:
    """get_dtokens_and_spaces, then the Doc's offsets: whitespace words become gap tokens (or the trailing
    space of the word before, for a single ' '), and text between words that Sudachi dropped a gap token."""
    if "".join("".join(w[0] for w in words).split()) != "".join(text.split()):
        raise ValueError(f"Sudachi's words do not cover the text ({len(text)} characters)")
    if not words:
        return []
    if all(w[0].isspace() for w in words):
        return [SudachiToken(text, GAP_TAG, 0, text, text, 0)]
    tokens: list[SudachiToken] = []
    text_pos = 0
    idx = 0  # the Doc's offset: the words and their trailing spaces so far
    last = len(words) - 1
    for i, (surface, tag, lemma, norm) in enumerate(words):
        if surface.isspace():
            continue
        start = text.index(surface, text_pos)  # ValueError, like spaCy's, if it is not there
        if start > text_pos:
            gap = text[text_pos:start]
            tokens.append(SudachiToken(gap, GAP_TAG, idx, gap, gap, len(tokens)))
            idx += len(gap)
            text_pos = start
        tokens.append(SudachiToken(surface, tag, idx, lemma or surface, norm, len(tokens)))
        idx += len(surface)
        text_pos += len(surface)
        if i < last and words[i + 1][0] == " ":
            idx += 1
            text_pos += 1
    if text_pos < len(text):
        gap = text[text_pos:]
        tokens.append(SudachiToken(gap, GAP_TAG, idx, gap, gap, len(tokens)))
    return tokens
