"""The Renja's program-and-kegiatan table (T-C.33, Permendagri 86/2017) as an XLSX file.

A pure function from a Renja summary to bytes: views, the CLI and tests call it alike.
"""

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from kesos.perencanaan.models import LEVEL_KEPALA, Level
from kesos.perencanaan.queries import RingkasanRenja

from .gaya import (
    FORMAT_RUPIAH,
    ISI_PROGRAM,
    Penata,
    atur_cetak,
    sel_kepala,
    simpan,
    tanda_tangan_kepala,
    tinggi_baris,
)

JUDUL_KOLOM = {
    1: "Kode",
    2: "Nama Urusan/Bidang Urusan/Pemerintahan Daerah dan Program/Kegiatan",
    3: "Indikator Kinerja Program/Kegiatan (outcome/output)",
    4: "Lokasi",
    5: "Target Capaian Kinerja",
    6: "Kebutuhan Dana / Pagu Indikatif",
    7: "Sumber Dana",
    8: "Catatan Penting",
    9: "Target Capaian Kinerja",
    10: "Kebutuhan Dana / Pagu Indikatif",
}
LEBAR = {1: 18, 2: 42, 3: 46, 4: 14, 5: 16, 6: 18, 7: 18, 8: 14, 9: 16, 10: 18}
BULLET = "• "
BARIS_KEPALA = 5  # the two header rows are 5 and 6; the numbered row is 7


def judul(ringkasan: RingkasanRenja) -> list[str]:
    r = ringkasan.renja
    return [
        f"Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {r.tahun} "
        f"dan Prakiraan Maju Tahun {r.tahun + 1}",
        f"Nama Perangkat Daerah: {r.organisasi.nama}",
        f"Tahap: {r.get_tahap_display()}",
    ]


def buat_xlsx(ringkasan: RingkasanRenja) -> bytes:
    renja, pohon = ringkasan.renja, ringkasan.pohon
    org = renja.organisasi
    wb = Workbook()
    ws = wb.active
    ws.title = f"T-C.33 {renja.tahun}"

    for i, teks in enumerate(judul(ringkasan), start=1):
        ws.cell(row=i, column=1, value=teks).font = Font(bold=True, size=12 if i == 1 else 11)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=10)

    k1, k2, k3 = BARIS_KEPALA, BARIS_KEPALA + 1, BARIS_KEPALA + 2
    for kol in (1, 2, 3, 8):
        ws.cell(row=k1, column=kol, value=JUDUL_KOLOM[kol])
        ws.merge_cells(start_row=k1, start_column=kol, end_row=k2, end_column=kol)
    ws.cell(row=k1, column=4, value=f"Rencana Tahun {renja.tahun}")
    ws.merge_cells(start_row=k1, start_column=4, end_row=k1, end_column=7)
    ws.cell(row=k1, column=9, value=f"Prakiraan Maju Rencana Tahun {renja.tahun + 1}")
    ws.merge_cells(start_row=k1, start_column=9, end_row=k1, end_column=10)
    for kol in (4, 5, 6, 7, 9, 10):
        ws.cell(row=k2, column=kol, value=JUDUL_KOLOM[kol])
    ws.row_dimensions[k1].height = 30
    ws.row_dimensions[k2].height = 45
    for kol in range(1, 11):
        ws.cell(row=k3, column=kol, value=f"({kol})")
        for r in (k1, k2, k3):
            sel_kepala(ws, r, kol)

    baris_ke = k3 + 1
    penata = Penata()

    def tulis(nilai: list, tebal: bool = False, isi: PatternFill | None = None) -> None:
        nonlocal baris_ke
        ws.row_dimensions[baris_ke].height = tinggi_baris(nilai, LEBAR)
        for kol, v in enumerate(nilai, start=1):
            c = ws.cell(row=baris_ke, column=kol, value=v)
            penata.terapkan(c, format_angka=FORMAT_RUPIAH if kol in (6, 10) else None, tebal=tebal, isi=isi)
        baris_ke += 1

    kosong = [None] * 8
    # Where program codes carry the office's code (1.6.1.1.15), the office heads its programs
    # as the document writes it: after the urusan and bidang rows, before the first program.
    baris_organisasi = [org.kode, org.nama, *kosong] if ringkasan.skema.kode_memuat_organisasi else None

    for b in pohon.urut:
        program = b.level == Level.PROGRAM
        if baris_organisasi and b.level not in LEVEL_KEPALA:
            tulis(baris_organisasi, tebal=True)
            baris_organisasi = None
        induk = bool(b.anak)
        tulis(
            [
                b.kode,
                b.nama,
                "\n".join(BULLET + i.uraian for i in b.indikator if i.uraian.strip()) or None,
                b.lokasi or None,
                "\n".join(b.target) or None,
                b.pagu_hitung if (induk or program or b.pagu is not None) else None,
                b.sumber_dana,
                b.catatan or None,
                "\n".join(b.target_maju) or None,
                b.pagu_maju_hitung if (induk or program or b.pagu_maju is not None) else None,
            ],
            tebal=program or b.level in LEVEL_KEPALA,
            isi=ISI_PROGRAM if program else None,
        )
    tulis(
        ["TOTAL", None, None, None, None, pohon.total, None, None, None, pohon.total_maju],
        tebal=True,
    )
    ws.merge_cells(start_row=baris_ke - 1, start_column=1, end_row=baris_ke - 1, end_column=5)
    ws.merge_cells(start_row=baris_ke - 1, start_column=7, end_row=baris_ke - 1, end_column=9)

    tanda_tangan_kepala(ws, org, baris=baris_ke + 2, kolom=8, sampai=10)
    atur_cetak(ws, baris_kepala=f"{k1}:{k3}", lebar=LEBAR, bebas=ws.cell(row=k3 + 1, column=3).coordinate)

    return simpan(wb)
