"""Issue 10: two first saves of one quarter's realisation at the same instant on PostgreSQL:
39 of 40 answered 500. Now the kegiatan's row is locked first, so they queue."""

import pytest
from django.test import Client
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.conftest import BUTUH_POSTGRESQL, serentak
from kesos.monev.models import RealisasiTriwulan
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja

pytestmark = [BUTUH_POSTGRESQL, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def baris_final(renstra_demo, renja_demo):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    final = rencana.renja_lanjutkan(renja=rancangan, pengguna=SISTEM)
    return BarisRenja.objects.get(renja=final, kode="1.6.1.1.20.3")


def test_twenty_concurrent_first_saves_of_a_quarter_store_one_row_and_no_500(baris_final, persona):
    perencana = persona("perencana")
    ind = baris_final.indikator.order_by("urutan").first()
    alamat = reverse("monev:realisasi-form", args=[baris_final.pk, 1])

    def masuk(i):
        c = Client()
        c.force_login(perencana)
        return c

    def simpan(i, c):
        return c.post(
            alamat,
            {"rupiah": str(1_000 + i), f"ind_{ind.id}": "3", "faktor_pendorong": f"pengguna {i}"},
        ).status_code

    jawaban = serentak(20, simpan, masuk)
    assert all(isinstance(j, int) for j in jawaban), jawaban
    assert all(j < 500 for j in jawaban), jawaban
    assert jawaban.count(302) >= 1  # one saved; the others were told someone saved first
    assert RealisasiTriwulan.objects.filter(baris=baris_final, triwulan=1).count() == 1
