"""Property: whatever receipts, issues, returns, stock-takes and simultaneous issues come in
whatever order, stock on hand equals the ledger's sum, never goes below zero, and every
refusal leaves the ledger as it was."""

import itertools
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kesos.akun.models import Peran
from kesos.akun.services import pengguna_buat
from kesos.bencana import queries, services
from kesos.bencana.models import Mutasi, Saldo
from kesos.bencana.validasi import IsianDitolak

PG = connection.vendor == "postgresql"
_nomor = itertools.count()

langkah = st.one_of(
    st.tuples(st.just("terima"), st.integers(min_value=-5, max_value=200)),
    st.tuples(st.just("keluar"), st.integers(min_value=-5, max_value=200)),
    st.tuples(st.just("kembali"), st.integers(min_value=-5, max_value=60)),
    st.tuples(st.just("opname"), st.integers(min_value=-5, max_value=300)),
    st.tuples(st.just("serentak"), st.lists(st.integers(min_value=1, max_value=120), min_size=2, max_size=3)),
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@settings(
    max_examples=25 if PG else 40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(urutan=st.lists(langkah, min_size=1, max_size=12))
def test_derived_stock_equals_the_ledger_and_never_goes_below_zero(urutan):
    n = next(_nomor)
    admin = pengguna_buat(username=f"admin{n}", password="sandi-uji-123", peran=Peran.ADMIN)
    g = services.gudang_simpan(pengguna=admin, kode=f"G{n}", nama=f"Gudang {n}")
    b = services.barang_simpan(pengguna=admin, kode=f"B{n}", nama="Beras", satuan="kg")
    hari = timezone.localdate()
    model = 0  # what the stock must be, kept by this test on its own
    keluar_terakhir = []

    def cek():
        saldo = Saldo.objects.filter(barang=b, gudang=g).values_list("jumlah", flat=True).first() or 0
        ledger = queries.stok_dari_ledger().get((b.pk, g.pk), 0)
        assert saldo == ledger == model
        assert saldo >= 0
        assert not Mutasi.objects.filter(barang=b, saldo_setelah__lt=0).exists()

    for jenis, nilai in urutan:
        sebelum = Mutasi.objects.filter(barang=b).count()
        try:
            if jenis == "terima":
                services.stok_terima(
                    pengguna=admin, gudang=g, barang=b, tanggal_terima=hari, jumlah=nilai, sumber="APBD"
                )
                model += nilai
            elif jenis == "keluar":
                m = services.stok_keluar(
                    pengguna=admin, gudang=g, barang=b, tanggal_keluar=hari, jumlah=nilai, tujuan="Posko"
                )
                keluar_terakhir.append(m)
                model -= nilai
            elif jenis == "kembali":
                rujukan = keluar_terakhir[-1] if keluar_terakhir else Mutasi.objects.filter(barang=b).first()
                services.stok_kembali(
                    pengguna=admin,
                    rujukan=rujukan,
                    tanggal_kembali=hari,
                    jumlah=nilai,
                    alasan="tidak terpakai",
                )
                model += nilai
            elif jenis == "opname":
                services.stok_opname_catat(
                    pengguna=admin,
                    gudang=g,
                    tanggal_opname=hari,
                    hitungan=[services.Hitungan(b, nilai, "selisih hitung")],
                )
                model = nilai
            else:
                model -= _serentak(admin, g, b, hari, nilai, model)
        except IsianDitolak:
            assert Mutasi.objects.filter(barang=b).count() == sebelum
        cek()
    assert queries.stok_periksa() == []


def _serentak(admin, g, b, hari, jumlah: list[int], ada: int) -> int:
    """Issues at the same instant (threads on their own connections on PostgreSQL; one after
    the other on SQLite). Returns what left; checks the refused ones were needed."""
    hasil = [None] * len(jumlah)

    def jalan(i):
        try:
            if PG:
                mulai.wait()
            hasil[i] = services.stok_keluar(
                pengguna=admin, gudang=g, barang=b, tanggal_keluar=hari, jumlah=jumlah[i], tujuan=f"Posko {i}"
            )
        except IsianDitolak as e:
            hasil[i] = e
        finally:
            if PG:
                connections.close_all()

    if PG:
        mulai = threading.Barrier(len(jumlah))
        utas = [threading.Thread(target=jalan, args=(i,)) for i in range(len(jumlah))]
        for t in utas:
            t.start()
        for t in utas:
            t.join(timeout=60)
    else:
        for i in range(len(jumlah)):
            jalan(i)
    keluar = sum(-h.jumlah for h in hasil if isinstance(h, Mutasi))
    assert keluar <= ada
    # A refused issue was refused because what was left could not cover it.
    for h, n in zip(hasil, jumlah, strict=True):
        assert isinstance(h, Mutasi | IsianDitolak), h
        if isinstance(h, IsianDitolak):
            assert h.kolom == "jumlah" and n > ada - keluar
    return keluar
