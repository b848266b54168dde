"""Charts are drawn once for the data they show, and drawn again when that data changes."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.laporan import grafik
from kesos.monev import services
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja


@pytest.fixture
def renja_final(renstra_demo, renja_demo, persona):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    return rencana.renja_tetapkan_dengan_konfirmasi(renja=rancangan, pengguna=persona("kadis"))


@pytest.fixture
def hitung_gambar(monkeypatch):
    """Counts the charts matplotlib actually draws (each is still drawn)."""
    dihitung = []
    asli = grafik._simpan

    def _simpan(fig, fmt):
        dihitung.append(fmt)
        return asli(fig, fmt)

    monkeypatch.setattr(grafik, "_simpan", _simpan)
    cache.clear()
    return dihitung


def test_a_change_of_data_gives_a_new_achievement_chart(login, renja_final, hitung_gambar):
    c = login("kadis")
    alamat = reverse("monev:grafik-capaian", args=[renja_final.pk, "svg"])
    pertama = c.get(alamat).content
    assert c.get(alamat).content == pertama
    assert hitung_gambar == ["svg"]  # the second request was served from the cache

    baris = BarisRenja.objects.get(renja=renja_final, kode="1.6.1.1.20.3")
    ind = baris.indikator.order_by("urutan").first()
    services.realisasi_simpan(
        baris=baris, triwulan=1, rupiah=1_000, nilai={ind.id: Decimal(1)}, pengguna=SISTEM
    )
    kedua = c.get(alamat).content
    assert kedua != pertama and len(hitung_gambar) == 2
    assert c.get(alamat).content == kedua and len(hitung_gambar) == 2

    # Another format of the same data is another picture.
    assert c.get(reverse("monev:grafik-capaian", args=[renja_final.pk, "png"])).content.startswith(b"\x89PNG")
    assert len(hitung_gambar) == 3


def test_the_cache_key_is_the_data_shown(hitung_gambar):
    """The same data in two calls is one drawing; any figure, name or title that differs is
    another."""
    dasar = (2021, (("Program A", 80.0, "Tinggi"),))
    gambar = lambda: grafik._gambar_capaian(*dasar, "svg")  # noqa: E731
    a = grafik.tersimpan("capaian", dasar, "svg", gambar)
    assert grafik.tersimpan("capaian", dasar, "svg", gambar) == a
    assert len(hitung_gambar) == 1
    for lain in (
        (2022, (("Program A", 80.0, "Tinggi"),)),
        (2021, (("Program A", 80.01, "Tinggi"),)),
        (2021, (("Program B", 80.0, "Tinggi"),)),
        (2021, (("Program A", None, "tidak dapat dihitung"),)),
    ):
        grafik.tersimpan("capaian", lain, "svg", lambda lain=lain: grafik._gambar_capaian(*lain, "svg"))
    assert len(hitung_gambar) == 5
