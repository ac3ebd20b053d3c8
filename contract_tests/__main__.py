"""``python -m contract_tests rules``: the rule registry as a Markdown table."""

from __future__ import annotations

import sys

from contract_tests.reports import rules_table


def main(argv: list[str]) -> int:
    if argv[:1] != ["rules"]:
        print("usage: python -m contract_tests rules   (run checks with: metrics-mock check)")
        return 2
    print(rules_table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
