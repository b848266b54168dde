"""A synthetic Renja of any size, for benchmarks, in the local or the national shape; no persons."""

from kesos.akun.access import SISTEM
from kesos.perencanaan.models import Organisasi, Renja, SkemaKode, Tahap
from kesos.perencanaan.pohon import BarisData, IndikatorData, susun_pohon
from kesos.perencanaan.services import buat_renja_dari_data, renja_lanjutkan, sumber_dana_baku


def buat_renja_sintetis(
    *,
    kegiatan: int,
    per_program: int = 20,
    tahun: int = 2030,
    tahap: str = Tahap.RANCANGAN_AWAL,
    bentuk: str = "lokal",
    per_kegiatan: int = 10,
) -> Renja:
    """``kegiatan`` rows carrying pagu under urusan and bidang headings: in the 2021 document's
    local shape (program 1.6.9.1.P, kegiatan 1.6.9.1.P.K), or in the national shape
    (program 1.06.PP, kegiatan 1.06.PP.2.KK, sub-kegiatan 1.06.PP.2.KK.SSSS, ``per_kegiatan``
    sub-kegiatan to a kegiatan) when ``bentuk`` is "nasional"."""
    sumber_dana_baku()
    nasional = bentuk == "nasional"
    kode_org, skema = (
        ("9.99.0.00.0.00.01.0000", "nasional-050-5889") if nasional else ("1.6.9.1", "lokal-2021")
    )
    org, _ = Organisasi.objects.get_or_create(
        kode=kode_org, defaults={"nama": f"Dinas Sosial Sintetis ({bentuk})"}
    )
    bidang = "1.06" if nasional else "1.6"
    baris: list[BarisData] = [
        BarisData(kode="1", nama="URUSAN WAJIB PELAYANAN DASAR", level="urusan"),
        BarisData(kode=bidang, nama="URUSAN BIDANG SOSIAL", level="bidang", induk_kode="1"),
    ]
    n = 0

    def daun(kode: str, induk: str, level: str) -> BarisData:
        nonlocal n
        n += 1
        return BarisData(
            kode=kode,
            nama=f"Kegiatan Sintetis {kode}",
            level=level,
            induk_kode=induk,
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

    p = 0
    while n < kegiatan:
        p += 1
        kode_p = f"1.06.{p:02d}" if nasional else f"{kode_org}.{p}"
        baris.append(
            BarisData(
                kode=kode_p,
                nama=f"Program Sintetis {p}",
                level="program",
                induk_kode=bidang,
                indikator=[IndikatorData(f"Persentase capaian program {p}", "100 %", "100 %")],
            )
        )
        for k in range(1, per_program + 1):
            if n == kegiatan:
                break
            if not nasional:
                baris.append(daun(f"{kode_p}.{k}", kode_p, "kegiatan"))
                continue
            kode_k = f"{kode_p}.2.{k:02d}"
            baris.append(
                BarisData(
                    kode=kode_k,
                    nama=f"Kegiatan Sintetis {kode_k}",
                    level="kegiatan",
                    induk_kode=kode_p,
                    indikator=[IndikatorData("Persentase sub-kegiatan terlaksana", "100 %", "100 %")],
                )
            )
            for s in range(1, per_kegiatan + 1):
                if n == kegiatan:
                    break
                baris.append(daun(f"{kode_k}.{s:04d}", kode_k, "sub_kegiatan"))
    susun_pohon(baris)
    renja = buat_renja_dari_data(
        pengguna=SISTEM,
        organisasi=org,
        tahun=tahun,
        tahap=Tahap.RANCANGAN_AWAL,
        baris=baris,
        skema=SkemaKode.objects.get(kode=skema),
    )
    # A later stage comes from the stages before it, as in the office (a Final from a rancangan).
    while renja.tahap != tahap:
        renja = renja_lanjutkan(renja=renja, pengguna=SISTEM)
    return renja


def buat_realisasi_sintetis(renja: Renja) -> int:
    """Four quarters of realisation for every kegiatan of a (final) Renja, in bulk."""
    from decimal import Decimal

    from kesos.monev.models import RealisasiIndikator, RealisasiTriwulan
    from kesos.perencanaan.models import BarisRenja, Indikator

    kegiatan = list(BarisRenja.objects.filter(renja=renja, anak__isnull=True, pagu__isnull=False))
    realisasi = [
        RealisasiTriwulan(baris=b, triwulan=tw, rupiah=(b.pagu or 0) // 4, faktor_pendorong="dukungan pekon")
        for b in kegiatan
        for tw in range(1, 5)
    ]
    RealisasiTriwulan.objects.bulk_create(realisasi, batch_size=2000)
    ind = {}
    for i in Indikator.objects.filter(
        baris__renja=renja, baris__anak__isnull=True, baris__pagu__isnull=False
    ):
        ind.setdefault(i.baris_id, []).append(i)
    nilai = [
        RealisasiIndikator(realisasi=r, indikator=i, nilai=Decimal((i.target_angka or 4) / 4))
        for r in realisasi
        for i in ind.get(r.baris_id, [])
    ]
    RealisasiIndikator.objects.bulk_create(nilai, batch_size=2000)
    return len(realisasi)


def buat_renstra_sintetis(renja: Renja) -> None:
    """A Renstra mirroring the Renja, with three years of recorded figures, linked row by row."""
    from decimal import Decimal

    from kesos.monev.models import CapaianTahunan
    from kesos.perencanaan.models import BarisRenja, Indikator, Renstra, RenstraBaris, RenstraIndikator

    renstra = Renstra.objects.create(
        organisasi=renja.organisasi, tahun_mulai=renja.tahun - 3, tahun_akhir=renja.tahun + 1
    )
    baris = list(BarisRenja.objects.filter(renja=renja).order_by("urutan"))
    rb = RenstraBaris.objects.bulk_create(
        [
            RenstraBaris(
                renstra=renstra, level=b.level, urutan=b.urutan, kode=b.kode.replace(".", " "), nama=b.nama
            )
            for b in baris
        ],
        batch_size=2000,
    )
    per_id = {b.id: r for b, r in zip(baris, rb, strict=True)}
    for b, r in zip(baris, rb, strict=True):
        r.induk = per_id.get(b.induk_id)
        b.renstra_baris = r
    RenstraBaris.objects.bulk_update(rb, ["induk"], batch_size=2000)
    BarisRenja.objects.bulk_update(baris, ["renstra_baris"], batch_size=2000)
    indikator = list(Indikator.objects.filter(baris__renja=renja).order_by("id"))
    ri = RenstraIndikator.objects.bulk_create(
        [
            RenstraIndikator(
                baris=per_id[i.baris_id],
                urutan=i.urutan,
                uraian=i.uraian,
                target_akhir=(i.target_angka or Decimal(4)) * 5,
            )
            for i in indikator
        ],
        batch_size=2000,
    )
    for i, r in zip(indikator, ri, strict=True):
        i.renstra_indikator = r
    Indikator.objects.bulk_update(indikator, ["renstra_indikator"], batch_size=2000)
    catatan = []
    for r in ri:
        t = r.target_akhir / 5
        catatan += [
            CapaianTahunan(indikator=r, tahun=renja.tahun - 3, sampai_dengan=True, realisasi=t),
            CapaianTahunan(indikator=r, tahun=renja.tahun - 2, target=t, realisasi=t * Decimal("0.9")),
            CapaianTahunan(indikator=r, tahun=renja.tahun - 1, target=t),
        ]
    CapaianTahunan.objects.bulk_create(catatan, batch_size=3000)
