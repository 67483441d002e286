"""``python -m service evaluate``: the extractors against the hand-written labels, one section per kind.

Each kind has its own module (``problems.py``; the narrative-quantity figures join as another) with ``evaluate()``
returning figures and ``render()`` printing them; ``run`` puts the sections together.
"""

from __future__ import annotations

import json

KINDS = ("quantities", "problems")


def run(kinds: tuple[str, ...] = KINDS, fmt: str = "text", baseline: bool = True, mistakes: bool = False) -> str:
    sections: dict[str, dict] = {}
    texts: list[str] = []
    if "quantities" in kinds:
        from . import quantities

        sets = quantities.load_sets()
        result = quantities.evaluate(sets)
        rules = quantities.evaluate(sets, rules_only=True) if baseline else None
        for figures in (result, rules or {}):
            for name in figures:
                if fmt == "json" and not (mistakes and figures is result):
                    figures[name].pop("mistakes", None)
        sections["quantities"] = {"model": result, "rules_only": rules}
        texts.append(quantities.render(result, rules, mistakes=mistakes))
    if "problems" in kinds:
        from . import problems

        sets = problems.load_sets()
        result = problems.evaluate(sets)
        rules = problems.evaluate(sets, rules_only=True) if baseline else None
        sections["problems"] = {"model": result, "rules_only": rules}
        texts.append(problems.render(result, rules))
    if fmt == "json":
        return json.dumps(sections, ensure_ascii=False, indent=2)
    return "\n\n".join(texts)


def add_parser(commands) -> None:
    evaluate = commands.add_parser(
        "evaluate", help="measure the extractors against the hand-written labels",
        description="Measure the extractors against corpus/labels/: report-wise cross-validation on the training "
                    "samples, and the held-out samples and unseen reports separately; one section per kind.")
    evaluate.add_argument("--kind", choices=KINDS, action="append", help="only this kind (repeatable)")
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.add_argument("--mistakes", action="store_true",
                          help="also list every quantity the extractor got wrong, missed or added, with its context")


def run_cli(args) -> int:
    import sys

    sys.stdout.write(run(tuple(args.kind or KINDS), args.format, mistakes=args.mistakes) + "\n")
    return 0
