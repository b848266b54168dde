from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from kesos.akun.access import SISTEM
from kesos.bencana import services
from kesos.registri.services import orang_simpan

DESA_A = "18.04.04.2002"  # in kecamatan A (operator_a's area)
DESA_B = "18.04.05.2001"  # in kecamatan B


def jam(hari_lalu: int, jam: int = 8, menit: int = 0) -> datetime:
    d = timezone.localdate() - timedelta(days=hari_lalu)
    return timezone.make_aware(datetime(d.year, d.month, d.day, jam, menit))


@pytest.fixture
def stok(registri, persona):
    """A warehouse and two items, 100 packs of food received 30 days ago, expiring in a year."""
    admin = persona("admin")
    g = services.gudang_simpan(pengguna=admin, kode="GD-1", nama="Gudang Dinsos Liwa")
    beras = services.barang_simpan(pengguna=admin, kode="BRS", nama="Beras", satuan="kg", stok_minimum=50)
    selimut = services.barang_simpan(pengguna=admin, kode="SLM", nama="Selimut", satuan="lembar")
    services.stok_terima(
        pengguna=admin,
        gudang=g,
        barang=beras,
        tanggal_terima=timezone.localdate() - timedelta(days=30),
        jumlah=100,
        sumber="APBD",
        kedaluwarsa=timezone.localdate() + timedelta(days=365),
    )
    return {"gudang": g, "beras": beras, "selimut": selimut, "admin": admin}


@pytest.fixture
def orang_a(registri):
    o, _ = orang_simpan(
        nik="1804040101900001",
        nama="Warga Sintetis A",
        jenis_kelamin="L",
        tanggal_lahir=date(1990, 1, 1),
        desa_kode=DESA_A,
        pengguna=SISTEM,
    )
    return o


@pytest.fixture
def orang_b(registri):
    o, _ = orang_simpan(
        nik="1804054101900002",
        nama="Warga Sintetis B",
        jenis_kelamin="P",
        tanggal_lahir=date(1990, 1, 1),
        desa_kode=DESA_B,
        pengguna=SISTEM,
    )
    return o


@pytest.fixture
def kejadian_a(registri, persona):
    return services.kejadian_catat(
        pengguna=persona("operator_a"),
        jenis="tanah_longsor",
        uraian="Longsor di tebing jalan pekon",
        waktu_lapor=jam(5),
        desa=[DESA_A],
        jiwa_terdampak=40,
        kk_terdampak=10,
        dievakuasi=20,
        dievakuasi_lengkap=15,
    )
