#!/usr/bin/env bash
# Mutation testing of suizhou's core (docs/testing.md says what it found).
#
#   pip install -e '.[test,mutation]'
#   tools/mutation.sh                                  # every module in [tool.mutmut] only_mutate
#   tools/mutation.sh 'suizhou_plan.model.status.*' 'suizhou_plan.rules.schedule.*'   # a subset
#
# It works in a scratch copy of the tracked and new files (MUTATION_DIR, by default
# /tmp/suizhou-mutation), never in the worktree: there the `@rule` and `@property`
# decorators are rewritten as plain calls (tools/undecorate_rules.py), because mutmut skips
# decorated functions.  mutmut runs, for each mutant, only the tests that reach the mutated
# function.  JOBS (default: the number of cores) mutants run at once.  At the end it prints
# the score and the surviving mutants; `cd $MUTATION_DIR && mutmut show NAME` shows one.
# RESUME=1 goes on with a run that was stopped, in the same MUTATION_DIR (a change of the
# [tool.mutmut] settings makes mutmut start its results over).
# FAST=1 also leaves out the slowest tests that are about writing, Word and Excel files, the
# docs and the cache (`fast_tests` below): a surviving mutant of a rule runs every test that
# reaches it, and these were two thirds of that time.  Not for the renderers' modules, whose
# Word and Excel tests they are.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${MUTATION_DIR:-/tmp/suizhou-mutation}
jobs=${JOBS:-$(nproc)}
mutmut=${MUTMUT:-$(command -v mutmut)}

fast_tests() {  # FAST=1: the slow tests that are about something else, left out
    [ "${FAST:-0}" = 1 ] || return 0
    python3 - test_ledger_integrity.py test_bulletin_docx.py test_docs.py \
        test_ledger_templates.py test_duties_xlsx.py test_check_cache.py test_one_truth.py <<'PY'
import sys
extra = "".join(f'    "--ignore=tests/{name}",\n' for name in sys.argv[1:])
text = open("pyproject.toml", encoding="utf-8").read()
open("pyproject.toml", "w", encoding="utf-8").write(
    text.replace("pytest_add_cli_args = [\n", "pytest_add_cli_args = [\n" + extra, 1))
PY
}

if [ "${RESUME:-0}" = 1 ] && [ -d "$work/mutants" ]; then
    # RESUME=1: go on with a stopped run in the same MUTATION_DIR (mutmut keeps each
    # mutant's result); only the mutmut settings are taken again from pyproject.toml.
    cp "$root/pyproject.toml" "$work/pyproject.toml"
    cd "$work"
    fast_tests
else
    rm -rf "$work"
    mkdir -p "$work"
    (cd "$root" && git ls-files -co --exclude-standard -z) | (cd "$root" && tar --null -T - -cf -) \
        | tar -xf - -C "$work"
    cd "$work"
    python3 "$root/tools/undecorate_rules.py" $(find src/suizhou_plan -name '*.py')
    fast_tests
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
