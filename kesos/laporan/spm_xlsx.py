"""The SPM table in the document's shape (indikator, target nasional, target daerah,
realisasi with numerator and denominator), computed from kesos data, as XLSX bytes."""

from openpyxl import Workbook
from openpyxl.styles import Font

from kesos.monev.capaian import TIDAK_DAPAT_DIHITUNG, bulat
from kesos.spm.queries import TabelSPM

from .gaya import FORMAT_ANGKA, FORMAT_PERSEN, Penata, atur_cetak, sel_kepala, simpan, tinggi_baris

KOLOM = [
    "No",
    "Jenis pelayanan dasar",
    "Indikator",
    "Target nasional (%)",
    "Target daerah",
    "Pembilang",
    "Penyebut",
    "Realisasi (%)",
    "Keterangan",
    "Isian manual (pembilang / penyebut)",
]
LEBAR = {1: 5, 2: 30, 3: 48, 4: 11, 5: 14, 6: 12, 7: 12, 8: 13, 9: 34, 10: 18}


def buat_xlsx_spm(tabel: list[TabelSPM]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for t in tabel:
        ws = wb.create_sheet(title=f"{t.set.kode}"[:31])
        ws.cell(
            row=1, column=1, value=f"Standar Pelayanan Minimal Bidang Sosial Tahun {t.tahun}"
        ).font = Font(bold=True, size=12)
        ws.cell(row=2, column=1, value=f"{t.set.nama}; {t.set.dasar_hukum}")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(KOLOM))
        for k, judul in enumerate(KOLOM, start=1):
            ws.cell(row=4, column=k, value=judul)
            sel_kepala(ws, 4, k)
        penata = Penata()
        for r, h in enumerate(t.baris, start=5):
            dihitung = h.dapat_dihitung
            nilai = [
                h.indikator.nomor,
                h.indikator.jenis_layanan,
                h.indikator.uraian,
                h.indikator.target_nasional,
                h.target_daerah or None,
                h.pembilang if dihitung else None,
                h.penyebut if dihitung else None,
                bulat(h.persen) if dihitung else TIDAK_DAPAT_DIHITUNG,
                "" if dihitung else h.alasan,
                f"{h.manual.pembilang} / {h.manual.penyebut}" if h.manual else None,
            ]
            ws.row_dimensions[r].height = tinggi_baris(nilai, LEBAR)
            for k, v in enumerate(nilai, start=1):
                c = ws.cell(row=r, column=k, value=v)
                fmt = FORMAT_PERSEN if k == 8 and dihitung else FORMAT_ANGKA if k in (4, 6, 7) else None
                penata.terapkan(c, format_angka=fmt)
        atur_cetak(ws, baris_kepala="4:4", lebar=LEBAR, bebas="D5")
    return simpan(wb)
