"""The disaster chart: events and response time per kecamatan, and the yearly trend."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .grafik import _simpan, tersimpan  # noqa: E402


def grafik_respon(per_kecamatan, tren, tahun: int, fmt: str = "svg") -> bytes:
    """The chart below, drawn once for the figures it shows (see grafik.tersimpan)."""
    data = (
        tahun,
        tuple((p.label, p.kejadian, p.median_jam) for p in per_kecamatan),
        tuple((t.label, t.rata_jam, t.median_jam) for t in tren),
    )
    return tersimpan("respon", data, fmt, lambda: _gambar_respon(per_kecamatan, tren, tahun, fmt))


def _gambar_respon(per_kecamatan, tren, tahun: int, fmt: str = "svg") -> bytes:
    """Left: per kecamatan, events (bars) and median response time (labels). Right: mean and
    median response time per year."""
    fig, (kiri, kanan) = plt.subplots(1, 2, figsize=(10, max(3.5, 0.4 * len(per_kecamatan) + 1.5)))
    nama = [p.label for p in per_kecamatan]
    kiri.barh(nama, [p.kejadian for p in per_kecamatan], color="#0d6efd")
    for y, p in enumerate(per_kecamatan):
        teks = (
            "belum dibantu" if p.median_jam is None else f"median {str(p.median_jam).replace('.', ',')} jam"
        )
        kiri.text(p.kejadian, y, f"  {teks}", va="center", fontsize=8)
    kiri.invert_yaxis()
    kiri.set_xlabel("Jumlah kejadian")
    kiri.set_title(f"Kejadian per kecamatan, {tahun}", fontsize=10)
    kiri.set_xlim(0, max([1, *[p.kejadian for p in per_kecamatan]]) * 1.8)
    if not per_kecamatan:
        kiri.text(0.5, 0.5, "Belum ada kejadian", transform=kiri.transAxes, ha="center")
    th = [int(t.label) for t in tren]
    for attr, label, gaya in (("rata_jam", "rata-rata", "o-"), ("median_jam", "median", "s--")):
        titik = [
            (x, float(getattr(t, attr)))
            for x, t in zip(th, tren, strict=True)
            if getattr(t, attr) is not None
        ]
        if titik:
            kanan.plot([x for x, _ in titik], [v for _, v in titik], gaya, label=label)
    kanan.set_title("Respon time tanggap bencana per tahun (jam)", fontsize=10)
    kanan.set_xticks(th)
    if kanan.lines:
        kanan.legend(fontsize=8)
    for ax in (kiri, kanan):
        ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _simpan(fig, fmt)
