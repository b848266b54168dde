import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import ImportDitolak
from kesos.laporan.renja_xlsx import buat_xlsx
from kesos.perencanaan import queries
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import BarisRenja, Indikator, Renja, Tahap


def _sel(data: bytes, mulai: int = 5) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).active
    return [[c.value for c in r] for r in ws.iter_rows(min_row=mulai)]


def _ekspor(renja) -> bytes:
    return buat_xlsx(queries.renja_ringkasan(renja))


def test_export_import_export_gives_the_same_cells(renja_demo):
    pertama = _ekspor(renja_demo)
    hasil = renja_import(
        pengguna=SISTEM, berkas=pertama, organisasi=renja_demo.organisasi, tahun=2021, tahap=Tahap.RANCANGAN
    )
    assert hasil.jumlah_baris == 59  # urusan, bidang, 10 program, 47 kegiatan
    assert _sel(_ekspor(hasil.renja)) == _sel(pertama)
    assert queries.renja_ringkasan(hasil.renja).pohon.total == 5_694_430_455


def _dengan_sel(data: bytes, ubah: dict) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    for (kode, kolom), nilai in ubah.items():
        row = next(r for r in ws.iter_rows() if r[0].value == kode)
        row[kolom - 1].value = nilai
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _jumlah_tersimpan():
    return (
        Renja.objects.count(),
        BarisRenja.objects.count(),
        Indikator.objects.count(),
        AuditLog.objects.count(),
    )


def test_bad_file_is_refused_whole_with_every_problem_and_nothing_stored(renja_demo):
    rusak = _dengan_sel(
        _ekspor(renja_demo),
        {
            ("1.6.1.1.15.2", 6): "12.5x",  # pagu that is not rupiah
            ("1.6.1.1.15.3", 1): "1.6.1.1.16.99",  # a code not under its parent (program 15)
            ("1.6.1.1.15.5", 1): "1.6.1.1.15.4",  # a duplicate code
            ("1.6.1.1.15.6", 2): None,  # an empty name
            ("1.6.1.1.16", 6): 1,  # a program whose stated pagu differs from its rows'
        },
    )
    sebelum = _jumlah_tersimpan()
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=rusak, organisasi=renja_demo.organisasi, tahun=2022)
    assert _jumlah_tersimpan() == sebelum
    masalah = {(m.kolom, m.baris): m.pesan for m in e.value.masalah}
    kolom = {m.kolom for m in e.value.masalah}
    assert {"(6) Pagu Indikatif", "(1) Kode", "(2) Nama"} <= kolom
    assert any("12.5x" in p for p in masalah.values())
    # Its level and parent come from the code: a kegiatan of program 16 before program 16.
    assert any("1.6.1.1.16.99 tidak punya baris induk (Program 1.6.1.1.16)" in p for p in masalah.values())
    assert any("sudah dipakai di baris" in p for p in masalah.values())
    assert any(
        "program 1.6.1.1.16: tertulis Rp 1, jumlah baris di bawahnya Rp 369.314.000, selisih Rp 369.313.999"
        in p
        for p in masalah.values()
    )
    assert all(m.baris for m in e.value.masalah)
    # The unreadable pagu is reported once, not again as a wrong program total or TOTAL.
    assert not any("1.6.1.1.15 tertulis" in p or "TOTAL" in p for p in masalah.values())


def test_missing_column_is_named(renja_demo):
    wb = load_workbook(io.BytesIO(_ekspor(renja_demo)))
    ws = wb.active
    ws.cell(6, 6).value = None  # "Kebutuhan Dana / Pagu Indikatif" of the year itself
    ws.cell(7, 6).value = None  # and its "(6)" in the numbered row
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=buf.getvalue(), organisasi=renja_demo.organisasi, tahun=2022)
    assert [(m.baris, m.kolom) for m in e.value.masalah] == [(None, "(6) Pagu Indikatif")]


def test_office_layout_title_rows_repeated_headers_and_blank_rows(renja_demo):
    """A table as an office files it: dotted or spaced codes, page-break headers, blank rows."""
    wb = Workbook()
    ws = wb.active
    ws.append(["RENCANA KERJA DINAS SOSIAL"])
    ws.append([])
    kepala = [
        "Kode",
        "Nama",
        "Indikator",
        "Rencana Tahun 2023",
        None,
        None,
        None,
        "Catatan",
        "Prakiraan",
        None,
    ]
    nomor = [f"({i})" for i in range(1, 11)]
    ws.append(kepala)
    ws.append(nomor)
    ws.append(["1 6", "URUSAN SOSIAL"])
    ws.append(["1.6.1.1", "Dinas Sosial"])
    ws.append(
        ["1.6.1.1.15", "Program A", "• Persentase A", None, "100 %", "1.500.000", None, None, "100 %", 0]
    )
    ws.append(["1.6.1.1.15.1", "Kegiatan A1", "• Jumlah", "Liwa", "5 Orang", 1_000_000, "DAU", None, None, 0])
    ws.append([])
    ws.append(kepala)
    ws.append(nomor)
    ws.append(["1.6.1.1.15.2", "Kegiatan A2", "• Jumlah", "Liwa", "2 kali", "500.000", "Dana Alokasi Umum"])
    ws.append(["TOTAL", None, None, None, None, 1_500_000, None, None, None, 0])
    buf = io.BytesIO()
    wb.save(buf)
    hasil = renja_import(pengguna=SISTEM, berkas=buf.getvalue(), organisasi=renja_demo.organisasi, tahun=2023)
    r = queries.renja_ringkasan(hasil.renja)
    assert [(b.kode, b.level, b.pagu_hitung) for b in r.pohon.urut] == [
        ("1 6", "bidang", 1_500_000),
        ("1.6.1.1.15", "program", 1_500_000),
        ("1.6.1.1.15.1", "kegiatan", 1_000_000),
        ("1.6.1.1.15.2", "kegiatan", 500_000),
    ]


def test_not_an_xlsx_is_refused(renja_demo):
    with pytest.raises(ImportDitolak, match="ditolak"):
        renja_import(pengguna=SISTEM, berkas=b"bukan xlsx", organisasi=renja_demo.organisasi, tahun=2022)


def test_cli_export_then_import(renja_demo, tmp_path, capsys):
    f = tmp_path / "renja.xlsx"
    call_command(
        "renja", "export", "--year", "2021", "--organisasi", "1.6.1.1", "--format", "xlsx", "-o", str(f)
    )
    assert _sel(f.read_bytes())[3][0] == "1"
    call_command("renja", "import", str(f), "--organisasi", "1.6.1.1", "--year", "2022")
    assert "59 baris diimpor" in capsys.readouterr().out
    assert Renja.objects.filter(tahun=2022, tahap=Tahap.RANCANGAN_AWAL).exists()
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("renja", "import", str(f), "--organisasi", "1.6.1.1", "--year", "2022")


def test_cli_organisasi_add(db):
    call_command("organisasi", "add", "1.6.1.2", "Dinas Sosial Kabupaten Contoh")
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("organisasi", "add", "1.6.1.2", "Lagi")


def test_export_then_import_keeps_the_links_to_the_renstra(renstra_demo, renja_demo):
    """Links travel with the row, by code, from the office's previous version."""
    tertaut = dict(BarisRenja.objects.filter(renja=renja_demo).values_list("kode", "renstra_baris_id"))
    ind = set(
        Indikator.objects.filter(baris__renja=renja_demo, renstra_indikator__isnull=False).values_list(
            "baris__kode", "renstra_indikator_id"
        )
    )
    assert sum(1 for v in tertaut.values() if v) >= 40 and ind
    hasil = renja_import(
        pengguna=SISTEM,
        berkas=_ekspor(renja_demo),
        organisasi=renja_demo.organisasi,
        tahun=2021,
        tahap=Tahap.RANCANGAN,
    )
    assert (
        dict(BarisRenja.objects.filter(renja=hasil.renja).values_list("kode", "renstra_baris_id")) == tertaut
    )
    assert (
        set(
            Indikator.objects.filter(baris__renja=hasil.renja, renstra_indikator__isnull=False).values_list(
                "baris__kode", "renstra_indikator_id"
            )
        )
        == ind
    )
