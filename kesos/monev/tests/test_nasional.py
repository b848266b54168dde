"""E.81 in the national shape: realisation recorded per sub-kegiatan and summed up every level."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kesos.akun.access import SISTEM
from kesos.inti.errors import ImportDitolak
from kesos.laporan.evaluasi_xlsx import E81_KOLOM, buat_e81
from kesos.monev import services
from kesos.monev.impor import realisasi_import
from kesos.monev.queries import e81
from kesos.perencanaan import services as rencana
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import BarisRenja, Organisasi
from kesos.perencanaan.tests.test_impor_bentuk import renja_nasional, tulis_sipd


@pytest.fixture
def final_nasional(db, persona):
    rencana.sumber_dana_baku()
    org = Organisasi.objects.create(
        kode="1.06.0.00.0.00.01.0000", nama="Dinas Sosial Kabupaten Pesisir Barat"
    )
    awal = renja_import(
        pengguna=SISTEM, berkas=tulis_sipd(renja_nasional()), organisasi=org, tahun=2022
    ).renja
    rancangan = rencana.renja_lanjutkan(renja=awal, pengguna=persona("perencana"))
    return rencana.renja_lanjutkan(renja=rancangan, pengguna=persona("kadis"))


def _sub(renja, kode):
    return BarisRenja.objects.get(renja=renja, kode=kode)


def test_quarters_of_sub_kegiatan_add_up_to_kegiatan_program_bidang_and_urusan(final_nasional):
    for kode, tw, rp in (("1.06.01.2.01.0001", 1, 10_000_000), ("1.06.01.2.01.0002", 1, 2_500_000)):
        services.realisasi_simpan(
            pengguna=SISTEM, baris=_sub(final_nasional, kode), triwulan=tw, rupiah=rp, nilai={}
        )
    services.realisasi_simpan(
        pengguna=SISTEM, baris=_sub(final_nasional, "1.06.04.2.01.0001"), triwulan=2, rupiah=7, nilai={}
    )
    tabel = e81(final_nasional)
    per_kode = {r.baris.kode: r for r in tabel.baris}
    assert per_kode["1.06.01.2.01"].tw_rp == [12_500_000, None, None, None]
    assert per_kode["1.06.01"].realisasi_rp == 12_500_000
    assert per_kode["1"].tw_rp == [12_500_000, 7, None, None]
    assert per_kode["1"].realisasi_rp == tabel.total_realisasi == 12_500_007
    # 12.500.000 of 37.500.000 for the program.
    assert round(per_kode["1.06.01"].capaian_rp, 2) == Decimal("33.33")


def _isi(data: bytes, isian: dict) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    for (kode, nomor, rp), nilai in isian.items():
        row = next(r for r in ws.iter_rows() if r[2].value == kode)
        row[E81_KOLOM[nomor] - 1 + rp].value = nilai
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_e81_file_records_sub_kegiatan_and_checks_the_sums_written_above_them(final_nasional):
    berkas = _isi(
        buat_e81(e81(final_nasional)),
        {("1.06.01.2.01.0001", 9, 1): 10_000_000, ("1.06.01.2.01", 9, 1): 10_000_000},
    )
    hasil = realisasi_import(pengguna=SISTEM, berkas=berkas, renja=final_nasional)
    assert hasil.jumlah_triwulan == 1
    # An exported file carries the sums; reading it again changes nothing.
    assert (
        realisasi_import(
            pengguna=SISTEM, berkas=buat_e81(e81(final_nasional)), renja=final_nasional
        ).jumlah_triwulan
        == 1
    )
    salah = _isi(buat_e81(e81(final_nasional)), {("1.06.01", 9, 1): 11_000_000})
    with pytest.raises(ImportDitolak) as e:
        realisasi_import(pengguna=SISTEM, berkas=salah, renja=final_nasional)
    assert [m.pesan for m in e.value.masalah] == [
        "triwulan 1 1.06.01: tertulis Rp 11.000.000, jumlah rinciannya Rp 10.000.000, selisih Rp 1.000.000"
    ]
