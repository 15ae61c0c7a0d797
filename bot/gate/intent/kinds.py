"""The rule kinds that have a classifier, in the order the model card lists them.

my_number, personal_data and credential are found by recognizers, not by intent.
"""

KINDS = (
    "election",
    "individual_decision",
    "image_generation",
    "sensitive_personal",
    "confidential",
    "unpublished",
    "nda",
    "off_duty",
    "medical",
    "abuse",
    "condolence",
    "copyright",
)
