"""Error pages: Bahasa Indonesia, inside the site's layout, saying what happened and where to go,
never a traceback; the 500 page renders without touching the database. The suite runs with
DEBUG off (kesos.settings_uji), as production does."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from kesos.inti import galat

pytestmark = pytest.mark.urls("kesos.tests.urls_galat")

JEJAK = ("Traceback", "rahasia-internal", "settings.py", "RuntimeError", "Django", "DEBUG")


def _tanpa_jejak(html: str) -> None:
    for kata in JEJAK:
        assert kata not in html, kata


def _dalam_tata_letak(html: str) -> None:
    assert '<nav class="navbar' in html and "kesos/kesos.css" in html and "<footer" in html
    assert '<html lang="id">' in html


def test_debug_is_off_in_the_suite():
    assert settings.DEBUG is False


def test_404_in_indonesian_inside_the_layout_with_the_menu(client, login):
    c = login("operator_a")
    r = c.get("/tidak-ada-halaman-ini/")
    html = r.content.decode()
    assert r.status_code == 404
    assert "Halaman tidak ditemukan" in html and "tidak ada di kesos" in html
    assert "Ke beranda" in html and f'href="{galat.alamat_beranda()}"' in html
    _dalam_tata_letak(html)
    assert 'id="menu-utama"' in html and ">Verval</a>" in html  # the user's own menu
    _tanpa_jejak(html)


def test_404_offers_the_page_the_user_came_from_only_if_it_is_ours(login):
    c = login("operator_a")
    html = c.get("/tidak-ada/", HTTP_REFERER="http://testserver/registri/").content.decode()
    assert 'href="http://testserver/registri/"' in html and "Kembali ke halaman sebelumnya" in html
    html = c.get("/tidak-ada/", HTTP_REFERER="https://penipu.example/").content.decode()
    assert "penipu.example" not in html and "Kembali" not in html


def test_a_person_of_another_area_is_a_404_page_not_a_leak(login):
    """The registry answers 404 for another area's person; the page says so in words."""
    html = login("operator_a").get(reverse("registri:orang", args=[999999])).content.decode()
    assert "tidak ada di wilayah Anda" in html


def test_403_says_who_the_user_is_and_where_to_go(login):
    c = login("operator_a")
    r = c.get(reverse("perencanaan:impor"))  # only planners import a Renja
    html = r.content.decode()
    assert r.status_code == 403
    assert "Anda tidak berhak membuka halaman ini" in html and "(Operator)" in html
    assert "Ke beranda" in html and "Masuk sebagai pengguna lain" in html
    assert f"{reverse('login')}?next=" in html
    _dalam_tata_letak(html)
    _tanpa_jejak(html)


def test_a_refusal_with_its_rule_shows_the_rule_as_403(login):
    r = login("operator_a").get("/uji/tidak-berhak/")
    assert r.status_code == 403
    assert "Hanya Kepala Dinas yang dapat menetapkan Renja final." in r.content.decode()


def test_plain_permission_denied_is_the_403_page(login):
    r = login("reviewer").get("/uji/dilarang/")
    assert r.status_code == 403 and "Peran atau wilayah Anda tidak mencakup" in r.content.decode()


def test_400_in_indonesian(client, db):
    r = client.get("/uji/curiga/")
    html = r.content.decode()
    assert r.status_code == 400 and "Permintaan tidak dapat diproses" in html
    _dalam_tata_letak(html)
    _tanpa_jejak(html)


def test_a_refused_form_says_reload_and_send_again(persona):
    c = Client(enforce_csrf_checks=True)
    c.force_login(persona("kadis"))
    r = c.post(reverse("registri:putaran"), {"aksi": "buka", "nama": "X"})
    html = r.content.decode()
    assert r.status_code == 403 and "Formulir tidak dapat dikirim" in html and "Muat ulang" in html
    _dalam_tata_letak(html)
    assert "CSRF" not in html


def test_500_in_indonesian_without_a_traceback(db):
    c = Client(raise_request_exception=False)
    r = c.get("/uji/rusak/")
    html = r.content.decode()
    assert r.status_code == 500
    assert "Terjadi galat di server" in html and "Ke beranda" in html and "dicatat" in html
    _dalam_tata_letak(html)
    _tanpa_jejak(html)


def test_500_renders_with_the_database_unreachable(django_db_blocker):
    """No context processor, no user, no query: the page shows when the database is what failed."""
    permintaan = RequestFactory().get("/apa-saja/")
    with django_db_blocker.block(), translation.override("id"):
        r = galat.galat_server(permintaan)
    html = r.content.decode()
    assert r.status_code == 500 and "Terjadi galat di server" in html
    _dalam_tata_letak(html)
    assert 'id="menu-utama"' not in html  # no menu: it would ask the policies about a user


def test_the_api_keeps_its_json_errors(client, db):
    r = Client(raise_request_exception=False).get("/api/uji/rusak/")
    assert r.status_code == 500 and r.json()["code"] == "galat_server"
    r = client.get("/api/tidak-ada/")
    assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_english_users_read_the_error_pages_in_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    r = client.get("/tidak-ada/")
    assert r.status_code == 404 and '<html lang="en">' in r.content.decode()
