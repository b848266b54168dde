"""Realisation entry is offered (buttons, links) only where the user may save it: the pages ask
``services.boleh_simpan``, which asks the same policy actions as ``realisasi_simpan``; each
offer is checked against what the service then does."""

import re

import pytest
from django.urls import reverse

from kesos.inti.errors import KesosError
from kesos.monev import services
from kesos.monev.models import RealisasiTriwulan
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja

KODE = "1.6.1.1.20.3"


def url(nama, *args):
    return reverse(f"monev:{nama}", args=args)


@pytest.fixture
def renja_final(renstra_demo, renja_demo, persona):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    return rencana.renja_tetapkan_dengan_konfirmasi(renja=rancangan, pengguna=persona("kadis"))


def _simpan(baris, tw, pengguna):
    ada = RealisasiTriwulan.objects.filter(baris=baris, triwulan=tw).first()
    return services.realisasi_simpan(
        baris=baris, triwulan=tw, rupiah=1_000, nilai={}, versi=ada.versi if ada else None, pengguna=pengguna
    )


def _bisa(baris, tw, pengguna) -> bool:
    try:
        _simpan(baris, tw, pengguna)
    except KesosError:
        return False
    return True


@pytest.mark.parametrize("nama", ["perencana", "kadis", "reviewer", "operator_a", "admin"])
def test_e81_offers_entry_only_to_who_may_save(login, persona, renja_final, nama):
    catat = reverse("monev:realisasi", args=[renja_final.pk])
    html = login(nama).get(url("e81", renja_final.pk)).content.decode()
    baris = BarisRenja.objects.get(renja=renja_final, kode=KODE)
    # Offered exactly when saving a new quarter succeeds (no quarter is locked yet).
    assert (catat in html) == _bisa(baris, 1, persona(nama))


def test_e81_of_a_draft_offers_no_entry(login, renja_demo):
    html = login("perencana").get(url("e81", renja_demo.pk)).content.decode()
    assert reverse("monev:realisasi", args=[renja_demo.pk]) not in html


def test_head_is_offered_only_locked_quarters(login, persona, renja_final):
    baris = BarisRenja.objects.get(renja=renja_final, kode=KODE)
    r = _simpan(baris, 1, persona("perencana"))
    services.realisasi_ajukan(realisasi=r, pengguna=persona("perencana"))
    form = lambda tw: url("realisasi-form", baris.pk, tw)  # noqa: E731
    # The head: E.81 now offers entry; on the quarters page only the locked quarter links.
    kadis = login("kadis")
    assert (
        reverse("monev:realisasi", args=[renja_final.pk])
        in kadis.get(url("e81", renja_final.pk)).content.decode()
    )
    html = kadis.get(url("realisasi", renja_final.pk)).content.decode()
    assert f'href="{form(1)}"' in html and f'href="{form(2)}"' not in html
    assert _bisa(baris, 1, persona("kadis")) and not _bisa(baris, 2, persona("kadis"))
    # The planner: the open quarters link, the locked one does not.
    html = login("perencana").get(url("realisasi", renja_final.pk)).content.decode()
    assert f'href="{form(1)}"' not in html and f'href="{form(2)}"' in html
    # On the form itself: no save button where the save would be refused.
    tombol = re.compile(r'<button[^>]*value="simpan"')
    assert not tombol.search(login("perencana").get(form(1)).content.decode())
    assert tombol.search(login("perencana").get(form(2)).content.decode())
    assert tombol.search(login("kadis").get(form(1)).content.decode())
    assert not tombol.search(login("kadis").get(form(2)).content.decode())
    assert not _bisa(baris, 1, persona("perencana"))


def test_quarters_of_a_draft_offer_no_entry(login, renja_demo):
    baris = BarisRenja.objects.get(renja=renja_demo, kode=KODE)
    html = login("perencana").get(url("realisasi", renja_demo.pk)).content.decode()
    assert url("realisasi-form", baris.pk, 1) not in html and "realisasi-impor" not in html
    assert url("realisasi-impor", renja_demo.pk) not in html
    form = login("perencana").get(url("realisasi-form", baris.pk, 1)).content.decode()
    assert 'value="simpan"' not in form
