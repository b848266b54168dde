import io

from openpyxl import load_workbook

from kesos.inti.ekspor import teks_aman as teks_csv
from kesos.laporan.bansos_xlsx import buat_xlsx_belum


def test_not_served_xlsx_keeps_formula_like_text_as_text_and_masks_for_readers():
    baris = [
        ("1804041203850001", '=HYPERLINK("http://x")', "18.04.04.2002", "+Kubu Perahu", "belum terdaftar")
    ]
    ws = load_workbook(io.BytesIO(buat_xlsx_belum(judul="=judul", baris=baris, pribadi=True))).active
    assert ws["A1"].value == "=judul" and ws["A1"].data_type == "s"
    assert (
        ws.cell(row=5, column=3).value.startswith("=HYPERLINK") and ws.cell(row=5, column=3).data_type == "s"
    )
    ws = load_workbook(io.BytesIO(buat_xlsx_belum(judul="x", baris=baris, pribadi=False))).active
    assert ws.cell(row=5, column=2).value == "1804••••••••0001" and not ws.cell(row=5, column=3).value


def test_csv_cells_that_would_run_as_formulas_are_prefixed():
    assert [teks_csv(v) for v in ("=1+1", "+62", "-5", "@A1", "Budi", None, 7)] == [
        "'=1+1",
        "'+62",
        "'-5",
        "'@A1",
        "Budi",
        None,
        7,
    ]
