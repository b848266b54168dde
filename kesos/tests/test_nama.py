"""Pages speak the office's language: areas by name, not by their codes; no command names."""

import re

import pytest
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.bansos import services as bansos
from kesos.bansos.tests import pabrik

KODE_WILAYAH = re.compile(r">\s*18\.04(\.\d+)+\s*<")  # a code standing alone as a cell's text


def _isi(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def data(registri, persona):
    admin = persona("admin")
    p = pabrik.program(admin, kategori_kode=["FM"])
    per = pabrik.periode(admin, p)
    a = pabrik.orang(kategori=("FM",))
    bansos.kepesertaan_daftar(pengguna=admin, periode=per, orang=a)
    bansos.pengaduan_catat(pengguna=SISTEM, program=p, desa_kode=pabrik.DESA_A, jenis="sasaran", uraian="uji")
    return per


def test_open_data_and_the_registry_show_kecamatan_by_name(client, login, data):
    for c, alamat in ((client, "registri:data-terbuka"), (login("operator_a"), "registri:beranda")):
        html = _isi(c.get(reverse(alamat)).content.decode())
        assert "Balik Bukit" in html
        assert not KODE_WILAYAH.search(html), KODE_WILAYAH.search(html)


def test_the_person_list_names_the_operators_area(login, data):
    html = _isi(login("operator_a").get(reverse("registri:daftar")).content.decode())
    assert "Balik Bukit" in html and "18.04.04" not in html.split("</h1>")[0]


def test_recipients_and_complaints_show_the_desa_by_name(login, data):
    c = login("operator_a")
    for alamat in (reverse("bansos:peserta", args=[data.pk]), reverse("bansos:pengaduan")):
        html = _isi(c.get(alamat).content.decode())
        assert "Kubu Perahu" in html, alamat  # pabrik.DESA_A
        assert pabrik.DESA_A not in html, alamat


def test_no_command_names_on_the_duplicates_page(login, data):
    html = _isi(login("operator_a").get(reverse("registri:duplikat")).content.decode())
    assert "kesos registri" not in html


def test_the_evaluation_page_names_the_year_once(login, renja_demo):
    html = _isi(login("reviewer").get(reverse("monev:e81", args=[renja_demo.pk])).content.decode())
    judul, sisa = html.split("</h1>", 1)
    assert "Renja 2021" in judul
    assert "Dinas Sosial Kabupaten Lampung Barat · Rancangan Awal" in sisa
    assert "Renja 2021 Dinas Sosial" not in sisa
