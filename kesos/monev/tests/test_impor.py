import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from kesos.akun.access import SISTEM
from kesos.inti.errors import ImportDitolak
from kesos.laporan.evaluasi_xlsx import E81_KOLOM, buat_e81
from kesos.monev import services
from kesos.monev.impor import realisasi_import
from kesos.monev.models import RealisasiIndikator, RealisasiTriwulan
from kesos.monev.queries import e81
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja


@pytest.fixture
def renja_final(renstra_demo, renja_demo, persona):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    return rencana.renja_lanjutkan(renja=rancangan, pengguna=persona("kadis"))


def _isi(data: bytes, isian: dict) -> bytes:
    """Fill cells of an exported E.81: {(kode, nomor_kolom, 0 for K / 1 for Rp): value}."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    for (kode, nomor, rp), nilai in isian.items():
        row = next(r for r in ws.iter_rows() if r[2].value == kode)
        row[E81_KOLOM[nomor] - 1 + rp].value = nilai
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _jumlah():
    return RealisasiTriwulan.objects.count(), RealisasiIndikator.objects.count()


def test_exported_e81_filled_in_imports_and_round_trips(renja_final):
    berkas = _isi(
        buat_e81(e81(renja_final)),
        {
            ("1.6.1.1.20.3", 9, 0): 3,
            ("1.6.1.1.20.3", 9, 1): "20.000.000",
            ("1.6.1.1.20.3", 10, 0): 5,
            ("1.6.1.1.20.3", 10, 1): 30_000_000,
            ("1.6.1.1.15.2", 9, 0): "250",
            ("1.6.1.1.15.2", 9, 1): 1_000_000,
        },
    )
    hasil = realisasi_import(pengguna=SISTEM, berkas=berkas, renja=renja_final)
    assert (hasil.jumlah_triwulan, hasil.jumlah_baris) == (3, 2)
    row = next(r for r in e81(renja_final).baris if r.baris.kode == "1.6.1.1.20.3")
    assert row.tw_k[:2] == [3, 5] and row.tw_rp[:2] == [20_000_000, 30_000_000] and row.realisasi_k == 8
    # What was imported exports again to the same cells.
    ws = load_workbook(io.BytesIO(buat_e81(e81(renja_final)))).active
    kat = next(r for r in ws.iter_rows() if r[2].value == "1.6.1.1.20.3")
    assert kat[E81_KOLOM[10] - 1].value == 5 and kat[E81_KOLOM[10]].value == 30_000_000


def test_bad_file_is_refused_whole_and_nothing_stored(renja_final, persona):
    baris = BarisRenja.objects.get(renja=renja_final, kode="1.6.1.1.20.5")
    ind = baris.indikator.first()
    r = services.realisasi_simpan(baris=baris, triwulan=1, rupiah=5, nilai={ind.id: D(1)}, pengguna=SISTEM)
    services.realisasi_ajukan(pengguna=SISTEM, realisasi=r)
    sebelum = _jumlah()
    berkas = _isi(
        buat_e81(e81(renja_final)),
        {
            ("1.6.1.1.20.3", 9, 0): "tiga",
            ("1.6.1.1.20.3", 9, 1): -5,
            ("1.6.1.1.15.2", 9, 0): 10,
            ("1.6.1.1.20.5", 9, 0): 2,
            ("1.6.1.1.20", 9, 0): 1,
        },
    )
    with pytest.raises(ImportDitolak) as e:
        realisasi_import(pengguna=persona("perencana"), berkas=berkas, renja=renja_final)
    assert _jumlah() == sebelum
    pesan = {(m.baris is not None, m.pesan) for m in e.value.masalah}
    teks = " | ".join(p for _, p in pesan)
    assert "'tiga' bukan angka" in teks and "tidak boleh negatif" in teks
    assert "sudah terkunci" in teks and "punya rincian" in teks
    assert all(ada_baris for ada_baris, _ in pesan)
    assert len(e.value.masalah) == 4  # 15.2 is fine and is not stored either


def test_cli_import(renja_final, tmp_path, capsys):
    f = tmp_path / "e81.xlsx"
    f.write_bytes(_isi(buat_e81(e81(renja_final)), {("1.6.1.1.24.1", 12, 1): 74_994_000}))
    call_command("evaluasi", "import", str(f), "--year", "2021")
    assert "1 realisasi triwulan" in capsys.readouterr().out
    assert RealisasiTriwulan.objects.get(triwulan=4).rupiah == 74_994_000
    f.write_bytes(b"bukan")
    with pytest.raises(CommandError, match="ditolak"):
        call_command("evaluasi", "import", str(f), "--year", "2021")


def test_locked_figures_carried_unchanged_by_an_export_are_accepted(renja_final, persona):
    baris = BarisRenja.objects.get(renja=renja_final, kode="1.6.1.1.20.5")
    ind = baris.indikator.first()
    r = services.realisasi_simpan(baris=baris, triwulan=1, rupiah=5, nilai={ind.id: D(1)}, pengguna=SISTEM)
    services.realisasi_ajukan(pengguna=SISTEM, realisasi=r)
    berkas = _isi(buat_e81(e81(renja_final)), {("1.6.1.1.20.5", 10, 0): 4})
    hasil = realisasi_import(pengguna=persona("perencana"), berkas=berkas, renja=renja_final)
    assert hasil.jumlah_triwulan == 1
    r.refresh_from_db()
    assert r.rupiah == 5 and RealisasiTriwulan.objects.get(baris=baris, triwulan=2).nilai.get().nilai == 4
