import io

from openpyxl import load_workbook

from kesos.laporan.renja_xlsx import BARIS_KEPALA, FORMAT_RUPIAH, buat_xlsx
from kesos.perencanaan import queries


def _buka(renja):
    return load_workbook(io.BytesIO(buat_xlsx(queries.renja_ringkasan(renja)))).active


def _cari(ws, kolom1):
    return next(r for r in ws.iter_rows() if r[0].value == kolom1)


def test_header_has_two_rows_and_the_numbered_row(renja_demo):
    ws = _buka(renja_demo)
    assert "Dinas Sosial Kabupaten Lampung Barat" in ws["A2"].value
    assert ws.cell(BARIS_KEPALA, 4).value == "Rencana Tahun 2021"
    assert ws.cell(BARIS_KEPALA, 9).value == "Prakiraan Maju Rencana Tahun 2022"
    assert ws.cell(BARIS_KEPALA + 1, 6).value == "Kebutuhan Dana / Pagu Indikatif"
    assert [ws.cell(BARIS_KEPALA + 2, c).value for c in range(1, 11)] == [f"({i})" for i in range(1, 11)]


def test_rows_programs_and_total_read_back(renja_demo):
    ws = _buka(renja_demo)
    program = _cari(ws, "1.6.1.1.19")
    assert program[1].value.startswith("Program Pemberdayaan Fakir Miskin")
    assert program[5].value == 3_788_157_605
    assert program[5].number_format == FORMAT_RUPIAH
    assert program[0].font.bold
    assert program[2].value.splitlines() == [
        "• Persentase jumlah PMKS yang Mandiri",
        "• Persentase Perlindungan dan Jaminan Sosial bagi PMKS",
    ]
    assert program[4].value.splitlines() == ["15 Kecamatan", "0 %", "15 Kecamatan"]
    kegiatan = _cari(ws, "1.6.1.1.15.2")
    assert [c.value for c in kegiatan] == [
        "1.6.1.1.15.2",
        "Penyediaan Jasa Surat Menyurat",
        "• Jumlah surat Masuk 1000 dan jumlah surat keluar 1000",
        "Liwa",
        "1000 Surat",
        4_100_000,
        "Dana Alokasi Umum",
        "null",
        None,
        4_510_000,
    ]
    total = _cari(ws, "TOTAL")
    assert total[5].value == 5_694_430_455
    assert total[9].value == 6_611_182_965
    kode = [r[0].value for r in ws.iter_rows(min_row=BARIS_KEPALA + 3) if r[0].value]
    assert kode[:3] == ["1", "1 6", "1.6.1.1"]
    assert sum(1 for k in kode if k.count(".") == 5) == 47


def test_print_layout_is_landscape_a4_with_repeated_header(renja_demo):
    ws = _buka(renja_demo)
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.print_title_rows == f"${BARIS_KEPALA}:${BARIS_KEPALA + 2}"
