"""Coverage of a programme per area and its eligible-but-not-served list, as XLSX bytes;
the coverage chart as SVG or PNG (matplotlib on the server)."""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from kesos.bansos.queries import Cakupan  # noqa: E402
from kesos.registri.nik import samarkan  # noqa: E402

from .gaya import FORMAT_ANGKA, FORMAT_PERSEN, Penata, atur_cetak, sel_kepala, simpan  # noqa: E402
from .grafik import tersimpan  # noqa: E402

KOLOM_CAKUPAN = [
    "Kode",
    "Wilayah",
    "Layak",
    "Terdaftar",
    "Tersalur",
    "Layak belum tersalur",
    "Layak tersalur (%)",
]


def _judul(ws, teks: list[str], lebar: int) -> None:
    for i, t in enumerate(teks, start=1):
        ws.cell(row=i, column=1, value=t).font = Font(bold=i == 1, size=12 if i == 1 else 11)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=lebar)


def buat_xlsx_cakupan(c: Cakupan) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Cakupan"
    _judul(
        ws,
        [
            f"Cakupan {c.program.kode} {c.program.nama}, periode {c.periode.nama}",
            f"Per {c.per}; wilayah {c.lingkup or 'seluruh kabupaten'}; "
            f"satuan: {c.program.get_satuan_display()}",
        ],
        len(KOLOM_CAKUPAN),
    )
    for k, j in enumerate(KOLOM_CAKUPAN, start=1):
        ws.cell(row=4, column=k, value=j)
        sel_kepala(ws, 4, k)
    penata = Penata()
    for r, b in enumerate([*c.baris, c.total], start=5):
        p = b.persen_tersalur
        nilai = [
            b.kode,
            b.nama,
            b.layak,
            b.terdaftar,
            b.tersalur,
            b.celah,
            float(p) if p is not None else "tidak dapat dihitung",
        ]
        for k, v in enumerate(nilai, start=1):
            sel = ws.cell(row=r, column=k, value=v)
            fmt = FORMAT_ANGKA if 3 <= k <= 6 else FORMAT_PERSEN if k == 7 and p is not None else None
            penata.terapkan(sel, format_angka=fmt, tebal=b is c.total)
    atur_cetak(ws, baris_kepala="4:4", lebar={1: 16, 2: 26, 3: 11, 4: 11, 5: 11, 6: 14, 7: 14}, bebas="C5")
    return simpan(wb)


KOLOM_BELUM = ["No", "NIK / No. KK", "Nama", "Kode desa", "Desa", "Status"]


def buat_xlsx_belum(*, judul: str, baris: list[tuple[str, str, str, str, str]], pribadi: bool) -> bytes:
    """Rows of (number, name, desa code, desa name, status); numbers masked and names left
    out when the reader may not see personal data."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Belum terlayani"
    _judul(ws, [judul, "" if pribadi else "Data pribadi disamarkan sesuai peran pengguna."], len(KOLOM_BELUM))
    for k, j in enumerate(KOLOM_BELUM, start=1):
        ws.cell(row=4, column=k, value=j)
        sel_kepala(ws, 4, k)
    penata = Penata()
    for r, (nomor, nama, kode, desa, status) in enumerate(baris, start=5):
        nilai = [r - 4, nomor if pribadi else samarkan(nomor), nama if pribadi else "", kode, desa, status]
        for k, v in enumerate(nilai, start=1):
            penata.terapkan(ws.cell(row=r, column=k, value=v))
    atur_cetak(ws, baris_kepala="4:4", lebar={1: 7, 2: 20, 3: 28, 4: 16, 5: 22, 6: 24}, bebas="A5")
    return simpan(wb)


def grafik_cakupan(c: Cakupan, fmt: str = "svg") -> bytes:
    """The chart below, drawn once for the figures it shows (see grafik.tersimpan)."""
    data = (
        c.program.kode,
        c.periode.nama,
        c.program.get_satuan_display(),
        tuple((b.nama or b.kode, b.layak, b.terdaftar, b.tersalur) for b in c.baris[-40:]),
    )
    return tersimpan("cakupan", data, fmt, lambda: _gambar_cakupan(c, fmt))


def _gambar_cakupan(c: Cakupan, fmt: str = "svg") -> bytes:
    """Horizontal bars per area: eligible, enrolled and served side by side."""
    baris = c.baris[-40:]  # a desa view of a whole regency would be unreadable: the page says so
    nama = [b.nama or b.kode for b in baris]
    fig, ax = plt.subplots(figsize=(8, 0.42 * max(len(baris), 1) + 1.6))
    y = range(len(baris))
    tinggi = 0.27
    ax.barh([i - tinggi for i in y], [b.layak for b in baris], height=tinggi, color="#8c959f", label="Layak")
    ax.barh(list(y), [b.terdaftar for b in baris], height=tinggi, color="#4c9f38", label="Terdaftar")
    ax.barh(
        [i + tinggi for i in y], [b.tersalur for b in baris], height=tinggi, color="#0969da", label="Tersalur"
    )
    ax.set_yticks(list(y), nama, fontsize=8)
    ax.invert_yaxis()
    ax.set_title(f"Cakupan {c.program.kode} {c.periode.nama}", fontsize=11)
    ax.set_xlabel(f"Jumlah ({c.program.get_satuan_display()})")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, loc="lower right")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, bbox_inches="tight", dpi=150 if fmt == "png" else None)
    plt.close(fig)
    return buf.getvalue()
