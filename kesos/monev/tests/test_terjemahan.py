"""Realisation refusals (service, E.81 import, page messages) in English when English is chosen."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from kesos.akun.access import SISTEM
from kesos.inti.errors import ImportDitolak, KesosError, TidakBolehDiubah
from kesos.laporan.evaluasi_xlsx import buat_e81
from kesos.monev import services
from kesos.monev.impor import realisasi_import
from kesos.monev.queries import e81
from kesos.perencanaan.models import BarisRenja

from .test_impor import _isi, renja_final  # noqa: F401 - the fixture


def _baris(renja, kode):
    return BarisRenja.objects.get(renja=renja, kode=kode)


def test_a_refused_e81_import_lists_its_problems_in_english(renja_final, persona, katalog_inggris):  # noqa: F811
    baris = _baris(renja_final, "1.6.1.1.20.5")
    r = services.realisasi_simpan(
        baris=baris, triwulan=1, rupiah=5, nilai={baris.indikator.first().id: D(1)}, pengguna=SISTEM
    )
    services.realisasi_ajukan(pengguna=SISTEM, realisasi=r)
    berkas = _isi(
        buat_e81(e81(renja_final)),
        {
            ("1.6.1.1.20.3", 9, 0): "tiga",
            ("1.6.1.1.20.3", 9, 1): -5,
            ("1.6.1.1.20.5", 9, 0): 2,
            ("1.6.1.1.20", 9, 0): 1,
        },
    )
    with translation.override("en"), pytest.raises(ImportDitolak) as e:
        realisasi_import(pengguna=persona("perencana"), berkas=berkas, renja=renja_final)
    pesan = sorted(m.pesan for m in e.value.masalah)
    assert pesan == [
        "'tiga' is not a number",
        "1.6.1.1.20 has detail rows; enter the realisation on them",
        "quarter 1 of 1.6.1.1.20.5 is already locked",
        "realisation cannot be negative",
    ]


def test_a_negative_or_locked_realisation_is_refused_in_english(renja_final, persona, katalog_inggris):  # noqa: F811
    op = persona("perencana")
    baris = _baris(renja_final, "1.6.1.1.20.3")
    ind = baris.indikator.order_by("urutan").first()
    with translation.override("en"):
        with pytest.raises(KesosError, match=r"^The budget realisation cannot be negative\.$"):
            services.realisasi_simpan(baris=baris, triwulan=2, rupiah=-1, nilai={}, pengguna=op)
        r = services.realisasi_simpan(
            baris=baris, triwulan=1, rupiah=1_000, nilai={ind.id: D(2)}, pengguna=op
        )
        r = services.realisasi_ajukan(realisasi=r, pengguna=op)
        with pytest.raises(TidakBolehDiubah) as e:
            services.realisasi_simpan(
                baris=baris, triwulan=1, rupiah=2_000, nilai={ind.id: D(3)}, versi=r.versi, pengguna=op
            )
    assert str(e.value) == (
        "The realisation of 1.6.1.1.20.3 for quarter 1 has been submitted and is locked; "
        "only the Head of Office corrects it."
    )


def test_the_realisation_page_confirms_in_english(login, renja_final, katalog_inggris):  # noqa: F811
    c = login("perencana")
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    baris = _baris(renja_final, "1.6.1.1.20.3")
    ind = baris.indikator.order_by("urutan").first()
    r = c.post(
        reverse("monev:realisasi-form", args=[baris.pk, 1]),
        {
            "rupiah": "1.000",
            f"ind_{ind.id}": "2",
            "faktor_pendorong": "",
            "faktor_penghambat": "",
            "tindak_lanjut": "",
        },
        follow=True,
    )
    assert "Realisation of quarter 1 of 1.6.1.1.20.3 saved." in r.content.decode()


def test_a_figure_that_cannot_be_computed_says_so_in_the_users_language(katalog_inggris):
    from kesos.monev.templatetags.monev_format import persen

    assert persen(None) == "tidak dapat dihitung"
    with translation.override("en"):
        assert persen(None) == "cannot be computed"
        assert persen(D("94.444")) == "94,44 %"
