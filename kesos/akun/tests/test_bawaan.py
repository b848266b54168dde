"""Issue 10: DEBUG was on and SECRET_KEY had a public default unless set (a debug page showed
DATABASE_URL); logins (form and API Basic) were not throttled. Safe defaults, pinned."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from kesos.conftest import SANDI

AKAR = Path(__file__).resolve().parents[3]


def _kesos(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``kesos`` in a fresh process with only these environment variables set."""
    bersih = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "DATABASE_URL"}}
    bersih.update(env)
    bersih.setdefault("DJANGO_SETTINGS_MODULE", "kesos.settings")
    return subprocess.run(
        [sys.executable, "-m", "kesos.cli", *args],
        cwd=AKAR,
        env=bersih,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_settings_kesos_refuses_to_start_and_says_why():
    r = _kesos("check")
    assert r.returncode != 0 and "SECRET_KEY" in r.stderr


def test_debug_is_off_unless_set():
    r = _kesos("shell", "-c", "from django.conf import settings; print(settings.DEBUG)", SECRET_KEY="k" * 60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "False"
    r = _kesos("shell", "-c", "from django.conf import settings; print(settings.DEBUG)", DEBUG="1")
    assert r.stdout.strip().splitlines()[-1] == "True"  # the demo (make run) sets DEBUG=1 and needs no key


def test_check_deploy_is_clean_with_the_documented_production_settings():
    """The production settings of the README: SECRET_KEY, DEBUG=0, ALLOWED_HOSTS, behind HTTPS."""
    r = _kesos(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="p" * 20 + "R4nd0m-" + "q" * 40,
        DEBUG="0",
        ALLOWED_HOSTS="kesos.lampungbaratkab.go.id",
        KESOS_DI_BELAKANG_PROXY="1",
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_the_test_suite_runs_as_production_does():
    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_AGE <= 9 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_an_error_page_shows_no_settings(client, db, settings):
    settings.DEBUG = False
    r = client.get("/tidak-ada/")
    assert r.status_code == 404 and b"DATABASE" not in r.content and b"SECRET" not in r.content


def test_form_login_is_throttled(client, persona):
    persona("perencana")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        r = client.post(reverse("login"), {"username": "perencana", "password": "salah"})
        assert r.status_code == 200
    assert client.post(reverse("login"), {"username": "perencana", "password": "salah"}).status_code == 429
    # Locked out: even the right password is refused now.
    r = client.post(reverse("login"), {"username": "perencana", "password": SANDI})
    assert r.status_code == 429 and "Terlalu banyak" in r.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user from the same address is not locked out by these failures.
    persona("reviewer")
    assert client.post(reverse("login"), {"username": "reviewer", "password": SANDI}).status_code == 302


def test_api_basic_auth_is_throttled(persona):
    persona("perencana")

    def basic(sandi: str) -> APIClient:
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION="Basic " + base64.b64encode(f"perencana:{sandi}".encode()).decode())
        return c

    assert basic(SANDI).get("/api/renja/").status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert basic("salah").get("/api/renja/").status_code in (401, 403)
    basic("salah").get("/api/renja/")
    r = basic(SANDI).get("/api/renja/")
    assert r.status_code in (403, 429)
    assert r.json()["code"] and r.json()["message"]


def test_security_headers_on_every_page(login, renja_demo):
    r = login("perencana").get(reverse("perencanaan:beranda"))
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert "no-store" in r["Cache-Control"]
    assert r["X-Frame-Options"] == "DENY" and r["X-Content-Type-Options"] == "nosniff"


def test_no_page_has_an_inline_script(login, renja_demo):
    """The policy forbids inline scripts, so no template may carry one (they would stop working)."""
    import re

    for tmpl in AKAR.joinpath("kesos").rglob("*.html"):
        teks = tmpl.read_text()
        assert not re.search(r"\son[a-z]+=", teks), tmpl
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", teks), tmpl


@pytest.mark.parametrize("limit", ["100000", "99999999999999999999999"])
def test_api_lists_are_capped(persona, registri, limit):
    from kesos.api.paginasi import Halaman

    c = APIClient()
    c.force_authenticate(persona("reviewer"))
    r = c.get("/api/organisasi/", {"limit": limit, "offset": "99999999999999999999999"})
    assert r.status_code == 200 and r.json()["results"] == []
    assert Halaman.max_limit <= 500


def test_pages_speak_indonesian_whatever_the_browser_asks_until_english_is_chosen(login, renja_demo):
    c = login("kadis")
    html = c.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html and "Keluar" in html
    c.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE="en-US")
    html = c.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'lang="en"' in html and "Log out" in html
