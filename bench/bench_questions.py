"""Plain questions: accuracy per shape against facts computed from the CSV rows.

    python bench/bench_questions.py --db data/votes.db [--table FILE.tsv] [--failures]
    python bench/bench_questions.py --db data/votes.db --heldout   # the held-out table

Each row of a question table (tests/eval/questions_*.tsv) is asked through
`answer_question` and rendered as `votebot ask --json` renders it; the expected facts
and the check come from tests/eval/questions_expected.py, which reads the vote file
itself and never the bot. The default table is the development one; the held-out
table is for the one report at the end of a change to the planner. Prints accuracy
per shape, overall, and the planner's time per question.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.answers.facade import Answers  # noqa: E402
from bot.core.ask.commands import answer_question  # noqa: E402
from bot.core.render.text import render_json  # noqa: E402

EVAL = ROOT / "tests" / "eval"
DEV_TABLE = EVAL / "questions_dev.tsv"
HELDOUT_TABLE = EVAL / "questions_heldout.tsv"
SHARED_CSV = ROOT.parent / "shared" / "data" / "unga-votes.csv.gz"


def expected_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "questions_expected", EVAL / "questions_expected.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "votes.db")
    parser.add_argument("--csv", type=Path, default=SHARED_CSV)
    parser.add_argument("--table", type=Path, default=DEV_TABLE)
    parser.add_argument("--heldout", action="store_true", help="ask the held-out table")
    parser.add_argument("--failures", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    table = HELDOUT_TABLE if args.heldout else args.table
    qe = expected_module()
    data = qe.load_rows(str(args.csv))
    rows = qe.read_tsv(str(table))
    answers = Answers.open(args.db, aliases_dir=ROOT / "data")
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    times: list[float] = []
    failures: list[str] = []
    try:
        for row in rows:
            shape = row["shape"]
            seen[shape] += 1
            facts = qe.expected(row["spec"], shape, row["today"], data)
            t0 = time.perf_counter()
            answer = answer_question(answers, row["question"])
            times.append((time.perf_counter() - t0) * 1000)
            ok, why = qe.check(shape, facts, render_json(answer))
            if ok:
                right[shape] += 1
            else:
                failures.append(f"[{shape}] {row['question']}: {why}")
    finally:
        answers.close()
    print(f"{len(rows)} questions from {table}")
    for shape in sorted(seen):
        print(f"  {shape:18} {right[shape]:3d}/{seen[shape]:<3d} {right[shape] / seen[shape]:6.1%}")
    total = sum(right.values())
    print(f"  {'all':18} {total:3d}/{len(rows):<3d} {total / max(len(rows), 1):6.1%}")
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0.0
    median = statistics.median(times) if times else 0.0
    print(f"answer time per question: median {median:.2f} ms, p99 {p99:.2f} ms")
    if args.failures:
        print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
