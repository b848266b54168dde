"""The buffer-stock ledger: derived stock, refusals naming the field, entries that never change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kesos.akun.models import AuditLog
from kesos.bencana import queries, services
from kesos.bencana.models import JenisMutasi, LedgerTidakBolehDiubah, Mutasi, Saldo
from kesos.bencana.validasi import IsianDitolak
from kesos.inti.errors import TidakBerhak

HARI_INI = timezone.localdate


def keluar(stok, jumlah, **kw):
    return services.stok_keluar(
        pengguna=stok["admin"],
        gudang=stok["gudang"],
        barang=kw.pop("barang", stok["beras"]),
        tanggal_keluar=kw.pop("tanggal", HARI_INI()),
        jumlah=jumlah,
        tujuan="Posko Liwa",
        **kw,
    )


def test_stock_on_hand_is_the_sum_of_the_ledger(stok):
    keluar(stok, 30)
    keluar(stok, 20)
    assert queries.stok_saldo()[(stok["beras"].pk, stok["gudang"].pk)] == 50
    assert queries.stok_dari_ledger() == queries.stok_saldo()
    assert queries.stok_periksa() == []
    kartu = queries.kartu_stok(stok["beras"], stok["gudang"])
    assert [(m.jumlah, m.saldo_setelah) for m in kartu] == [(100, 100), (-30, 70), (-20, 50)]


def test_issue_below_zero_is_refused_naming_the_quantity_and_nothing_is_written(stok):
    keluar(stok, 60)
    sebelum = Mutasi.objects.count()
    with pytest.raises(IsianDitolak) as e:
        keluar(stok, 41)
    assert e.value.kolom == "jumlah"
    assert "tinggal 40" in str(e.value)
    assert Mutasi.objects.count() == sebelum
    assert Saldo.objects.get(barang=stok["beras"]).jumlah == 40


@pytest.mark.parametrize("jumlah", [0, -5, "abc", 1.5, True, 10**13, "1e3"])
def test_bad_quantities_are_refused_naming_the_field(stok, jumlah):
    with pytest.raises(IsianDitolak) as e:
        services.stok_terima(
            pengguna=stok["admin"],
            gudang=stok["gudang"],
            barang=stok["selimut"],
            tanggal_terima=HARI_INI(),
            jumlah=jumlah,
            sumber="Kemensos",
        )
    assert e.value.kolom == "jumlah"


def test_expiry_before_receipt_is_refused(stok):
    with pytest.raises(IsianDitolak) as e:
        services.stok_terima(
            pengguna=stok["admin"],
            gudang=stok["gudang"],
            barang=stok["beras"],
            tanggal_terima=HARI_INI(),
            jumlah=10,
            sumber="Donatur",
            kedaluwarsa=HARI_INI() - timedelta(days=1),
        )
    assert e.value.kolom == "kedaluwarsa"


def test_control_characters_and_long_text_are_refused(stok):
    for sumber, kolom in [("APBD\x00", "sumber"), ("x" * 201, "sumber"), ("", "sumber")]:
        with pytest.raises(IsianDitolak) as e:
            services.stok_terima(
                pengguna=stok["admin"],
                gudang=stok["gudang"],
                barang=stok["beras"],
                tanggal_terima=HARI_INI(),
                jumlah=1,
                sumber=sumber,
            )
        assert e.value.kolom == kolom


def test_an_entry_dated_before_the_card_s_last_entry_is_refused(stok):
    keluar(stok, 1)
    with pytest.raises(IsianDitolak) as e:
        keluar(stok, 1, tanggal=HARI_INI() - timedelta(days=40))
    assert e.value.kolom == "tanggal"


def test_return_before_its_issue_or_beyond_it_or_without_one_is_refused(stok):
    keluar_ = keluar(stok, 10, tanggal=HARI_INI() - timedelta(days=2))
    terima = Mutasi.objects.get(jenis=JenisMutasi.TERIMA)
    with pytest.raises(IsianDitolak) as e:
        services.stok_kembali(
            pengguna=stok["admin"],
            rujukan=keluar_,
            tanggal_kembali=HARI_INI() - timedelta(days=3),
            jumlah=1,
            alasan="sisa",
        )
    assert e.value.kolom == "tanggal"
    with pytest.raises(IsianDitolak) as e:
        services.stok_kembali(
            pengguna=stok["admin"], rujukan=terima, tanggal_kembali=HARI_INI(), jumlah=1, alasan="sisa"
        )
    assert e.value.kolom == "rujukan"
    services.stok_kembali(
        pengguna=stok["admin"], rujukan=keluar_, tanggal_kembali=HARI_INI(), jumlah=6, alasan="sisa"
    )
    with pytest.raises(IsianDitolak) as e:
        services.stok_kembali(
            pengguna=stok["admin"], rujukan=keluar_, tanggal_kembali=HARI_INI(), jumlah=5, alasan="sisa"
        )
    assert e.value.kolom == "jumlah" and "paling banyak 4" in str(e.value)
    assert queries.stok_saldo()[(stok["beras"].pk, stok["gudang"].pk)] == 96


def test_a_ledger_entry_is_never_edited_or_deleted(stok):
    m = Mutasi.objects.first()
    m.jumlah = 5
    with pytest.raises(LedgerTidakBolehDiubah):
        m.save()
    with pytest.raises(LedgerTidakBolehDiubah):
        m.delete()
    with pytest.raises(LedgerTidakBolehDiubah):
        Mutasi.objects.filter(pk=m.pk).update(jumlah=5)
    with pytest.raises(LedgerTidakBolehDiubah):
        Mutasi.objects.all().delete()
    assert Mutasi.objects.get(pk=m.pk).jumlah == 100


def test_stock_taking_posts_the_difference_with_its_reason(stok):
    with pytest.raises(IsianDitolak) as e:
        services.stok_opname_catat(
            pengguna=stok["admin"],
            gudang=stok["gudang"],
            tanggal_opname=HARI_INI(),
            hitungan=[services.Hitungan(stok["beras"], 97)],
        )
    assert e.value.kolom == "baris 1 alasan"
    assert Mutasi.objects.count() == 1
    op = services.stok_opname_catat(
        pengguna=stok["admin"],
        gudang=stok["gudang"],
        tanggal_opname=HARI_INI(),
        hitungan=[
            services.Hitungan(stok["beras"], 97, "karung sobek"),
            services.Hitungan(stok["selimut"], 0),
        ],
    )
    baris = {b.barang_id: b for b in op.baris.all()}
    assert baris[stok["beras"].pk].tercatat == 100 and baris[stok["beras"].pk].selisih == -3
    assert baris[stok["selimut"].pk].mutasi is None
    adj = Mutasi.objects.get(jenis=JenisMutasi.PENYESUAIAN)
    assert adj.jumlah == -3 and adj.alasan == "karung sobek"
    assert queries.stok_saldo()[(stok["beras"].pk, stok["gudang"].pk)] == 97
    assert queries.stok_periksa() == []


def test_below_minimum_and_near_expiry_lists(stok):
    admin, g, beras = stok["admin"], stok["gudang"], stok["beras"]
    assert queries.stok_di_bawah_minimum() == []
    services.stok_terima(
        pengguna=admin,
        gudang=g,
        barang=beras,
        tanggal_terima=HARI_INI(),
        jumlah=20,
        sumber="Donatur",
        kedaluwarsa=HARI_INI() + timedelta(days=10),
    )
    lots = queries.stok_hampir_kedaluwarsa(hari=30)
    assert [(lot.barang.kode, lot.sisa) for lot in lots] == [("BRS", 20)]
    # First-expiry-first-out: issuing 25 takes the 20 expiring soon first.
    keluar(stok, 25)
    assert queries.stok_hampir_kedaluwarsa(hari=30) == []
    keluar(stok, 50)
    assert [b.barang.kode for b in queries.stok_di_bawah_minimum()] == ["BRS"]


def test_only_the_office_manages_stock(stok, persona):
    for nama in ("operator_a", "reviewer", "kadis"):
        with pytest.raises(TidakBerhak):
            services.stok_terima(
                pengguna=persona(nama),
                gudang=stok["gudang"],
                barang=stok["beras"],
                tanggal_terima=HARI_INI(),
                jumlah=1,
                sumber="APBD",
            )


def test_every_entry_is_audited(stok):
    keluar(stok, 3)
    assert AuditLog.objects.filter(objek="bencana.Mutasi").count() == Mutasi.objects.count() == 2
