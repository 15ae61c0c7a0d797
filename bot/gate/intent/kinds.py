"""The rule kinds that have a classifier, in the order the model card lists them.

personal_data and credential are found by recognizers, not by intent. A マイナンバー written out is found by a
recognizer too; my_number has a classifier for a person's number handled without its digits (looked up, told, copied).
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
    "my_number",
)
