"""Refused enrolments, distributions and recipient lists in English when English is chosen."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kesos.bansos import services
from kesos.bansos.impor import daftar_impor
from kesos.bansos.models import Kepesertaan
from kesos.inti.errors import KesosError, TidakBerhak

from . import pabrik
from .pabrik import DESA_A, DESA_B
from .test_impor import _baris, _csv, kasus  # noqa: F401 - the fixture


@pytest.fixture
def admin(registri, persona):
    return persona("admin")


@pytest.fixture
def pkh(admin):
    p = pabrik.program(admin, kategori_kode=["FM"])
    per = pabrik.periode(admin, p)
    return p, per, pabrik.siklus(admin, per, mulai=date(2021, 1, 1), selesai=date(2021, 12, 31))


def test_a_refused_enrolment_is_explained_in_english_on_the_page(login, pkh, katalog_inggris):
    _, per, _sik = pkh
    bukan_fm = pabrik.orang()
    c = login("operator_a")
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    r = c.post(reverse("bansos:daftar", args=[per.pk]), {"penerima": bukan_fm.pk}, follow=True)
    html = r.content.decode()
    assert "not recorded in category FM" in html
    assert "tidak tercatat dalam kategori" not in html
    assert Kepesertaan.objects.get(orang=bukan_fm).status == "tidak_layak"


def test_services_refuse_in_english(pkh, persona, katalog_inggris):
    _, per, sik = pkh
    op = persona("operator_a")
    k = services.kepesertaan_daftar(pengguna=op, periode=per, orang=pabrik.orang(kategori=("FM",)))
    lain = pabrik.orang(desa=DESA_B, kategori=("FM",))
    with translation.override("en"):
        with pytest.raises(KesosError, match=r"^reason: required to pause or remove a recipient\.$"):
            services.kepesertaan_ubah_status(pengguna=op, kepesertaan=k, status="jeda")
        with pytest.raises(KesosError, match=r"^value: cannot be negative\.$"):
            services.penyaluran_catat(
                pengguna=op,
                siklus=sik,
                kepesertaan=k,
                tanggal=date(2021, 3, 1),
                uraian="Uang tunai",
                rupiah=-1,
                petugas="Petugas",
            )
        with pytest.raises(TidakBerhak) as e:
            services.kepesertaan_daftar(pengguna=op, periode=per, orang=lain)
    assert str(e.value) == (
        "Recipients are enrolled only by an admin or an operator of their area. "
        f"({DESA_B} is outside area {DESA_A[:8]})"
    )
    assert not Kepesertaan.objects.filter(orang=lain).exists()


def test_a_recipient_list_report_is_written_in_english(kasus, admin, katalog_inggris):  # noqa: F811
    per, _o = kasus
    with translation.override("en"):
        hasil = daftar_impor(berkas=_csv(*_baris(kasus)), periode=per, pengguna=admin)
    pesan = [b.pesan for b in hasil.laporan]
    assert pesan[0] == "matched, enrolled"
    assert pesan[2] == "not eligible under the programme's rule: not recorded in category FM"
    assert pesan[3] == "already enrolled in this period"
    assert pesan[4:6] == ["recorded as deceased", "recorded as moved away"]
    assert pesan[7] == "NIK with regency/city code 32.01: registered in another regency/city"
    assert pesan[8] == "invalid NIK: NIK must be 16 digits (11 characters written)"
    assert pesan[9] == "the same recipient as row 4"
    assert not hasil.disimpan
