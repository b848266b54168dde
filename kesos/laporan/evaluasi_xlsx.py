"""Evaluation tables as XLSX: T-C.29 (Lampiran I of a Renja) and E.81 (Permendagri 86/2017).

Pure functions from query results to bytes. A percentage is a number shown with two
decimals; one that cannot be computed is written "tidak dapat dihitung", never 0 or 100.
"""

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kesos.monev.capaian import TIDAK_DAPAT_DIHITUNG, bulat
from kesos.monev.queries import TabelE81, TabelTC29
from kesos.perencanaan.models import Level

from .gaya import (
    FORMAT_ANGKA,
    FORMAT_PERSEN,
    FORMAT_RUPIAH,
    ISI_PROGRAM,
    TEBAL,
    Penata,
    atur_cetak,
    sel_kepala,
    simpan,
    tanda_tangan_kepala,
    tinggi_baris,
)


def _nilai(v: Decimal | int | None) -> float | int | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def _persen(v: Decimal | None, dapat: bool) -> float | str | None:
    if v is None:
        return TIDAK_DAPAT_DIHITUNG if dapat else None
    return float(bulat(v))


def _judul(ws: Worksheet, baris: list[str], lebar_kolom: int) -> None:
    for i, teks in enumerate(baris, start=1):
        c = ws.cell(row=i, column=1, value=teks)
        c.font = TEBAL
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=lebar_kolom)


def _tulis_baris(
    ws: Worksheet, r: int, nilai: list, format_kolom: dict[int, str], lebar: dict, tebal: bool, penata: Penata
) -> None:
    ws.row_dimensions[r].height = tinggi_baris(nilai, lebar)
    for kol, v in enumerate(nilai, start=1):
        c = ws.cell(row=r, column=kol, value=v)
        fmt = format_kolom.get(kol) if not isinstance(v, str) else None
        penata.terapkan(c, format_angka=fmt, tebal=tebal, isi=ISI_PROGRAM if tebal else None)


TC29_LEBAR = {1: 12, 2: 38, 3: 38, 4: 13, 5: 14, 6: 12, 7: 12, 8: 11, 9: 13, 10: 14, 11: 13}
TC29_KEPALA = 4


def buat_tc29(tabel: TabelTC29) -> bytes:
    n = tabel.tahun
    akhir = tabel.renstra.tahun_akhir if tabel.renstra else n + 1
    wb = Workbook()
    ws = wb.active
    ws.title = f"T-C.29 {n}"
    _judul(
        ws,
        [
            "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian Renstra "
            f"Perangkat Daerah s/d Tahun {n - 1}",
            f"Nama Perangkat Daerah: {tabel.organisasi.nama}",
        ],
        11,
    )
    k1, k2, k3 = TC29_KEPALA, TC29_KEPALA + 1, TC29_KEPALA + 2
    tunggal = {
        1: "Kode",
        2: "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        3: "Indikator Kinerja Program (Outcomes)/Kegiatan (Output)",
        4: f"Target Kinerja Capaian Program dan Kegiatan (Renstra Perangkat Daerah) Tahun {akhir}",
        5: f"Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun {n - 3}",
        9: f"Target Program dan Kegiatan (Renja Perangkat Daerah Tahun {n - 1})",
    }
    for kol, teks in tunggal.items():
        ws.cell(row=k1, column=kol, value=teks)
        ws.merge_cells(start_row=k1, start_column=kol, end_row=k2, end_column=kol)
    ws.cell(row=k1, column=6, value=f"Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu ({n - 2})")
    ws.merge_cells(start_row=k1, start_column=6, end_row=k1, end_column=8)
    ws.cell(
        row=k1,
        column=10,
        value=f"Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d Tahun {n - 1}",
    )
    ws.merge_cells(start_row=k1, start_column=10, end_row=k1, end_column=11)
    for kol, teks in {
        6: f"Target Renja Perangkat Daerah Tahun {n - 2}",
        7: f"Realisasi Renja Perangkat Daerah Tahun {n - 2}",
        8: "Tingkat Realisasi (%)",
        10: f"Realisasi Capaian Program dan Kegiatan s/d Tahun {n - 1}",
        11: "Tingkat Capaian Realisasi Target Renstra (%)",
    }.items():
        ws.cell(row=k2, column=kol, value=teks)
    for kol in range(1, 12):
        ws.cell(row=k3, column=kol, value=f"({kol})")
        for r in (k1, k2, k3):
            sel_kepala(ws, r, kol)
    ws.row_dimensions[k1].height = 45
    ws.row_dimensions[k2].height = 60

    format_kolom = {k: FORMAT_ANGKA for k in (4, 5, 6, 7, 9, 10)} | {8: FORMAT_PERSEN, 11: FORMAT_PERSEN}
    penata = Penata()
    r = k3 + 1
    sebelumnya = None
    for b in tabel.baris:
        k = b.kolom
        baru = b.baris is not sebelumnya
        sebelumnya = b.baris
        nilai = [
            b.baris.kode if baru else None,
            b.baris.nama if baru else None,
            b.indikator.uraian if b.indikator else None,
            *[_nilai(k.get(i)) for i in (4, 5, 6, 7)],
            _persen(k.get(8), k.get(6) is not None and k.get(7) is not None) if b.indikator else None,
            _nilai(k.get(9)),
            _nilai(k.get(10)),
            _persen(k.get(11), k.get(4) is not None and k.get(10) is not None) if b.indikator else None,
        ]
        _tulis_baris(ws, r, nilai, format_kolom, TC29_LEBAR, tebal=b.program, penata=penata)
        r += 1
    org = tabel.organisasi
    tanda_tangan_kepala(ws, org, baris=r + 2, kolom=8, sampai=11)
    atur_cetak(
        ws, baris_kepala=f"{k1}:{k3}", lebar=TC29_LEBAR, bebas=ws.cell(row=k3 + 1, column=3).coordinate
    )
    return simpan(wb)


# E.81 ---------------------------------------------------------------------------------

E81_KEPALA = 4
# Numbered column (n) of the form -> first spreadsheet column; (6)…(16) have K and Rp.
E81_KOLOM = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
for _n in range(6, 17):
    E81_KOLOM[_n] = 6 + (_n - 6) * 2
E81_KOLOM[17] = 28
E81_KOLOM[18] = 29
E81_LEBAR = {1: 5, 2: 14, 3: 14, 4: 34, 5: 30, 28: 16, 29: 30} | {c: 11 for c in range(6, 28)}


def buat_e81(tabel: TabelE81) -> bytes:
    renja = tabel.renja
    org = renja.organisasi
    n = renja.tahun
    wb = Workbook()
    ws = wb.active
    ws.title = f"E.81 {n}"
    _judul(
        ws,
        [
            f"Evaluasi terhadap Hasil Renja Perangkat Daerah Tahun {n}",
            f"Perangkat Daerah: {org.nama} · Renja tahap {renja.get_tahap_display()}",
        ],
        29,
    )
    k1, k2, k3 = E81_KEPALA, E81_KEPALA + 1, E81_KEPALA + 2
    judul = {
        1: "No",
        2: "Sasaran",
        3: "Kode",
        4: "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        5: "Indikator Kinerja Program (outcome)/Kegiatan (output)",
        6: "Target Renstra Perangkat Daerah pada Akhir Periode Renstra",
        7: f"Realisasi Capaian Kinerja Renstra Perangkat Daerah s/d Renja Tahun Lalu ({n - 1})",
        8: f"Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan ({n})",
        9: "Realisasi Triwulan I",
        10: "Realisasi Triwulan II",
        11: "Realisasi Triwulan III",
        12: "Realisasi Triwulan IV",
        13: f"Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi ({n})",
        14: "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja yang Dievaluasi (%)",
        15: f"Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun {n}",
        16: f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s/d Tahun {n} (%)",
        17: "Unit Perangkat Daerah Penanggung Jawab",
        18: "Keterangan",
    }
    for nomor, teks in judul.items():
        kol = E81_KOLOM[nomor]
        ws.cell(row=k1, column=kol, value=teks)
        ws.cell(row=k3, column=kol, value=f"({nomor})")
        if 6 <= nomor <= 16:
            ws.merge_cells(start_row=k1, start_column=kol, end_row=k1, end_column=kol + 1)
            ws.merge_cells(start_row=k3, start_column=kol, end_row=k3, end_column=kol + 1)
            ws.cell(row=k2, column=kol, value="K")
            ws.cell(row=k2, column=kol + 1, value="Rp")
        else:
            ws.merge_cells(start_row=k1, start_column=kol, end_row=k2, end_column=kol)
    for kol in range(1, 30):
        for r in (k1, k2, k3):
            sel_kepala(ws, r, kol)
    ws.row_dimensions[k1].height = 90

    format_kolom = {}
    penata = Penata()
    for nomor in range(6, 17):
        kol = E81_KOLOM[nomor]
        persen = nomor in (14, 16)
        format_kolom[kol] = FORMAT_PERSEN if persen else FORMAT_ANGKA
        format_kolom[kol + 1] = FORMAT_PERSEN if persen else FORMAT_RUPIAH

    r = k3 + 1
    nomor_urut = 0
    sebelumnya = None
    for row in tabel.baris:
        b = row.baris
        baru = b is not sebelumnya
        sebelumnya = b
        if baru:
            nomor_urut += 1
        program = b.level == Level.PROGRAM
        daun = b.daun
        keterangan = [row.predikat] if row.predikat and daun else []
        if program and row.rata_rata is not None:
            keterangan = [f"Rata-rata {bulat(row.rata_rata)} %: {row.predikat}"]
        for label, teks in (
            ("Pendorong", row.faktor_pendorong),
            ("Penghambat", row.faktor_penghambat),
            ("Tindak lanjut", row.tindak_lanjut),
        ):
            if teks:
                keterangan.append(f"{label}: {teks}")
        nilai: list = [None] * 29
        nilai[0] = nomor_urut if baru else None
        nilai[2] = b.kode if baru else None
        nilai[3] = b.nama if baru else None
        nilai[4] = row.indikator.uraian if row.indikator else None
        pasangan = {
            6: (row.renstra_target_k, None),
            7: (row.renstra_sampai_lalu_k, None),
            8: (row.target_k, row.target_rp if baru else None),
            13: (row.realisasi_k, row.realisasi_rp if baru else None),
            14: (
                _persen(row.capaian_k, daun and row.realisasi_k is not None and row.target_k is not None),
                _persen(row.capaian_rp, row.realisasi_rp is not None and bool(row.target_rp))
                if baru
                else None,
            ),
            15: (row.renstra_sampai_kini_k, None),
            16: (_persen(row.renstra_capaian_k, row.renstra_sampai_kini_k is not None), None),
        }
        for t in range(4):
            pasangan[9 + t] = (row.tw_k[t], row.tw_rp[t] if baru else None)
        for nomor, (k, rp) in pasangan.items():
            kol = E81_KOLOM[nomor] - 1
            nilai[kol] = _nilai(k) if not isinstance(k, str) else k
            nilai[kol + 1] = _nilai(rp) if not isinstance(rp, str) else rp
        nilai[27] = org.nama if baru else None
        nilai[28] = "\n".join(keterangan) or None
        _tulis_baris(ws, r, nilai, format_kolom, E81_LEBAR, tebal=program, penata=penata)
        r += 1

    for label, nilai in (
        ("Rata-rata capaian kinerja (%)", _persen(tabel.rata_rata, False)),
        ("Predikat kinerja", tabel.predikat),
        ("Realisasi anggaran (Rp)", tabel.total_realisasi),
        ("Tingkat realisasi anggaran (%)", _persen(tabel.capaian_anggaran, tabel.total_pagu > 0)),
    ):
        ws.cell(row=r, column=4, value=label).font = TEBAL
        c = ws.cell(row=r, column=E81_KOLOM[14], value=nilai)
        c.font = TEBAL
        if isinstance(nilai, float):
            c.number_format = FORMAT_PERSEN
        elif isinstance(nilai, int):
            c.number_format = FORMAT_RUPIAH
        r += 1

    ws.cell(row=r + 1, column=4, value="Disusun")
    ws.cell(row=r + 2, column=4, value=f"{org.nama}")
    tanda_tangan_kepala(ws, org, baris=r + 1, kolom=24, sampai=29)
    atur_cetak(ws, baris_kepala=f"{k1}:{k3}", lebar=E81_LEBAR, bebas=ws.cell(row=k3 + 1, column=5).coordinate)
    return simpan(wb)
