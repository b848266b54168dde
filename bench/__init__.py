"""Benchmarks of kesos. Each module runs with `.venv/bin/python -m bench.<module>`."""

import os
import platform
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable


def siapkan_django() -> None:
    """Settings for a benchmark run: production-like (DEBUG off) in a temporary folder, with a
    throwaway secret key and plain HTTP, since pages are asked for through Django's test client
    (with HTTPS on, every page would answer with a redirect to https)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesos.settings")
    os.environ.setdefault("KESOS_VAR_DIR", tempfile.mkdtemp(prefix="kesos-bench-"))
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("KESOS_HTTPS", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()


def ukur(fungsi: Callable[[], object], ulang: int) -> tuple[float, float]:
    """Run ``fungsi`` ``ulang`` times: the median and the best, in seconds."""
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        fungsi()
        waktu.append(time.perf_counter() - mulai)
    return statistics.median(waktu), min(waktu)


def dengan_basis_data_uji(jalankan: Callable[[], None]) -> None:
    """Set Django up as ``siapkan_django`` does and run ``jalankan`` in a test database made for
    it (SQLite in a temporary folder, or one beside the database DATABASE_URL names), dropped
    afterwards."""
    siapkan_django()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    lama = runner.setup_databases()
    try:
        jalankan()
    finally:
        runner.teardown_databases(lama)


def mesin() -> str:
    """The machine a figure was measured on, as the benchmarks print it."""
    return f"mesin: {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"
