"""Registry refusals (NIK, import report, classification, access, page messages) in English."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kesos.akun.access import SISTEM
from kesos.inti.errors import KesosError, TidakBerhak
from kesos.registri import services
from kesos.registri.impor import registri_import
from kesos.registri.models import Kategori, Orang

from .test_registri import _csv
from .test_views import orang  # noqa: F401 - the fixture


def test_a_bad_nik_is_refused_in_english_and_nothing_is_stored(registri, katalog_inggris):
    with translation.override("en"), pytest.raises(KesosError) as e:
        services.orang_simpan(
            pengguna=SISTEM,
            nik="1804041203850000",
            nama="Budi",
            jenis_kelamin="P",
            tanggal_lahir=date(1985, 3, 12),
            desa_kode="18.04.04.1001",
        )
    assert str(e.value) == (
        "NIK refused: sex does not match the NIK: a woman is written as day + 40 in digits 7-8; "
        "the NIK's serial number (digits 13-16) cannot be 0000"
    )
    assert Orang.data_pribadi.count() == 0


def test_the_import_report_is_written_in_english(registri, katalog_inggris):
    isi = _csv(
        "1804041203850099,,Salah Kelamin,P,12-03-1985,,Balik Bukit,Pasar Liwa,,",
        "1804041203850002,,Entah,L,12-03-1985,,Balik Bukit,Tidak Ada Desa,,",
        "1804041203850003,,Tua,L,12-03-1985,,Balik Bukit,Pasar Liwa,,Lanjut usia terlantar",
        "1804041203850004,,Tanggal,X,12-03-1985,,Balik Bukit,Pasar Liwa,,",
    )
    with translation.override("en"):
        hasil = registri_import(pengguna=SISTEM, berkas=isi, pada=date(2026, 6, 1))
    pesan = {(c.baris, c.kolom): c.pesan for c in hasil.catatan if c.tingkat == "ditolak"}
    assert pesan[2, "nik"] == "sex does not match the NIK: a woman is written as day + 40 in digits 7-8"
    assert pesan[3, "desa"] == "village in sub-district Balik Bukit 'Tidak Ada Desa' not found"
    assert pesan[4, "kategori"].startswith("Lanjut usia terlantar requires aged ")
    assert "; this person is male, aged 41 on 01-06-2026" in pesan[4, "kategori"]
    assert pesan[5, "jenis_kelamin"] == "'X' is not L or P"
    assert not hasil.disimpan and Orang.data_pribadi.count() == 0


def test_classification_and_another_areas_person_are_refused_in_english(
    orang,  # noqa: F811
    persona,
    katalog_inggris,
):
    a, b = orang
    lansia = Kategori.objects.get(nama="Lanjut usia terlantar")
    with translation.override("en"):
        with pytest.raises(
            KesosError, match=r"^Classification refused: Lanjut usia terlantar requires aged "
        ):
            services.klasifikasi_tambah(orang=a, kategori=lansia, tanggal=date(2026, 6, 1), pengguna=SISTEM)
        with pytest.raises(
            TidakBerhak, match=r"^Personal data is only for the operators of its area and for admins\.$"
        ):
            services.orang_ubah_status(orang=b, status="meninggal", pengguna=persona("operator_a"))


def test_the_status_page_confirms_in_english(login, orang, katalog_inggris):  # noqa: F811
    a, _b = orang
    c = login("operator_a")
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    r = c.post(reverse("registri:status", args=[a.pk]), {"status": "pindah"}, follow=True)
    assert "Status updated." in r.content.decode()
    r = c.post(reverse("registri:status", args=[a.pk]), {"status": "entah"}, follow=True)
    assert "Unknown status &#x27;entah&#x27;; choose " in r.content.decode()
