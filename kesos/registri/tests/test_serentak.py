"""Get-or-create races of the registry on PostgreSQL: the same NIK, classification or verval
mark saved by many users at the same instant ends as one row, every user answered clearly."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kesos.akun.access import SISTEM
from kesos.conftest import BUTUH_POSTGRESQL, serentak
from kesos.inti.errors import KesosError
from kesos.registri import services
from kesos.registri.models import Kategori, Klasifikasi, Orang, PutaranVerval, Verval

pytestmark = [BUTUH_POSTGRESQL, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _hanya_penolakan_jelas(hasil: list) -> None:
    for h in hasil:
        # A refusal the user can read (already there, changed meanwhile) is fine; a database error is not.
        assert not isinstance(h, Exception) or isinstance(h, KesosError | ValidationError), repr(h)


def test_the_same_new_person_saved_at_once_is_one_row(registri):
    hasil = serentak(
        12,
        lambda i, _: services.orang_simpan(
            nik="1804041203850001",
            nama=f"Budi {i}",
            jenis_kelamin="L",
            tanggal_lahir=date(1985, 3, 12),
            desa_kode="18.04.04.1001",
            pengguna=SISTEM,
        ),
    )
    _hanya_penolakan_jelas(hasil)
    assert Orang.data_pribadi.filter(nik="1804041203850001").count() == 1


def test_classification_and_verval_races_are_one_row(registri, persona):
    o, _ = services.orang_simpan(
        nik="1804041203850001",
        nama="Budi",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.04.1001",
        pengguna=SISTEM,
    )
    fm = Kategori.objects.get(kode="FM")
    hasil = serentak(
        12,
        lambda i, _: services.klasifikasi_tambah(
            orang=o, kategori=fm, tanggal=date(2026, 1, 1), pengguna=SISTEM
        ),
    )
    _hanya_penolakan_jelas(hasil)
    assert Klasifikasi.objects.filter(orang=o).count() == 1
    p = services.verval_buka(nama="Verval", pengguna=persona("kadis"))
    op = persona("operator_a")
    hasil = serentak(
        12,
        lambda i, _: services.verval_tandai(putaran=p, orang=o, hasil="valid", catatan=str(i), pengguna=op),
    )
    _hanya_penolakan_jelas(hasil)
    assert Verval.objects.filter(putaran=p, orang=o).count() == 1
    hasil = serentak(6, lambda i, _: services.verval_buka(nama=f"Verval {i}", pengguna=SISTEM))
    _hanya_penolakan_jelas(hasil)
    assert PutaranVerval.objects.filter(ditutup_pada__isnull=True).count() == 1
