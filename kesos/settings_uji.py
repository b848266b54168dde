"""Settings for the test suite: the real settings, with the two values a fresh clone lacks.

Tests run as production does (DEBUG off), with a key of their own and without HTTPS, since
the test client speaks plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "kesos-uji-" + "u" * 50)
os.environ.setdefault("KESOS_HTTPS", "0")

from kesos.settings import *  # noqa: E402,F403

# A fast hasher: every persona of every test logs in, and the API tests send passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Background jobs run where they are started, inside the test's transaction, by the same code
# that `kesos tugas jalankan` runs.
KESOS_TUGAS_LANGSUNG = True
KESOS_TUGAS_DIR = __import__("tempfile").mkdtemp(prefix="kesos-uji-tugas-")
