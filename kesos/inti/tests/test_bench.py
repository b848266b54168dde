"""The benchmarks stay runnable: each module loads and answers --help (a module-level import of
the project before Django is set up broke `make bench` once)."""

import os
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


@pytest.mark.parametrize(
    "url",
    [
        "postgres://postgres@127.0.0.1:5432/kesos",
        "postgres://postgres@127.0.0.1:5432/kesos_beban_lain",
        "sqlite:///var/kesos_beban",
    ],
)
def test_load_test_refuses_a_database_not_its_own(url):
    """The load test drops and recreates its database: it runs only on `kesos_beban`, and says
    so before it touches anything."""
    r = subprocess.run(
        [sys.executable, "-m", "bench.beban", "--detik", "1"],
        cwd=BENCH.parent,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DATABASE_URL": url},
    )
    assert r.returncode != 0
    assert "kesos_beban" in r.stderr and "Tidak ada yang diubah" in r.stderr


def test_load_test_uses_its_own_database_by_default():
    sys.path.insert(0, str(BENCH.parent))
    from bench.beban import url_db

    assert url_db(None).endswith("/kesos_beban")
    assert url_db("postgres://u@db:5432/kesos_beban") == "postgres://u@db:5432/kesos_beban"
