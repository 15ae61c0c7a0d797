"""The baseline the gate is compared with: Presidio's AnalyzerEngine on ja_ginza, default recognizers only.

Only GiNZA's entity labels are mapped to Presidio's names (without the mapping plain Presidio finds no Japanese
names at all: presidio issue 839, ginza issue 235).  Nothing Japanese-specific is added.
"""

from __future__ import annotations

from typing import Any

# GiNZA (Sekine extended named entities) label -> Presidio entity type.
GINZA_TO_PRESIDIO: dict[str, str] = {
    "Person": "PERSON",
    "Province": "LOCATION",
    "City": "LOCATION",
    "County": "LOCATION",
    "GPE_Other": "LOCATION",
    "Country": "LOCATION",
    "Postal_Address": "LOCATION",
    "Phone_Number": "PHONE_NUMBER",
    "Email": "EMAIL_ADDRESS",
}


def use_bundled_suffix_list() -> None:
    """tldextract (Presidio's e-mail recognizer) would fetch the public suffix list on first use; use its snapshot."""
    import tldextract
    import tldextract.tldextract

    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())


def build_plain_analyzer() -> Any:
    from presidio_analyzer import AnalyzerEngine

    use_bundled_suffix_list()
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    configuration = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "ja", "model_name": "ja_ginza"}],
        "ner_model_configuration": {"model_to_presidio_entity_mapping": GINZA_TO_PRESIDIO},
    }
    nlp_engine = NlpEngineProvider(nlp_configuration=configuration).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["ja"])


def analyze(analyzer: Any, text: str) -> list[Any]:
    return analyzer.analyze(text=text, language="ja")
