#!/usr/bin/env bash
# Mutation testing of suizhou's core (docs/testing.md says what it found).
#
#   pip install -e '.[test,mutation]'
#   tools/mutation.sh                                  # every module in [tool.mutmut] only_mutate
#   tools/mutation.sh 'suizhou_plan.status.*' 'suizhou_plan.rules.schedule.*'   # a subset
#
# It works in a scratch copy of the tracked and new files (MUTATION_DIR, by default
# /tmp/suizhou-mutation), never in the worktree: there the `@rule` and `@property`
# decorators are rewritten as plain calls (tools/undecorate_rules.py), because mutmut skips
# decorated functions.  mutmut runs, for each mutant, only the tests that reach the mutated
# function.  JOBS (default: the number of cores) mutants run at once.  At the end it prints
# the score and the surviving mutants; `cd $MUTATION_DIR && mutmut show NAME` shows one.
# RESUME=1 goes on with a run that was stopped, in the same MUTATION_DIR (a change of the
# [tool.mutmut] settings makes mutmut start its results over).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${MUTATION_DIR:-/tmp/suizhou-mutation}
jobs=${JOBS:-$(nproc)}
mutmut=${MUTMUT:-$(command -v mutmut)}

if [ "${RESUME:-0}" = 1 ] && [ -d "$work/mutants" ]; then
    # RESUME=1: go on with a stopped run in the same MUTATION_DIR (mutmut keeps each
    # mutant's result); only the mutmut settings are taken again from pyproject.toml.
    cp "$root/pyproject.toml" "$work/pyproject.toml"
    cd "$work"
else
    rm -rf "$work"
    mkdir -p "$work"
    (cd "$root" && git ls-files -co --exclude-standard -z) | (cd "$root" && tar --null -T - -cf -) \
        | tar -xf - -C "$work"
    cd "$work"
    python3 "$root/tools/undecorate_rules.py" $(find src/suizhou_plan -name '*.py')
fi

start=$(date +%s)
"$mutmut" run --max-children "$jobs" "$@" > mutmut.log 2>&1 || {
    tail -40 mutmut.log; exit 1; }
elapsed=$(( $(date +%s) - start ))

"$mutmut" results --all true > results.txt 2>&1 || true
python3 - "$elapsed" "$@" <<'PY'
import fnmatch, re, sys
elapsed, patterns = int(sys.argv[1]), sys.argv[2:]
counts: dict[str, int] = {}
survivors = []
for line in open("results.txt", encoding="utf-8"):
    m = re.match(r"\s*(\S+): (.+)$", line)
    if not m:
        continue
    name, status = m.groups()
    if patterns and not any(fnmatch.fnmatch(name, p) for p in patterns):
        continue
    counts[status] = counts.get(status, 0) + 1
    if status == "survived":
        survivors.append(name)
killed = counts.get("killed", 0) + counts.get("timeout", 0)
tested = killed + counts.get("survived", 0)
print(f"mutants: {sum(counts.values())}  {counts}")
print(f"score: {killed}/{tested} killed = {100 * killed / max(tested, 1):.1f}%  "
      f"in {elapsed // 60} min {elapsed % 60} s")
print("survivors:")
for name in survivors:
    print("  " + name)
PY
