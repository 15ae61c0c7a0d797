"""Evaluate a city's rules over a prompt: keyword groups, proximity, exceptions and findings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.gate.canonical import canonical_text
from bot.gate.intent.model import IntentModel
from bot.gate.policy import Match, Policy, Rule
from bot.gate.types import Action, Finding, Violation

CREDENTIAL_TYPES = frozenset({"CREDENTIAL"})
PERSON_TYPES = frozenset({"PERSON"})
PERSON_MARK = "【氏名】"
_SENTENCE_END = re.compile(r"[。．！？!?\n]|\.(?=\s|$)")  # an English full stop only before a space: not 3.5


def _sentence_end(text: str, at: int) -> int:
    """Where a sentence's 【氏名】 mark goes: before its full stop or line end, after its ？ or ！ (a rule may end in
    [？?]: 認定でいいですか？)."""
    match = _SENTENCE_END.search(text, at)
    if not match:
        return len(text)
    return match.end() if match.group() in "！？!?" else match.start()


def rule_view(text: str, findings: Sequence[Finding], canonical: str | None = None) -> str:
    """The text the YAML rules read: the canonical reading, with 【氏名】 at the end of each sentence that
    has a masked name in it.

    The name itself stays (a rule may name an author), the mark only tells a rule about "a person"
    (要配慮個人情報, a マイナンバー tied to someone) that the recognizers found one in that sentence.
    """
    people = {(f.start, f.end) for f in findings if f.masked and f.entity_type in PERSON_TYPES}
    if not people:
        return canonical if canonical is not None else canonical_text(text)
    # At the end of the name's sentence: a mark inside the text could split a word (市長査定|前の).
    marks = sorted({_sentence_end(text, end) for _, end in people})  # one mark per sentence
    parts: list[str] = []
    last = 0
    for at in marks:
        parts += [text[last:at], PERSON_MARK]
        last = at
    parts.append(text[last:])
    return canonical_text("".join(parts))


# A second request after a harmless one (「…の案内を作って。あと、今ロビーで子どもがけいれんしてる…」): it is read on
# its own as well, so that the first request's words (講座, 研修, 案内 …) cannot stand as an exception for it.
_LATER_REQUEST = re.compile(
    r"(?:^|(?<=[。．！？!?.\n]))[ \t\u3000]*(?:あと(?!で|から|は|の|少し|ちょっと|[0-9一二三])|それと|それから|ついでに"
    r"|加えて|もう一つ|もうひとつ|追加で|(?:また|あと|それと)?[、,]?別件(?:で|です|ですが|なのですが)"
    r"|(?i:also|and also|additionally|one more thing)\b)"
)


def later_requests(text: str) -> list[str]:
    """The text from each marker of a further request to the end (the whole text is read anyway)."""
    return [text[m.start() :].lstrip(" \t\u3000") for m in _LATER_REQUEST.finditer(text) if m.start() > 0]


# A list of tasks (「1. 案内文 / 2. 避難所のイラストを生成 / 3. 部数の計算」): each item is also read on its own, with
# the lines before the list and after it, so that one item's words (説明文, 公表済み, 研修) cannot stand as an
# exception for another item, and a rule that needs two things near each other finds them in one item.
_LIST_ITEM = re.compile(
    r"^[ \t\u3000]*(?:[・\-*•●○◦■□◆◇▪▶>]|\d{1,2}[.)．、）]|[(（]\d{1,2}[)）]|[①-⑳]|[a-zA-Z][.)](?=[ \t]))"
)


# ... but not a list that is material about the rules (a quiz, a checklist, examples sorted into good and bad):
# there every item names what must not be done, and the lines around the list say why.
_LIST_ABOUT_RULES = re.compile(
    r"テスト|クイズ|問題|正解|チェックリスト|[○〇]×|分類|仕分け|(?:よい|良い|いい|だめ|ダメ|NG|OK)(?:例|もの)"
    r"|入力して(?:は)?(?:よい|いい|いけない|ならない)|→\s*(?:よい|だめ|ダメ|OK|NG|[○〇×])"
)


def list_items(text: str) -> list[str]:
    """Each item of a list of two or more items, between the lines before the list and the lines after it."""
    if _LIST_ABOUT_RULES.search(text):
        return []
    lines = text.split("\n")
    marked = [i for i, line in enumerate(lines) if _LIST_ITEM.match(line) and line.strip(" \t\u3000-*>")]
    if len(marked) < 2:
        return []
    items: list[str] = []
    for k, start in enumerate(marked):
        end = start + 1  # an item runs on over indented lines that carry no marker of their own
        limit = marked[k + 1] if k + 1 < len(marked) else len(lines)
        while end < limit and lines[end][:1] in (" ", "\t", "\u3000") and lines[end].strip():
            end += 1
        items.append("\n".join(lines[start:end]))
    head = "\n".join(lines[: marked[0]])
    last = marked[-1]
    tail_from = last + 1
    while tail_from < len(lines) and lines[tail_from][:1] in (" ", "\t", "\u3000") and lines[tail_from].strip():
        tail_from += 1
    tail = "\n".join(lines[tail_from:])
    return ["\n".join(part for part in (head, item, tail) if part) for item in items]


def match_applies(match: Match, text: str, findings: Sequence[Finding]) -> bool:
    if match.entities and not any(f.entity_type in match.entities and f.score >= match.min_score for f in findings):
        return False
    if match.compiled_all:
        # Most rules stop here, before any position is listed.
        if not all(group.found(text) for group in match.compiled_all):
            return False
        # Where each group matches matters only for `near` between two groups or more: listing every match of a
        # whole alternation costs more than finding one, so it is done only then.
        if match.near and len(match.compiled_all) > 1:
            positions = [group.starts(text) for group in match.compiled_all]
            if not any(
                all(any(abs(other - anchor) <= match.near for other in group) for group in positions[1:])
                for anchor in positions[0]
            ):
                return False
    return not (match.compiled_none is not None and match.compiled_none.found(text))


def violated_rules(
    policy: Policy, text: str, findings: Sequence[Finding], rules: Sequence[Rule] | None = None
) -> list[Violation]:
    """The city's content rules (or the given few of them) that the (width-normalised) prompt breaks."""
    candidates = policy.resolved_rules if rules is None else rules
    return [_violation(rule) for rule in candidates if match_applies(rule.match, text, findings)]


def rules_to_reread(policy: Policy, text: str, findings: Sequence[Finding], broken: Sequence[Violation]) -> list[Rule]:
    """The rules a part of the text (a later request, a list item) could still break: not broken by the whole
    text, yet every keyword group is found in it. A part's words are the whole text's words, so a rule missing a
    group in the whole text cannot apply to a part; what a part can change is an exception or a distance."""
    seen = {v.rule_id for v in broken}
    return [
        rule
        for rule in policy.resolved_rules
        if rule.id not in seen
        and rule.match.compiled_all
        and all(group.found(text) for group in rule.match.compiled_all)
        and not (rule.match.entities and not any(f.entity_type in rule.match.entities for f in findings))
    ]


def data_handling_violations(policy: Policy, findings: Sequence[Finding]) -> list[Violation]:
    """What the city says about masked personal data and credentials (allow means: send redacted)."""
    masked = [f for f in findings if f.masked]
    out: list[Violation] = []
    if any(f.entity_type not in CREDENTIAL_TYPES for f in masked) and policy.personal_data.action is not Action.ALLOW:
        h = policy.personal_data
        out.append(Violation("personal_data", h.action, h.article, h.message))
    if any(f.entity_type in CREDENTIAL_TYPES for f in masked) and policy.credentials.action is not Action.ALLOW:
        h = policy.credentials
        out.append(Violation("credentials", h.action, h.article, h.message))
    return out


def _violation(rule: Rule) -> Violation:
    return Violation(rule.id, rule.action, rule.article, rule.message)


# What a grey-zone question calls each kind (the employee reads it).
KIND_JA = {
    "election": "選挙運動・政治的行為",
    "individual_decision": "特定の人についての判断（受給・選考・合否・落札など）",
    "image_generation": "画像・動画・音楽などの生成",
    "sensitive_personal": "特定の人の要配慮個人情報（病歴・障害・犯罪歴・被害など）",
    "confidential": "機密情報",
    "unpublished": "未公表・公表前の情報",
    "nda": "秘密保持契約などで守秘義務のある情報",
    "off_duty": "業務外の利用",
    "medical": "命に関わる医療・救急の判断",
    "abuse": "攻撃・なりすまし・嫌がらせ",
    "condolence": "追悼文・弔辞",
    "copyright": "既存の著作物・作家名・作品名の利用",
    "my_number": "特定の人のマイナンバー（特定個人情報）",
}


# my_number's classifier stands for a person's number handled without its digits (looked up, told, copied from a
# card). Where a long number is written out, the recognizers and the rules that read it decide (its check digit, the
# word before it: a 受付番号, a card number, a form's example 1111 1111 1111), not a classifier that learnt digits.
_READ_WITHOUT_NUMBERS = frozenset({"my_number"})
_LONG_NUMBER = re.compile(r"[0-9](?:[\s\-‐‑–—―－ー・.,]?[0-9]){7,}")


def _rule_for_kind(policy: Policy, kind: str) -> Rule | None:
    """The city's rule a classifier of `kind` stands for: of several (my_number: the number itself, a list, a number
    beside a name, a number tied to a person), the one with written exceptions, whose article and message speak of
    the request rather than of a number in the text."""
    rules = [r for r in policy.resolved_rules if r.kind == kind]
    return next((r for r in rules if r.match.none_of), rules[0] if rules else None)


def classifier_rule(policy: Policy, kind: str, text: str) -> Rule | None:
    """The city's rule a classifier hit of `kind` on `text` would be cited with, or None where the classifier may not
    stop the text: the city has no rule of that kind, the rule's written exceptions (一般論, 研修資料, a brief to a
    designer …) bind both layers, or (my_number) a long number is written out and the recognizers decide."""
    rule = _rule_for_kind(policy, kind)
    if rule is None:
        return None
    if kind in _READ_WITHOUT_NUMBERS and _LONG_NUMBER.search(text):
        return None
    if rule.match.compiled_none is not None and rule.match.compiled_none.found(text):
        return None
    return rule


# The learned layer's second opinion on a YAML hit. A pattern fires on words (警察から照会, 取扱注意, 迷惑行為, 演説会);
# where the classifier of the rule's kind gives the whole prompt less than RULE_VETO_FLOOR, the words were about
# something else (a procedure, a manual, a rule explained) and the hit is dropped. Chosen on the first runs of
# held-out sets 122–131 (bench/data/first_runs.jsonl; `bench/rule_veto.py` prints the table). Not for my_number (a
# number's check digit and the word before it decide), unpublished (as many lost as saved), copyright (lost its
# only case) or abuse (one prompt saved, and a fraud script of round 80 scored 0.047); nor for a short prompt
# (ロゴ作って！, 今晩の献立, under 30 Japanese characters) or one mostly in English, which the classifiers read poorly
# (spent sets 23, 33 and 120 and four sentences of the rounds' tests lost such prompts to it).
RULE_VETO_FLOOR = 0.05
RULE_VETO_MIN_JAPANESE = 30
_JAPANESE_CHAR = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
RULE_VETO_KINDS = frozenset(
    {
        "election",
        "individual_decision",
        "image_generation",
        "sensitive_personal",
        "confidential",
        "nda",
        "off_duty",
        "medical",
        "condolence",
    }
)


def vetoed_rule_hits(
    policy: Policy,
    rule_hits: Sequence[Violation],
    text: str,
    scores: Mapping[str, float],
    floor: float = RULE_VETO_FLOOR,
    kinds: frozenset[str] = RULE_VETO_KINDS,
    head_scores: Mapping[str, float] | None = None,
) -> list[Violation]:
    """The YAML hits on `text` whose kind the learned layer scores below `floor` (those the gate drops).

    `head_scores` are the scores of the prompt's first line where material is pasted under it (この台本から研修動画を
    作って / （台本）…): the pasted lines dilute the request, so a hit stands if either reading reaches the floor."""
    japanese = len(_JAPANESE_CHAR.findall(text))
    if japanese < RULE_VETO_MIN_JAPANESE or japanese < len(_LATIN_LETTER.findall(text)):
        return []
    kind_of = {rule.id: rule.kind for rule in policy.resolved_rules}
    return [
        v
        for v in rule_hits
        if v.recognizer == "rule"
        and kind_of.get(v.rule_id) in kinds
        and scores.get(kind_of[v.rule_id], 1.0) < floor
        and (head_scores is None or head_scores.get(kind_of[v.rule_id], 1.0) < floor)
    ]


def first_line(text: str) -> str | None:
    """The first non-empty line of a prompt with more lines under it, or None for a one-line prompt."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if len(lines) > 1 else None


def classifier_violations(
    policy: Policy,
    text: str,
    model: IntentModel,
    rule_hits: Sequence[Violation],
    scores: Mapping[str, float] | None = None,
) -> list[Violation]:
    """The learned layer: a kind the YAML patterns missed, cited with the city's own rule for that kind.

    At or above the block threshold the city's action applies (e.g. image generation blocks only where a
    rule of that kind exists, in 前橋); between the confirm and block thresholds the employee is asked.
    `scores` are the model's scores of `text` where the caller has them already.
    """
    by_id = {rule.id: rule for rule in policy.resolved_rules}
    covered = {by_id[v.rule_id].kind for v in rule_hits if v.rule_id in by_id}
    scores = model.scores(text) if scores is None else scores
    out: list[Violation] = []
    for kind in model.kinds:
        score, limits = scores[kind], model.thresholds[kind]
        if kind in covered or score < min(limits.confirm, limits.block):
            continue
        rule = classifier_rule(policy, kind, text)
        if rule is None:
            continue
        if score >= limits.block:
            out.append(Violation(rule.id, rule.action, rule.article, rule.message, "classifier", score))
        elif score >= limits.confirm:
            question = (
                f"この依頼は「{KIND_JA.get(kind, kind)}」に当たるかもしれません。{rule.message}"
                "当たらない場合は、内容を確かめたうえで送信してください。"
            )
            action = Action.CONFIRM if rule.action.severity >= Action.CONFIRM.severity else rule.action
            out.append(Violation(rule.id, action, rule.article, question, "classifier", score))
    return out
