"""Shared look of the office's tables: borders, header fill, number formats, print setup."""

import io
from copy import copy

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kesos.inti.ekspor import netralkan_xlsx

# The [$-421] tag says "Indonesian": separators follow it (5.694.430.455) whatever the reader's locale.
FORMAT_RUPIAH = "[$-421]#,##0"
FORMAT_ANGKA = "[$-421]#,##0.##"
FORMAT_PERSEN = '[$-421]0.00" %"'

_tipis = Side(style="thin", color="000000")
GARIS = Border(left=_tipis, right=_tipis, top=_tipis, bottom=_tipis)
TEBAL = Font(bold=True)
ATAS = Alignment(vertical="top", wrap_text=True)
TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
ISI_KEPALA = PatternFill("solid", fgColor="D9E1F2")
ISI_PROGRAM = PatternFill("solid", fgColor="F2F2F2")


def tinggi_baris(nilai: list, lebar: dict[int, float]) -> float:
    """Row height in points for wrapped text: spreadsheet programs do not grow rows that a
    generated file leaves at the default, so the text would be cut off in print."""
    baris = 1
    for kol, v in enumerate(nilai, start=1):
        if v is None or isinstance(v, int | float):
            continue
        per_baris = max(int(lebar.get(kol, 10) * 1.1), 1)
        baris = max(baris, sum(-(-max(len(t), 1) // per_baris) for t in str(v).split("\n")))
    return 13.0 * baris + 2


def sel_kepala(ws: Worksheet, baris: int, kolom: int) -> None:
    c = ws.cell(row=baris, column=kolom)
    c.font, c.alignment, c.border, c.fill = TEBAL, TENGAH, GARIS, ISI_KEPALA


def atur_cetak(ws: Worksheet, *, baris_kepala: str, lebar: dict[int, float], bebas: str) -> None:
    """Landscape A4, fit to width, the header repeated on every printed page, page numbers."""
    for kol, w in lebar.items():
        ws.column_dimensions[get_column_letter(kol)].width = w
    ws.freeze_panes = bebas
    ws.print_title_rows = baris_kepala
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.right.text = "Halaman &P dari &N"


def tanda_tangan_kepala(ws: Worksheet, organisasi, *, baris: int, kolom: int, sampai: int) -> None:
    """The head of office's signature block, as the office signs its tables."""
    tanda_tangan(
        ws,
        baris=baris,
        kolom=kolom,
        sampai=sampai,
        jabatan=f"KEPALA {organisasi.nama.upper()}",
        nama=organisasi.kepala_nama,
        pangkat=organisasi.kepala_jabatan,
        nip=organisasi.kepala_nip,
    )


def simpan(wb) -> bytes:
    """The workbook as bytes, every formula-looking text written as text (``inti.ekspor``)."""
    netralkan_xlsx(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def tanda_tangan(
    ws: Worksheet, *, baris: int, kolom: int, sampai: int, jabatan: str, nama: str, pangkat: str, nip: str
) -> None:
    for i, teks in enumerate(
        [jabatan, None, None, nama or "(nama kepala)", pangkat, f"NIP. {nip}" if nip else None]
    ):
        c = ws.cell(row=baris + i, column=kolom, value=teks)
        c.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)
        c.font = Font(bold=i in (0, 3), underline="single" if i == 3 else None)
        if i == 0:
            ws.row_dimensions[baris].height = 30
        ws.merge_cells(start_row=baris + i, start_column=kolom, end_row=baris + i, end_column=sampai)


class Penata:
    """Applies the body-cell styles quickly.

    openpyxl registers every style assignment in the workbook's style tables, which costs
    about 20 µs per attribute; a table of 3.000 rows × 29 columns took seconds. The first cell
    of each combination is styled normally; later cells copy its style record. ``_style`` is
    openpyxl's own per-cell record, copied the same way by its ``copy_worksheet``.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple, object] = {}

    def terapkan(self, cell, *, format_angka: str | None = None, tebal: bool = False, isi=None) -> None:
        kunci = (format_angka, tebal, isi.fgColor.rgb if isi is not None else None)
        gaya = self._cache.get(kunci)
        if gaya is not None:
            cell._style = copy(gaya)
            return
        cell.border, cell.alignment = GARIS, ATAS
        if format_angka:
            cell.number_format = format_angka
        if tebal:
            cell.font = TEBAL
        if isi is not None:
            cell.fill = isi
        self._cache[kunci] = copy(cell._style)
