"""A synthetic Renja of any size, for benchmarks: plain programs and kegiatan, no persons."""

from kesos.perencanaan.models import Organisasi, Renja, Tahap
from kesos.perencanaan.pohon import BarisData, IndikatorData, susun_pohon
from kesos.perencanaan.services import buat_renja_dari_data, sumber_dana_baku


def buat_renja_sintetis(*, kegiatan: int, per_program: int = 20, tahun: int = 2030) -> Renja:
    sumber_dana_baku()
    org, _ = Organisasi.objects.get_or_create(kode="1.99", defaults={"nama": "Dinas Sosial Sintetis"})
    baris: list[BarisData] = []
    jumlah_program = -(-kegiatan // per_program)
    n = 0
    for p in range(1, jumlah_program + 1):
        kode_p = f"1.99.{p}"
        baris.append(
            BarisData(
                kode=kode_p,
                nama=f"Program Sintetis {p}",
                level="program",
                indikator=[IndikatorData(f"Persentase capaian program {p}", "100 %", "100 %")],
            )
        )
        for k in range(1, per_program + 1):
            if n == kegiatan:
                break
            n += 1
            baris.append(
                BarisData(
                    kode=f"{kode_p}.{k}",
                    nama=f"Kegiatan Sintetis {p}.{k}",
                    level="kegiatan",
                    induk_kode=kode_p,
                    lokasi="Liwa",
                    pagu=1_000_000 + 137 * n,
                    pagu_maju=1_100_000 + 91 * n,
                    sumber_dana="Dana Alokasi Umum",
                    catatan="",
                    indikator=[
                        IndikatorData(f"Jumlah penerima manfaat {n}", f"{n % 90 + 10} Orang", "100 Orang"),
                        IndikatorData("Persentase ketepatan waktu", "100 %", "100 %"),
                    ][: 1 + n % 2],
                )
            )
    susun_pohon(baris)
    return buat_renja_dari_data(organisasi=org, tahun=tahun, tahap=Tahap.RANCANGAN_AWAL, baris=baris)
