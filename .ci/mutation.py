#!/usr/bin/env python3
"""Mutation testing of FrontDesk's rule modules, one module or all.

    .ci/mutation.py money            # one module (names: pyproject [tool.frontdesk.mutation])
    .ci/mutation.py all              # every rule module, one after another
    .ci/mutation.py --list           # the modules and their test files
    .ci/mutation.py ledger --mutants 'frontdesk.fees.ledger.x_take_payment__mutmut_*'
                                     # only these mutants (fnmatch patterns)
    .ci/mutation.py scan --recheck   # the last run's survivors against today's tests

Each module is mutated by mutmut against only its own test files, in a
scratch copy under build/mutation/<module>/ (the worktree is never touched),
so one module takes minutes on two cores. CI does not run this. Prints a
score per module: killed / (mutants - equivalent), where the equivalent
mutants are those named in tests/mutation_equivalent.toml with a reason.
Needs `pip install -e ".[mutation]"`. Set FRONTDESK_TEST_PG_URL (as .ci/run
does) so the two-desk tests on PostgreSQL run: without it they are skipped
and the row-lock mutants of ledger and scan survive.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "build" / "mutation"
EQUIVALENT = ROOT / "tests" / "mutation_equivalent.toml"


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def modules() -> dict[str, dict]:
    return _project()["tool"]["frontdesk"]["mutation"]


def equivalent() -> dict[str, str]:
    """Mutant name -> why it changes nothing a school could notice."""
    if not EQUIVALENT.exists():
        return {}
    return dict(tomllib.loads(EQUIVALENT.read_text("utf-8")).get("equivalent", {}))


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def _scratch(name: str, spec: dict) -> Path:
    """A copy of the sources and tests whose [tool.mutmut] covers one module."""
    where = SCRATCH / name
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("frontdesk", "tests", "resources"):
        shutil.copytree(ROOT / part, where / part, ignore=ignore, symlinks=True)
    tests = [t for t in spec["tests"] if (ROOT / t).exists()]
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    text = re.sub(r"^only_mutate = \[.*?^\]$", "only_mutate = " + _toml_list([spec["module"]]),
                  text, count=1, flags=re.S | re.M)
    text = re.sub(r"^pytest_add_cli_args_test_selection = .*$",
                  "pytest_add_cli_args_test_selection = " + _toml_list(tests),
                  text, count=1, flags=re.M)
    (where / "pyproject.toml").write_text(text, "utf-8")
    return where


def run(name: str, spec: dict, children: int, patterns: list[str] | None = None
        ) -> dict[str, object]:
    where = _scratch(name, spec)
    mutmut = Path(sys.executable).with_name("mutmut")
    env = _env(where)
    # (mutants/ must exist before mutmut starts, or Python remembers it as missing.)
    (where / "mutants").mkdir()
    subprocess.run([str(mutmut), "run", "--max-children", str(children), *(patterns or [])],
                   cwd=where, env=env, check=False, stdout=subprocess.DEVNULL)
    return _score(name, where, _verdicts(where, env, patterns))


def _env(where: Path) -> dict[str, str]:
    # mutmut's own sys.path puts mutants/ first; the installed (editable)
    # frontdesk must not shadow the mutated copy.
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(where / "mutants"))


def _verdicts(where: Path, env: dict[str, str], patterns: list[str] | None) -> dict[str, str]:
    """Mutant name -> mutmut's verdict, for the mutants matching ``patterns``."""
    mutmut = Path(sys.executable).with_name("mutmut")
    subprocess.run([str(mutmut), "export-cicd-stats"], cwd=where, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    results = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=where, env=env,
                             check=True, capture_output=True, text=True).stdout
    status: dict[str, str] = {}
    for line in results.splitlines():
        mutant, _, verdict = line.strip().rpartition(": ")
        if mutant and (not patterns or any(fnmatch.fnmatch(mutant, p) for p in patterns)):
            status[mutant] = verdict
    return status


def recheck(name: str, spec: dict, patterns: list[str] | None = None) -> dict[str, object]:
    """Run each mutant the last run of ``name`` left alive (not one "not checked")
    against the module's test files as they are now, in the same mutated copy:
    tests only added since cannot bring a killed mutant back to life."""
    where = SCRATCH / name
    if not (where / "mutants").is_dir():
        raise SystemExit(f"no earlier run of {name} in {where}")
    env = _env(where)
    status = _verdicts(where, env, patterns)
    known = equivalent()
    shutil.copytree(ROOT / "tests", where / "mutants" / "tests", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    tests = [t for t in spec["tests"] if (ROOT / t).exists()]
    for mutant, verdict in sorted(status.items()):
        if verdict in ("killed", "not checked") or mutant in known:
            continue
        code = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
            cwd=where / "mutants", env=dict(env, MUTANT_UNDER_TEST=mutant), check=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        status[mutant] = "killed" if code == 1 else "survived" if code == 0 else f"error {code}"
        print(f"    {mutant}: {verdict} -> {status[mutant]}", flush=True)
    return _score(name, where, status)


def _score(name: str, where: Path, status: dict[str, str]) -> dict[str, object]:
    known = equivalent()
    unrun = sorted(m for m, v in status.items() if v == "not checked")
    survivors = sorted(m for m, v in status.items()
                       if v not in ("killed", "not checked") and m not in known)
    # A mutant listed as equivalent that a test kills after all is not left out.
    equal = sorted(m for m, v in status.items() if m in known and v != "killed")
    not_equal = sorted(m for m, v in status.items() if m in known and v == "killed")
    killed = sum(1 for v in status.values() if v == "killed")
    counted = len(status) - len(equal) - len(unrun)
    score = 100.0 * killed / counted if counted else 100.0
    return {"module": name, "mutants": len(status), "not_run": len(unrun), "killed": killed,
            "equivalent": len(equal), "survived": survivors, "killed_though_listed": not_equal,
            "score": round(score, 1), "where": str(where)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", nargs="?", default="all")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--mutants", nargs="+", metavar="PATTERN",
                        help="run and score only the mutants matching these (fnmatch)")
    parser.add_argument("--recheck", action="store_true",
                        help="run the last run's survivors against the tests as they are now")
    args = parser.parse_args()
    table = modules()
    if args.list:
        for name, spec in table.items():
            print(f"{name:12} {spec['module']}: {' '.join(spec['tests'])}")
        return 0
    names = list(table) if args.module == "all" else [args.module]
    unknown = [n for n in names if n not in table]
    if unknown:
        parser.error(f"unknown module {unknown[0]!r}; known: {', '.join(table)}")
    results = []
    for name in names:
        result = (recheck(name, table[name], args.mutants) if args.recheck
                  else run(name, table[name], args.max_children, args.mutants))
        results.append(result)
        unrun = f", {result['not_run']} not run" if result["not_run"] else ""
        print(f"{name:12} {result['score']:5.1f}%  killed {result['killed']} of "
              f"{result['mutants']} ({result['equivalent']} equivalent{unrun})", flush=True)
        for mutant in result["survived"]:  # type: ignore[union-attr]
            print(f"    survived: {mutant}")
        for mutant in result["killed_though_listed"]:  # type: ignore[union-attr]
            print(f"    killed, though listed as equivalent: {mutant}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
