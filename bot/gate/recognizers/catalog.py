"""Every Japanese recognizer the gate uses. Adding one is adding a class and a line here."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from bot.gate.recognizers.address import JapaneseAddressRecognizer
from bot.gate.recognizers.contact import JapaneseEmailRecognizer, JapanesePhoneRecognizer, SnsAccountRecognizer
from bot.gate.recognizers.credentials import (
    CredentialPhraseRecognizer,
    CredentialShapeRecognizer,
    SecretColumnRecognizer,
    SecretTokenRecognizer,
    WebhookUrlRecognizer,
)
from bot.gate.recognizers.dates import DateOfBirthRecognizer
from bot.gate.recognizers.identifiers import (
    BankAccountRecognizer,
    BasicPensionRecognizer,
    CorporateNumberRecognizer,
    DriverLicenseRecognizer,
    HealthInsuranceRecognizer,
    JapaneseCreditCardRecognizer,
    MyNumberRecognizer,
    PassportRecognizer,
    PostalCodeRecognizer,
    ResidenceCardRecognizer,
    ResidentCodeRecognizer,
)
from bot.gate.recognizers.person import JapanesePersonRecognizer


def all_recognizers(use_ner: bool = True) -> list[EntityRecognizer]:
    return [
        MyNumberRecognizer(),
        CorporateNumberRecognizer(),
        JapaneseCreditCardRecognizer(),
        PostalCodeRecognizer(),
        BankAccountRecognizer(),
        DriverLicenseRecognizer(),
        PassportRecognizer(),
        ResidenceCardRecognizer(),
        HealthInsuranceRecognizer(),
        BasicPensionRecognizer(),
        ResidentCodeRecognizer(),
        JapanesePhoneRecognizer(),
        JapaneseEmailRecognizer(),
        SnsAccountRecognizer(),
        DateOfBirthRecognizer(),
        CredentialShapeRecognizer(),
        CredentialPhraseRecognizer(),
        SecretTokenRecognizer(),
        SecretColumnRecognizer(),
        WebhookUrlRecognizer(),
        JapaneseAddressRecognizer(),
        JapanesePersonRecognizer(use_ner=use_ner),
    ]
