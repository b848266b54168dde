"""The benchmarks stay runnable: each module loads and answers --help (a module-level import of
the project before Django is set up broke `make bench` once)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench"
MODUL = sorted(p.stem for p in BENCH.glob("*.py") if p.stem not in ("__init__", "sintetis"))


@pytest.mark.parametrize("modul", MODUL)
def test_benchmark_module_loads(modul):
    r = subprocess.run(
        [sys.executable, "-m", f"bench.{modul}", "--help"],
        cwd=BENCH.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "usage" in r.stdout.lower()
