"""The labelled prompt corpus (bench/data/prompts.jsonl): loading, validation and the expected-action matrix.

The matrix is the product's decision, shared with the policy YAML written by the gate engineer: for each kind of
prompt, what each city's gate should do. When a prompt has two problems the stricter action wins
(block > confirm > allow), so a prompt may list the other kinds it also belongs to in `also`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

CITIES: tuple[str, ...] = ("iwamizawa", "niiza", "nagareyama", "maebashi", "matsudo")
ACTIONS: tuple[str, ...] = ("allow", "confirm", "block")
SEVERITY: dict[str, int] = {"allow": 0, "confirm": 1, "block": 2}

PROMPTS_PATH = Path(__file__).resolve().parent / "data" / "prompts.jsonl"


def _row(iwamizawa: str, niiza: str, nagareyama: str, maebashi: str, matsudo: str) -> dict[str, str]:
    return dict(zip(CITIES, (iwamizawa, niiza, nagareyama, maebashi, matsudo), strict=True))


def _same(action: str) -> dict[str, str]:
    return dict.fromkeys(CITIES, action)


# kind -> city -> expected action.  Keep in step with bench/data/README.md and policies/*.yaml.
MATRIX: dict[str, dict[str, str]] = {
    "harmless": _same("allow"),
    "election": _same("block"),
    "individual_decision": _same("block"),
    "image_generation": _row("allow", "allow", "allow", "block", "allow"),
    "my_number": _same("block"),
    "sensitive_personal": _same("block"),
    "personal_data": _row("allow", "confirm", "confirm", "confirm", "confirm"),
    "credential": _same("confirm"),
    "confidential": _same("block"),
    "unpublished": _same("block"),
    "nda": _same("block"),
    "off_duty": _row("confirm", "confirm", "confirm", "block", "confirm"),
    "condolence": _row("allow", "allow", "confirm", "allow", "allow"),
    "copyright": _row("allow", "allow", "block", "allow", "allow"),
    "medical": _row("block", "confirm", "confirm", "confirm", "block"),
    "abuse": _same("block"),
}


def stricter(a: str, b: str) -> str:
    return a if SEVERITY[a] >= SEVERITY[b] else b


def expected_actions(kind: str, also: list[str] | tuple[str, ...] = (), cities: tuple[str, ...] = CITIES) -> dict:
    """Expected action per city for a prompt of `kind` that also has the problems in `also`."""
    expected = {}
    for city in cities:
        action = MATRIX[kind][city]
        for other in also:
            action = stricter(action, MATRIX[other][city])
        expected[city] = action
    return expected


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    kind: str
    expect: dict[str, str]
    also: tuple[str, ...] = field(default=())
    city: str | None = None


class CorpusError(ValueError):
    """A line of prompts.jsonl breaks the schema or disagrees with the matrix."""


def parse_prompt(obj: dict, where: str = "") -> Prompt:
    for key in ("id", "text", "kind", "expect"):
        if key not in obj:
            raise CorpusError(f"{where}: missing {key!r}")
    kind = obj["kind"]
    if kind not in MATRIX:
        raise CorpusError(f"{where}: unknown kind {kind!r}")
    also = tuple(obj.get("also", ()))
    for other in also:
        if other not in MATRIX or other == "harmless":
            raise CorpusError(f"{where}: unknown kind in also: {other!r}")
    city = obj.get("city")
    if city is not None and city not in CITIES:
        raise CorpusError(f"{where}: unknown city {city!r}")
    cities = (city,) if city else CITIES
    expect = obj["expect"]
    if set(expect) != set(cities):
        raise CorpusError(f"{where}: expect must name exactly {list(cities)}, got {sorted(expect)}")
    for c, action in expect.items():
        if action not in ACTIONS:
            raise CorpusError(f"{where}: unknown action {action!r} for {c}")
    if expect != expected_actions(kind, also, cities):
        raise CorpusError(f"{where}: expect {expect} disagrees with the matrix for {kind} + {list(also)}")
    text = obj["text"]
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: empty text")
    return Prompt(id=obj["id"], text=text, kind=kind, expect=dict(expect), also=also, city=city)


def load_prompts(path: Path = PROMPTS_PATH) -> list[Prompt]:
    prompts: list[Prompt] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{where}: not JSON ({exc})") from exc
            prompt = parse_prompt(obj, where)
            if prompt.id in seen:
                raise CorpusError(f"{where}: duplicate id {prompt.id!r}")
            seen.add(prompt.id)
            prompts.append(prompt)
    return prompts
