"""End to end: events and their aid → the response time in T-C.29 (through the linked Renstra
indicator) and the SPM disaster indicators in the SPM table, numerator and denominator."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from kesos.bencana import services
from kesos.bencana.models import UkuranRenstra

from .conftest import DESA_A, DESA_B


def _t(tahun: int, bulan: int, hari: int, jam: int) -> datetime:
    return timezone.make_aware(datetime(tahun, bulan, hari, jam))


def _musim(admin, tahun: int) -> None:
    """Three events of a year: aid after 2, 6 and 30 hours; 50 victims of whom 31 served
    in the emergency period and 20 evacuated with complete means."""
    for i, (jeda, jiwa, dibantu, lengkap, desa) in enumerate(
        [(2, 20, 12, 10, DESA_A), (6, 10, 10, 10, DESA_B), (30, 20, 9, 0, DESA_A)]
    ):
        lapor = _t(tahun, 3 + i, 10, 6)
        k = services.kejadian_catat(
            pengguna=admin,
            jenis="tanah_longsor",
            uraian=f"Longsor {i}",
            waktu_lapor=lapor,
            desa=[desa],
            jiwa_terdampak=jiwa,
            dievakuasi=lengkap,
            dievakuasi_lengkap=lengkap,
        )
        services.kejadian_ubah_status(
            pengguna=admin, kejadian=k, status="tanggap_darurat", pada=lapor + timedelta(hours=1)
        )
        services.bantuan_catat(
            pengguna=admin,
            kejadian=k,
            waktu_serah=lapor + timedelta(hours=jeda),
            barang=[],
            penerima=[services.Penerima(jumlah_jiwa=dibantu)],
        )


def test_response_time_reaches_tc29_and_the_spm_table(renstra_demo, persona):
    from kesos.monev import queries as monev
    from kesos.perencanaan.models import RenstraIndikator
    from kesos.spm import queries as spm
    from kesos.spm.services import spm_muat_baku

    admin = persona("admin")
    _musim(admin, 2019)
    # An office whose Renstra has the strategic indicator: a row of its own, linked by admin.
    baris = RenstraIndikator.objects.get(uraian="Jumlah Kampung Siaga Bencana").baris
    ind = RenstraIndikator.objects.create(
        baris=baris,
        urutan=99,
        uraian="Respon time tanggap bencana",
        satuan="jam",
        jenis="terakhir",
        kumulatif=False,
    )
    services.tautan_renstra_simpan(pengguna=admin, indikator=ind, ukuran=UkuranRenstra.RESPON_MEDIAN)
    hasil = dict(
        (t.indikator_id, v) for t, v in services.capaian_renstra_perbarui(pengguna=admin, tahun=2019)
    )
    assert hasil[ind.pk] == Decimal("6.00")  # median of 2, 6 and 30 hours
    # T-C.29 of the Renja 2021 shows 2019's realisation in its column 7.
    tabel = monev.tc29(organisasi=renstra_demo.organisasi, tahun=2021)
    baris_tc29 = next(b for b in tabel.baris if b.indikator and b.indikator.pk == ind.pk)
    assert baris_tc29.kolom[7] == Decimal("6.00")

    spm_muat_baku()
    nilai = {
        h.indikator.pembilang: (h.pembilang, h.penyebut, h.persen)
        for t in spm.hitung(tahun=2019)
        for h in t.baris
        if h.indikator.pembilang.startswith("bencana.")
    }
    assert nilai["bencana.korban_terbantu"] == (Decimal(31), Decimal(50), Decimal("62.00"))
    assert nilai["bencana.korban_dievakuasi"] == (Decimal(20), Decimal(50), Decimal("40.00"))
    # Another year without events: "tidak dapat dihitung", never 0 % or 100 %.
    kosong = [
        h
        for t in spm.hitung(tahun=2018)
        for h in t.baris
        if h.indikator.pembilang == "bencana.korban_terbantu"
    ]
    assert kosong and all(h.persen is None for h in kosong)
