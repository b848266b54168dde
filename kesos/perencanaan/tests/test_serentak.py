"""Get-or-create races of the plan on PostgreSQL: one Renja stage, one office, one RKPD
ceiling per year, however many users create them at the same instant."""

import pytest
from django.core.exceptions import ValidationError

from kesos.akun.access import SISTEM
from kesos.conftest import BUTUH_POSTGRESQL, serentak
from kesos.inti.errors import KesosError
from kesos.perencanaan import services
from kesos.perencanaan.models import Organisasi, PaguRKPD, Renja

pytestmark = [BUTUH_POSTGRESQL, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _hanya_penolakan_jelas(hasil: list) -> None:
    for h in hasil:
        # A refusal the user can read (already there, changed meanwhile) is fine; a database error is not.
        assert not isinstance(h, Exception) or isinstance(h, KesosError | ValidationError), repr(h)


def test_creation_races_end_in_one_row(db):
    hasil = serentak(
        10, lambda i, _: services.organisasi_tambah(kode="1.6.1.9", nama=f"Dinas {i}", pengguna=SISTEM)
    )
    _hanya_penolakan_jelas(hasil)
    org = Organisasi.objects.get(kode="1.6.1.9")
    hasil = serentak(10, lambda i, _: services.renja_buat(organisasi=org, tahun=2027, pengguna=SISTEM))
    _hanya_penolakan_jelas(hasil)
    assert Renja.objects.filter(organisasi=org, tahun=2027).count() == 1
    hasil = serentak(
        10,
        lambda i, _: services.pagu_rkpd_tetapkan(organisasi=org, tahun=2027, pagu=1_000 + i, pengguna=SISTEM),
    )
    _hanya_penolakan_jelas(hasil)
    assert PaguRKPD.objects.filter(organisasi=org, tahun=2027).count() == 1
    renja = Renja.objects.get(organisasi=org, tahun=2027)
    hasil = serentak(8, lambda i, _: services.renja_lanjutkan(renja=renja, pengguna=SISTEM))
    _hanya_penolakan_jelas(hasil)
    assert Renja.objects.filter(organisasi=org, tahun=2027).count() == 2
