"""Charts for the head of office: achievement per program and its trend, as SVG or PNG bytes.

Drawing a chart costs matplotlib 0,1–0,3 s; its data a few milliseconds. So each chart is drawn
once for the data it shows and kept in Django's cache under a digest of exactly that data (what
is plotted, the labels, the format): when a figure changes, so does the key, and the next request
draws the new chart. Nothing has to remember to clear it.
"""

import hashlib
import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # no display on a server
import matplotlib.pyplot as plt  # noqa: E402
from django.core.cache import cache  # noqa: E402

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


# Part of every key: raise it when the drawing code changes, so no old picture is served.
VERSI_GAMBAR = 1
SIMPAN_DETIK = 7 * 24 * 60 * 60  # an unused chart leaves the cache after a week


def tersimpan(jenis: str, data: object, fmt: str, gambar: Callable[[], bytes]) -> bytes:
    """The chart ``jenis`` of ``data`` in ``fmt``: from the cache, or drawn by ``gambar`` and kept.

    ``data`` is everything the drawing shows (numbers, names, title), as plain values whose
    ``repr`` is stable."""
    digest = hashlib.sha256(repr((VERSI_GAMBAR, matplotlib.__version__, data)).encode()).hexdigest()
    kunci = f"kesos:grafik:{jenis}:{fmt}:{digest}"
    hasil = cache.get(kunci)
    if hasil is None:
        hasil = gambar()
        cache.set(kunci, hasil, SIMPAN_DETIK)
    return hasil


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
    # (name, achievement rounded as shown or None, rating): all the drawing shows.
    batang = tuple(
        (
            _pendek(r.baris.nama),
            None if r.rata_rata is None else float(bulat(r.rata_rata)),
            predikat(r.rata_rata),
        )
        for r in program
    )
    tahun = tabel.renja.tahun
    return tersimpan("capaian", (tahun, batang), fmt, lambda: _gambar_capaian(tahun, batang, fmt))


def _gambar_capaian(tahun: int, batang: tuple[tuple[str, float | None, str], ...], fmt: str) -> bytes:
    nama = [b[0] for b in batang]
    nilai = [b[1] if b[1] is not None else 0.0 for b in batang]
    warna = [WARNA.get(b[2], "#8c959f") for b in batang]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(batang) + 1.5))
    ax.barh(nama, nilai, color=warna)
    ax.axvline(100, color="#57606a", linestyle="--", linewidth=1)
    for y, (v, b) in enumerate(zip(nilai, batang, strict=True)):
        label = "belum ada realisasi" if b[1] is None else f"{v:.2f} %".replace(".", ",")
        ax.text(v + 1, y, label, va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Rata-rata capaian kinerja kegiatan (%)")
    ax.set_title(f"Capaian kinerja per program, Renja {tahun}", fontsize=11)
    ax.set_xlim(0, max([110.0, *[v + 15 for v in nilai]]))
    ax.spines[["top", "right"]].set_visible(False)
    return _simpan(fig, fmt)


def grafik_tren(tren: Tren, fmt: str = "svg") -> bytes:
    """Lines: each program's Renstra achievement to date, year by year."""
    tahun = tuple(tren.tahun)
    garis = tuple(
        (_pendek(nama, 40), tuple((t, float(v)) for t, v in zip(tahun, seri, strict=True) if v is not None))
        for nama, seri in tren.program.items()
    )
    return tersimpan("tren", (tahun, garis), fmt, lambda: _gambar_tren(tahun, garis, fmt))


def _gambar_tren(tahun: tuple[int, ...], garis: tuple, fmt: str) -> bytes:
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for nama, titik in garis:
        if titik:
            ax.plot([t for t, _ in titik], [v for _, v in titik], marker="o", label=nama)
    ax.set_xticks(tahun)
    ax.set_ylabel("Capaian target Renstra s/d tahun (%)")
    ax.set_title("Tren capaian Renstra per program", fontsize=11)
    ax.axhline(100, color="#57606a", linestyle="--", linewidth=1)
    ax.spines[["top", "right"]].set_visible(False)
    if garis:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return _simpan(fig, fmt)


def grafik_tercatat(tabel, judul: str, fmt: str = "svg", paling_banyak: int = 8) -> bytes:
    """Lines per category over the recorded years (unknown years are gaps, not zeros)."""
    baris = sorted(tabel.baris, key=lambda b: -max([n for n in b[1] if n is not None] or [0]))[:paling_banyak]
    tahun = tuple(tabel.tahun)
    garis = tuple(
        (
            _pendek(kategori.nama, 40),
            tuple((t, n) for t, n in zip(tahun, nilai, strict=True) if n is not None),
        )
        for kategori, nilai, _turunan in baris
    )
    return tersimpan(
        "tercatat", (judul, tahun, garis), fmt, lambda: _gambar_tercatat(judul, tahun, garis, fmt)
    )


def _gambar_tercatat(judul: str, tahun: tuple[int, ...], garis: tuple, fmt: str) -> bytes:
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for nama, titik in garis:
        if titik:
            ax.plot([t for t, _ in titik], [n for _, n in titik], marker="o", label=nama)
    ax.set_xticks(tahun)
    ax.set_yscale("log")
    ax.set_ylabel("Jumlah (skala log)")
    ax.set_title(judul, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return _simpan(fig, fmt)
