"""Refusals of the Renja services, importer and pages in English when English is chosen."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from kesos.akun.access import SISTEM
from kesos.inti.errors import ImportDitolak, TidakBerhak
from kesos.perencanaan import services
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import BarisRenja, Renja

from .test_impor import _dengan_sel, _ekspor
from .test_views import _form, url


def test_a_refused_renja_import_lists_its_problems_in_english(renja_demo, katalog_inggris):
    rusak = _dengan_sel(
        _ekspor(renja_demo),
        {
            ("1.6.1.1.15.3", 1): "1.6.1.1.16.99",  # a code not under its parent
            ("1.6.1.1.15.5", 1): "1.6.1.1.15.4",  # a duplicate code
            ("1.6.1.1.16", 6): 1,  # a stated pagu that differs from its rows'
        },
    )
    with translation.override("en"), pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=rusak, organisasi=renja_demo.organisasi, tahun=2022)
    pesan = [m.pesan for m in e.value.masalah]
    assert "Kegiatan 1.6.1.1.16.99 has no parent row (Program 1.6.1.1.16) above it" in pesan
    assert any(p.startswith("code 1.6.1.1.15.4 is already used in row ") for p in pesan)
    assert (
        "program 1.6.1.1.16: written Rp 1, sum of the rows under it Rp 369.314.000, difference Rp 369.313.999"
        in pesan
    )
    assert str(e.value).startswith("File refused: ") and "problems found" in str(e.value)
    assert not any("tidak punya baris induk" in p or "sudah dipakai" in p for p in pesan)
    assert not Renja.objects.filter(tahun=2022).exists()


def test_a_negative_pagu_and_a_refused_role_are_told_in_english(renja_demo, persona, katalog_inggris):
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    with translation.override("en"):
        with pytest.raises(ValidationError) as e:
            services.baris_ubah(baris=baris, versi=baris.versi, pagu=-5, pengguna=SISTEM)
        assert "The budget may not be negative." in e.value.message_dict["pagu"]
        with pytest.raises(TidakBerhak, match=r"^Only planners change the rows of a Renja\.$"):
            services.baris_ubah(baris=baris, versi=baris.versi, pagu=5, pengguna=persona("reviewer"))
    with pytest.raises(TidakBerhak, match=r"^Hanya perencana yang mengubah baris Renja\.$"):
        services.baris_ubah(baris=baris, versi=baris.versi, pagu=5, pengguna=persona("reviewer"))
    baris.refresh_from_db()
    assert baris.pagu == 4_100_000


def test_the_row_pages_speak_english_when_english_is_chosen(login, renja_demo, katalog_inggris):
    c = login("perencana")
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    baris = BarisRenja.objects.get(renja=renja_demo, kode="1.6.1.1.15.2")
    lama = _form(baris, pagu="1")
    services.baris_ubah(baris=baris, versi=baris.versi, pagu=7_777, pengguna=SISTEM)
    html = c.post(url("baris-ubah", baris.pk), lama).content.decode()
    assert "Row 1.6.1.1.15.2 has been changed by another user since you opened it." in html
    assert "telah diubah oleh pengguna lain" not in html
    baris.refresh_from_db()
    r = c.post(url("baris-ubah", baris.pk), _form(baris, lokasi="Kantor Baru"), follow=True)
    assert "Row 1.6.1.1.15.2 saved." in r.content.decode()
