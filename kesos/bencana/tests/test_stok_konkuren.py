"""Two operators issuing at the same instant: real concurrent transactions on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from kesos.bencana import queries, services
from kesos.bencana.models import Mutasi, Saldo
from kesos.bencana.validasi import IsianDitolak

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one write transaction at a time (IMMEDIATE); the race needs PostgreSQL",
    ),
]


def serentak(n: int, kerja) -> list:
    """Run ``kerja(i)`` in n threads, each on its own connection, released together."""
    mulai = threading.Barrier(n)
    hasil: list = [None] * n

    def jalan(i: int) -> None:
        try:
            mulai.wait()
            hasil[i] = kerja(i)
        except Exception as e:  # noqa: BLE001 - the refusal is the result being tested
            hasil[i] = e
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i,)) for i in range(n)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(timeout=60)
    return hasil


def test_two_issues_at_the_same_instant_cannot_both_take_the_last_stock(stok):
    g, beras, admin = stok["gudang"], stok["beras"], stok["admin"]

    def ambil(i):
        return services.stok_keluar(
            pengguna=admin,
            gudang=g,
            barang=beras,
            tanggal_keluar=timezone.localdate(),
            jumlah=60,
            tujuan=f"Posko {i}",
        )

    hasil = serentak(2, ambil)
    berhasil = [h for h in hasil if isinstance(h, Mutasi)]
    ditolak = [h for h in hasil if isinstance(h, IsianDitolak)]
    assert len(berhasil) == 1 and len(ditolak) == 1, hasil
    assert ditolak[0].kolom == "jumlah"
    assert Saldo.objects.get(barang=beras, gudang=g).jumlah == 40
    assert queries.stok_periksa() == []


def test_many_deliveries_at_once_never_take_stock_below_zero(stok, kejadian_a, persona):
    g, beras = stok["gudang"], stok["beras"]
    operator = persona("operator_a")

    def salur(i):
        return services.bantuan_catat(
            pengguna=operator,
            kejadian=kejadian_a,
            waktu_serah=timezone.now(),
            gudang=g,
            barang=[(beras, 15)],
            penerima=[services.Penerima(jumlah_jiwa=3, keterangan=f"kelompok {i}")],
        )

    hasil = serentak(10, salur)
    berhasil = [h for h in hasil if not isinstance(h, Exception)]
    assert len(berhasil) == 6, hasil  # 6 × 15 = 90 of the 100 kg; the 7th would need 105
    assert all(isinstance(h, IsianDitolak) for h in hasil if isinstance(h, Exception))
    assert Saldo.objects.get(barang=beras, gudang=g).jumlah == 10
    assert queries.stok_dari_ledger()[(beras.pk, g.pk)] == 10
    assert sorted(Mutasi.objects.filter(barang=beras).values_list("saldo_setelah", flat=True)) == [
        10,
        25,
        40,
        55,
        70,
        85,
        100,
    ]
