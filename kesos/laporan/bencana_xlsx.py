"""Disaster workbooks: the year's events, aid, stock and ledger; the stock card of one item.
Pure functions from query results to bytes; every text cell is written as text, never as a
formula."""

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from .gaya import FORMAT_ANGKA, TEBAL, atur_cetak, sel_kepala, simpan, tinggi_baris

FORMAT_WAKTU = "dd/mm/yyyy hh:mm"
FORMAT_TANGGAL = "dd/mm/yyyy"
_AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _sel(ws: Worksheet, baris: int, kolom: int, nilai, fmt: str | None = None):
    c = ws.cell(row=baris, column=kolom)
    if isinstance(nilai, str):
        c.value = nilai
        # A text that a spreadsheet would run as a formula is stored as a plain string cell.
        if nilai.startswith(_AWALAN_RUMUS):
            c.data_type = "s"
    else:
        c.value = nilai
    if fmt:
        c.number_format = fmt
    return c


def _tabel(
    ws: Worksheet, judul: list[str], kepala: list[str], baris: list[list], lebar: dict[int, float], fmt=None
):
    for i, t in enumerate(judul, start=1):
        _sel(ws, i, 1, t).font = TEBAL
    k = len(judul) + 2
    for j, h in enumerate(kepala, start=1):
        _sel(ws, k, j, h)
        sel_kepala(ws, k, j)
    for i, r in enumerate(baris, start=k + 1):
        for j, v in enumerate(r, start=1):
            _sel(ws, i, j, v, (fmt or {}).get(j))
        ws.row_dimensions[i].height = tinggi_baris(r, lebar)
    atur_cetak(ws, baris_kepala=f"{k}:{k}", lebar=lebar, bebas=ws.cell(row=k + 1, column=1).coordinate)


def bencana_xlsx(data) -> bytes:
    """Four sheets: Kejadian, Bantuan, Stok, Mutasi; the year's response time and SPM atop."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kejadian"
    r = data.respon
    judul = [
        f"Kejadian bencana tahun {data.tahun}",
        f"Respon time: {r.dibantu} dari {r.kejadian} kejadian dibantu; rata-rata "
        f"{_jam(r.rata_jam)}, median {_jam(r.median_jam)}",
        *[
            f"SPM {s.nomor}: {int(s.pembilang)} / {int(s.penyebut)} = "
            f"{'tidak dapat dihitung' if s.persen is None else str(s.persen).replace('.', ',') + ' %'}"
            for s in data.spm
        ],
    ]
    kolom = [
        ("waktu_lapor", "Waktu dilaporkan"),
        ("jenis", "Jenis"),
        ("uraian", "Uraian"),
        ("kecamatan", "Kecamatan"),
        ("desa", "Desa/pekon"),
        ("lintang", "Lintang"),
        ("bujur", "Bujur"),
        ("status", "Status"),
        ("kk_terdampak", "KK terdampak"),
        ("jiwa_terdampak", "Jiwa terdampak"),
        ("luka", "Luka"),
        ("meninggal", "Meninggal"),
        ("hilang", "Hilang"),
        ("mengungsi", "Mengungsi"),
        ("dievakuasi", "Dievakuasi"),
        ("dievakuasi_lengkap", "Dievakuasi, sarana lengkap"),
        ("respon_jam", "Respon time (jam)"),
    ]
    _tabel(
        ws,
        judul,
        [h for _, h in kolom],
        [[k[f] for f, _ in kolom] for k in data.kejadian],
        {1: 17, 2: 18, 3: 34, 4: 16, 5: 18, **{i: 10 for i in range(6, 18)}},
        {1: FORMAT_WAKTU, 17: FORMAT_ANGKA},
    )
    ws = wb.create_sheet("Bantuan")
    kolom = ["waktu", "kejadian", "gudang", "barang", "penerima", "jiwa", "keterangan"]
    _tabel(
        ws,
        [f"Bantuan tanggap darurat tahun {data.tahun}"],
        ["Waktu diserahkan", "Kejadian", "Gudang", "Barang", "Baris penerima", "Jiwa", "Keterangan"],
        [[b[f] for f in kolom] for b in data.bantuan],
        {1: 17, 2: 30, 3: 20, 4: 40, 5: 10, 6: 10, 7: 30},
        {1: FORMAT_WAKTU},
    )
    ws = wb.create_sheet("Stok")
    _tabel(
        ws,
        ["Stok buffer bencana saat ekspor"],
        ["Kode", "Barang", "Satuan", "Stok", "Stok minimum", "Di bawah minimum"],
        [
            [
                s.barang.kode,
                s.barang.nama,
                s.barang.satuan,
                s.jumlah,
                s.barang.stok_minimum,
                "ya" if s.kurang else "",
            ]
            for s in data.stok
        ],
        {1: 12, 2: 30, 3: 10, 4: 12, 5: 12, 6: 12},
    )
    ws = wb.create_sheet("Mutasi")
    _tabel(
        ws,
        [f"Buku stok tahun {data.tahun}"],
        [
            "Tanggal",
            "Gudang",
            "Barang",
            "Jenis",
            "Jumlah",
            "Sisa",
            "Satuan",
            "Sumber/tujuan",
            "Nomor bukti",
            "Kedaluwarsa",
            "Alasan",
        ],
        [
            [
                m.tanggal,
                m.gudang.nama,
                m.barang.nama,
                m.get_jenis_display(),
                m.jumlah,
                m.saldo_setelah,
                m.satuan,
                m.sumber,
                m.referensi,
                m.kedaluwarsa,
                m.alasan,
            ]
            for m in data.mutasi
        ],
        {1: 12, 2: 20, 3: 24, 4: 16, 5: 10, 6: 10, 7: 9, 8: 28, 9: 16, 10: 12, 11: 24},
        {1: FORMAT_TANGGAL, 10: FORMAT_TANGGAL},
    )
    return simpan(wb)


def _jam(n) -> str:
    return "tidak dapat dihitung" if n is None else f"{str(n).replace('.', ',')} jam"


def kartu_stok_xlsx(barang, gudang, entri) -> bytes:
    """The stock card as warehouses keep it: date, voucher number, from/to, in, out, balance,
    expiry, remarks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Kartu stok"
    judul = [
        "KARTU STOK",
        f"Nama barang: {barang.nama}    Kode: {barang.kode}    Satuan: {barang.satuan}",
        f"Gudang: {gudang.nama}    Stok minimum: {barang.stok_minimum}",
    ]
    baris = [
        [
            m.tanggal,
            m.referensi,
            m.sumber,
            m.jumlah if m.jumlah > 0 else None,
            -m.jumlah if m.jumlah < 0 else None,
            m.saldo_setelah,
            m.kedaluwarsa,
            " ".join(x for x in (m.get_jenis_display(), m.alasan) if x),
        ]
        for m in entri
    ]
    _tabel(
        ws,
        judul,
        ["Tanggal", "No. bukti", "Dari / kepada", "Masuk", "Keluar", "Sisa", "Kedaluwarsa", "Keterangan"],
        baris,
        {1: 12, 2: 16, 3: 34, 4: 10, 5: 10, 6: 10, 7: 12, 8: 30},
        {1: FORMAT_TANGGAL, 7: FORMAT_TANGGAL},
    )
    return simpan(wb)
