"""Write the tables shipped for the bundled rules: watcher/core/data/clauses.json, the required
literals of their expressions, and watcher/core/data/rules.json, the rules as compiled.

and watcher/core/data/sre.json, the code sre compiles the core's expressions to (sretable.py).

Why shipped: working the literals out walks sre's parse tree of each of the ~100 expressions in
Python, ~0.1 s that every process classifying mail paid again (expression.shipped_clauses);
compiling the rules from rules/*.toml cost ~25 ms more (rulestable.py). Run this after changing
rules/*.toml, the folding table or the code that compiles rules; tests/core/test_expression.py
and tests/core/test_rulestable.py fail while a table is stale.

    python scripts/clauses_table.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from watcher.core.expression import SHIPPED, Expression, table_rows  # noqa: E402
from watcher.core.rulefiles import bundled_rules, bundled_table  # noqa: E402
from watcher.core.rulestable import SHIPPED_RULES  # noqa: E402
from watcher.core.sretable import SHIPPED_SRE, core_patterns, table  # noqa: E402


def main() -> None:
    path = ROOT / "watcher" / "core" / SHIPPED
    rows = table_rows([phrase for rule in bundled_rules() for _, cond in rule.conditions
                       for phrase in (*cond.any, *cond.all, *cond.none) if isinstance(phrase, Expression)])
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)  # a row a line: readable diffs
    path.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    print(f"{path}: {len(rows)} expressions")
    path = ROOT / "watcher" / "core" / SHIPPED_RULES
    data = bundled_table()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path}: {len(data['rules'])} rules")  # type: ignore[arg-type]
    path = ROOT / "watcher" / "core" / SHIPPED_SRE
    sre = table(core_patterns())
    rows = ",\n".join(json.dumps(row) for row in sre["patterns"])  # type: ignore[attr-defined]
    path.write_text(f'{{"interpreter": {json.dumps(sre["interpreter"])}, "patterns": [\n{rows}\n]}}\n',
                    encoding="utf-8")
    print(f"{path}: {len(sre['patterns'])} patterns for Python {sys.version.split()[0]}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
