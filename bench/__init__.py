"""Benchmarks of kesos. Each module runs with `.venv/bin/python -m bench.<module>`."""

import os
import secrets
import tempfile


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
