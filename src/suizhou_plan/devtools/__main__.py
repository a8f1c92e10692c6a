"""`python -m suizhou_plan.devtools update|check|audit [LANG]`: the upkeep of the message
catalogues (`catalogue.py`) and the audit of English left in the Chinese outputs
(`audit.py`)."""

from __future__ import annotations

import sys

from suizhou_plan.devtools.audit import audit
from suizhou_plan.devtools.catalogue import check, update


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["update"]:
        update()
        return
    if args == ["check"]:
        sys.exit(check())
    if args[:1] == ["audit"]:
        for name, count, sample in audit(*args[1:2]):
            print(f"{name:<20} {count:>5}  {' '.join(sample)}")
        return
    print("usage: python -m suizhou_plan.devtools update|check|audit [LANG]", file=sys.stderr)
    sys.exit(2)


if __name__ == "__main__":
    main()
