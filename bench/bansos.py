"""Benchmarks of issue 11 over a synthetic registry of N persons (default 1.000.000):
eligible-but-unserved for one programme over the whole regency, enrolling and paying
100.000 eligible persons in one cycle, matching a recipient list of 100.000 NIKs with its
report, and the SPM of a year. Each figure comes with a check of the answer against a count
made independently from the synthetic CSV (exact numbers, not only speed).

`.venv/bin/python -m bench.bansos [--persons N]` (SQLite in a temporary folder) or with
DATABASE_URL=postgres://… (a test_… database is created beside it and dropped afterwards).
The CSV is made once by the registry's generator into bench/out/ and shared with
bench.registri.
"""

import argparse
import csv
import os
import platform
import random
import resource
import statistics
import time
from datetime import date
from pathlib import Path

MULAI = date(date.today().year, 1, 1)  # the synthetic ages and categories hold as of today


def ukur(fungsi, ulang: int):
    waktu, hasil = [], None
    for _ in range(ulang):
        t = time.perf_counter()
        hasil = fungsi()
        waktu.append(time.perf_counter() - t)
    return statistics.median(waktu), min(waktu), hasil


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--ulang", type=int, default=3)
    parser.add_argument("--daftar", type=int, default=100_000, help="size of the enrolment and of the list")
    args = parser.parse_args()
    from bench import siapkan_django

    siapkan_django()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)  # a stale test database is replaced
    lama = runner.setup_databases()
    try:
        jalankan(args)
    finally:
        runner.teardown_databases(lama)


def _umur(lahir: date, pada: date) -> int:
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


def _tanggal(teks: str) -> date:
    if teks[2] == "-":
        return date(int(teks[6:]), int(teks[3:5]), int(teks[:2]))
    return date(int(teks[:4]), int(teks[5:7]), int(teks[8:]))


def hitung_sendiri(berkas: Path) -> dict:
    """Counts from the CSV alone, to hold the database's answers against."""
    fm, lansia, luts, pd_ = set(), set(), set(), set()
    kk_fm = set()
    semua = []
    with open(berkas, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            nik = r["nik"]
            semua.append(nik)
            kat = set(r["kategori"].split(";")) if r["kategori"] else set()
            if "Fakir miskin" in kat:
                fm.add(nik)
                kk_fm.add(r["no_kk"])
            if "Lanjut usia terlantar" in kat:
                luts.add(nik)
            if "Penyandang disabilitas" in kat:
                pd_.add(nik)
            if _umur(_tanggal(r["tanggal_lahir"]), MULAI) >= 65:
                lansia.add(nik)
    return {"fm": fm, "lansia": lansia, "lut": luts, "pd": pd_, "kk_fm": kk_fm, "semua": semua}


def jalankan(args: argparse.Namespace) -> None:
    from django.db import connection

    from kesos.akun.access import SISTEM
    from kesos.akun.models import Peran
    from kesos.akun.services import pengguna_buat
    from kesos.bansos import kelayakan, queries, services
    from kesos.bansos.impor import daftar_impor
    from kesos.bansos.models import JenisManfaat, Satuan
    from kesos.perencanaan.services import sumber_dana_baku
    from kesos.registri.impor import registri_import
    from kesos.registri.models import Orang
    from kesos.registri.services import kategori_muat_baku
    from kesos.registri.sintetis import tulis_csv
    from kesos.spm import queries as spm
    from kesos.spm.services import spm_muat_baku
    from kesos.wilayah.services import wilayah_muat_lampung_barat

    wilayah_muat_lampung_barat()
    kategori_muat_baku()
    sumber_dana_baku()
    spm_muat_baku()
    admin = pengguna_buat(username="bench", password="bench-bench-1", peran=Peran.ADMIN)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    berkas = out / f"registri_{args.persons}.csv"
    if not berkas.exists():
        tulis_csv(args.persons, berkas, seed=1)
    t = time.perf_counter()
    hasil = registri_import(berkas=berkas, pengguna=SISTEM)
    assert hasil.disimpan, hasil.catatan[:3]
    detik = time.perf_counter() - t
    print(f"basis data: {connection.vendor}; registri {hasil.dibuat:,} orang diimpor dalam {detik:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
    sendiri = hitung_sendiri(berkas)
    print(
        f"dari CSV: fakir miskin {len(sendiri['fm']):,}, usia ≥ 65 pada {MULAI:%d-%m-%Y} "
        f"{len(sendiri['lansia']):,}, KK dengan fakir miskin {len(sendiri['kk_fm']):,}"
    )
    id_nik = dict(Orang.data_pribadi.values_list("pk", "nik"))

    def program(kode, **kw):
        p = services.program_simpan(
            pengguna=admin, kode=kode, nama=kode, jenis_manfaat=kw.pop("jenis", JenisManfaat.BARANG), **kw
        )
        per = services.periode_buat(
            pengguna=admin, program=p, nama=str(MULAI.year), mulai=MULAI, selesai=date(MULAI.year, 12, 31)
        )
        sik = services.siklus_buat(
            pengguna=admin, periode=per, nomor=1, nama="Tahap 1", mulai=MULAI, selesai=date(MULAI.year, 6, 30)
        )
        return p, per, sik

    fm, fm_per, _ = program("FM", satuan=Satuan.ORANG, kategori_kode=["FM"])
    lansia, lansia_per, lansia_sik = program("LANSIA", satuan=Satuan.ORANG, usia_min=65)
    pkh, pkh_per, _ = program("PKH", satuan=Satuan.KELUARGA, kategori_kode=["FM"], jenis=JenisManfaat.TUNAI)

    print(f"\n{args.ulang} kali ulang; detik (median / terbaik); semua atas seluruh kabupaten")
    baris = []

    def belum(p, per):
        qs = kelayakan.belum_terlayani(p, per).order_by("desa_kode", "pk")
        return qs.count(), [o.pk for o in qs[:50]]

    for nama, p, per, harap in (
        ("fakir miskin (per orang, kategori)", fm, fm_per, len(sendiri["fm"])),
        ("lansia ≥ 65 (per orang, usia saja)", lansia, lansia_per, len(sendiri["lansia"])),
        ("PKH (per keluarga)", pkh, pkh_per, len(sendiri["kk_fm"])),
    ):
        med, best, (n, _) = ukur(lambda p=p, per=per: belum(p, per), args.ulang)
        baris.append(
            (
                f"layak belum terlayani: {nama}: jumlah + halaman 1",
                med,
                best,
                f"{n:,} (CSV {harap:,})",
                n == harap,
            )
        )

    # Enrol and pay 100.000 eligible persons in one cycle.
    t = time.perf_counter()
    n_daftar = services.kepesertaan_daftar_massal(pengguna=admin, periode=lansia_per, batas=args.daftar)
    daftar_s = time.perf_counter() - t
    t = time.perf_counter()
    n_salur = services.penyaluran_massal(
        pengguna=admin,
        siklus=lansia_sik,
        tanggal=date(MULAI.year, 3, 1),
        uraian="Paket",
        rupiah=300_000,
        petugas="TKSK",
    )
    salur_s = time.perf_counter() - t
    baris.append(
        (
            f"daftarkan {args.daftar:,} orang layak (satu INSERT … SELECT + audit)",
            daftar_s,
            daftar_s,
            f"{n_daftar:,}",
            n_daftar == min(args.daftar, len(sendiri["lansia"])),
        )
    )
    baris.append(
        (
            f"salurkan ke {n_daftar:,} penerima dalam satu siklus",
            salur_s,
            salur_s,
            f"{n_salur:,}",
            n_salur == n_daftar,
        )
    )
    med, best, c = ukur(lambda: queries.cakupan(program=lansia, periode=lansia_per, per="desa"), args.ulang)
    baris.append(
        (
            "cakupan per desa (layak, terdaftar, tersalur, celah)",
            med,
            best,
            f"{c.total.layak:,}/{c.total.terdaftar:,}/{c.total.tersalur:,}/{c.total.celah:,}",
            c.total.celah == len(sendiri["lansia"]) - n_salur,
        )
    )
    # Non-overlap after enrolment: the poor who are not in the LANSIA programme.
    sembako, sembako_per, _ = program(
        "SEMBAKO", satuan=Satuan.ORANG, kategori_kode=["FM"], tidak_bersama=[lansia]
    )
    terdaftar_lansia = {id_nik[i] for i in lansia_per.kepesertaan.values_list("orang_id", flat=True)}
    med, best, (n, _) = ukur(lambda: belum(sembako, sembako_per), args.ulang)
    harap = len(sendiri["fm"] - terdaftar_lansia)
    baris.append(
        (
            "layak belum terlayani: fakir miskin, tidak bersama LANSIA",
            med,
            best,
            f"{n:,} (CSV {harap:,})",
            n == harap,
        )
    )

    # A recipient list of 100.000 NIKs as a ministry sends one: mostly persons our rule admits,
    # some it refuses, unknown NIKs, another regency's, and rows twice.
    impor, impor_per, _ = program("IMPOR", satuan=Satuan.ORANG, usia_min=65)
    rng = random.Random(11)
    ada = set(sendiri["semua"])
    layak_list = rng.sample(sorted(sendiri["lansia"]), min(len(sendiri["lansia"]), args.daftar * 75 // 100))
    bukan = rng.sample(sorted(ada - sendiri["lansia"]), args.daftar * 15 // 100)
    tak_dikenal = []
    while len(tak_dikenal) < args.daftar * 5 // 100:
        n = f"1804{rng.randint(10, 28):02d}0101{rng.randint(0, 99):02d}{rng.randint(1, 9999):04d}"
        if n not in ada:
            tak_dikenal.append(n)
    lain = [
        f"3201{rng.randint(10, 40):02d}0101{rng.randint(0, 99):02d}{rng.randint(1, 9999):04d}"
        for _ in range(args.daftar * 3 // 100)
    ]
    dikenal = layak_list + bukan
    ganda = rng.sample(dikenal, args.daftar - len(dikenal) - len(tak_dikenal) - len(lain))
    isi = dikenal + tak_dikenal + lain + ganda
    rng.shuffle(isi)
    daftar = out / f"daftar_{len(isi)}.csv"
    with open(daftar, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["No", "NIK", "Nama KPM"])
        for i, nik in enumerate(isi, start=1):
            w.writerow([i, nik, "KPM"])
    t = time.perf_counter()
    h = daftar_impor(berkas=daftar, periode=impor_per, simpan_yang_sah=True, pengguna=admin)
    h.tulis_laporan(out / "daftar.laporan.csv")
    impor_s = time.perf_counter() - t
    rekap = h.rekap
    benar = (
        rekap["cocok"] == len(layak_list) == h.didaftarkan
        and rekap["tidak_layak"] == len(bukan)
        and rekap["nik_tidak_dikenal"] == len(tak_dikenal)
        and rekap["luar_kabupaten"] == len(lain)
        and rekap["ganda"] == len(ganda)
    )
    baris.append(
        (
            f"impor daftar {len(isi):,} NIK: cocokkan, laporan per baris, simpan yang sah",
            impor_s,
            impor_s,
            ", ".join(f"{k} {v:,}" for k, v in sorted(rekap.items())),
            benar,
        )
    )
    # The same list again: everyone matched is enrolled already, nothing is written.
    t = time.perf_counter()
    h2 = daftar_impor(berkas=daftar, periode=impor_per, simpan_yang_sah=True, pengguna=admin)
    ulang_s = time.perf_counter() - t
    baris.append(
        (
            "impor daftar yang sama lagi (semua sudah terdaftar)",
            ulang_s,
            ulang_s,
            f"sudah {h2.rekap['sudah_terdaftar']:,}",
            h2.didaftarkan == 0 and h2.rekap["sudah_terdaftar"] == len(layak_list),
        )
    )

    med, best, tabel = ukur(lambda: spm.hitung(tahun=MULAI.year), args.ulang)
    lut = next(x for t in tabel for x in t.baris if x.indikator.kode == "lansia")
    harap_lut = len(sendiri["lut"])
    baris.append(
        (
            f"SPM {MULAI.year} dihitung (dua set, 12 indikator)",
            med,
            best,
            f"LUT {lut.pembilang:,}/{lut.penyebut:,}",
            lut.penyebut == harap_lut,
        )
    )

    print()
    for nama, med, best, nilai, ok in baris:
        print(f"  {nama:<66} {med:7.3f} {best:7.3f}  {nilai}  {'BENAR' if ok else 'SALAH'}")
    print(f"\nmemori puncak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"mesin: {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
