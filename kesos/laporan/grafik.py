"""Charts for the head of office: achievement per program and its trend, as SVG or PNG bytes."""

import io

import matplotlib

matplotlib.use("Agg")  # no display on a server
import matplotlib.pyplot as plt  # noqa: E402

from kesos.monev.capaian import bulat, predikat  # noqa: E402
from kesos.monev.queries import TabelE81, Tren  # noqa: E402
from kesos.perencanaan.models import Level  # noqa: E402

WARNA = {
    "Sangat Tinggi": "#1a7f37",
    "Tinggi": "#4c9f38",
    "Sedang": "#d4a72c",
    "Rendah": "#e36209",
    "Sangat Rendah": "#cf222e",
}


def _simpan(fig, fmt: str) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, bbox_inches="tight", dpi=150 if fmt == "png" else None)
    plt.close(fig)
    return buf.getvalue()


def _pendek(teks: str, n: int = 48) -> str:
    teks = teks.removeprefix("Program ").strip('"')
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def grafik_capaian_program(tabel: TabelE81, fmt: str = "svg") -> bytes:
    """Horizontal bars: each program's mean achievement this year, coloured by its rating."""
    program, dilihat = [], set()
    for r in tabel.baris:  # a program with several indicators has several rows: take the first
        if r.baris.level == Level.PROGRAM and id(r.baris) not in dilihat:
            dilihat.add(id(r.baris))
            program.append(r)
    nama = [_pendek(r.baris.nama) for r in program]
    nilai = [float(bulat(r.rata_rata)) if r.rata_rata is not None else 0.0 for r in program]
    warna = [WARNA.get(predikat(r.rata_rata), "#8c959f") for r in program]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(program) + 1.5))
    ax.barh(nama, nilai, color=warna)
    ax.axvline(100, color="#57606a", linestyle="--", linewidth=1)
    for y, (v, r) in enumerate(zip(nilai, program, strict=True)):
        label = "belum ada realisasi" if r.rata_rata is None else f"{v:.2f} %".replace(".", ",")
        ax.text(v + 1, y, label, va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Rata-rata capaian kinerja kegiatan (%)")
    ax.set_title(f"Capaian kinerja per program, Renja {tabel.renja.tahun}", fontsize=11)
    ax.set_xlim(0, max([110.0, *[v + 15 for v in nilai]]))
    ax.spines[["top", "right"]].set_visible(False)
    return _simpan(fig, fmt)


def grafik_tren(tren: Tren, fmt: str = "svg") -> bytes:
    """Lines: each program's Renstra achievement to date, year by year."""
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for nama, seri in tren.program.items():
        titik = [(t, float(v)) for t, v in zip(tren.tahun, seri, strict=True) if v is not None]
        if titik:
            ax.plot([t for t, _ in titik], [v for _, v in titik], marker="o", label=_pendek(nama, 40))
    ax.set_xticks(tren.tahun)
    ax.set_ylabel("Capaian target Renstra s/d tahun (%)")
    ax.set_title("Tren capaian Renstra per program", fontsize=11)
    ax.axhline(100, color="#57606a", linestyle="--", linewidth=1)
    ax.spines[["top", "right"]].set_visible(False)
    if tren.program:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return _simpan(fig, fmt)


def grafik_tercatat(tabel, judul: str, fmt: str = "svg", paling_banyak: int = 8) -> bytes:
    """Lines per category over the recorded years (unknown years are gaps, not zeros)."""
    fig, ax = plt.subplots(figsize=(9, 4.5))
    baris = sorted(tabel.baris, key=lambda b: -max([n for n in b[1] if n is not None] or [0]))[:paling_banyak]
    for kategori, nilai, _turunan in baris:
        titik = [(t, n) for t, n in zip(tabel.tahun, nilai, strict=True) if n is not None]
        if titik:
            ax.plot(
                [t for t, _ in titik], [n for _, n in titik], marker="o", label=_pendek(kategori.nama, 40)
            )
    ax.set_xticks(tabel.tahun)
    ax.set_yscale("log")
    ax.set_ylabel("Jumlah (skala log)")
    ax.set_title(judul, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return _simpan(fig, fmt)
