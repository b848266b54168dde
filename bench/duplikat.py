"""How well the likely-duplicate search finds the same person recorded twice (issue 12 item 5).

A labelled synthetic registry (``bench.sintetis.registri_berlabel``: invented persons, about 1 %
second records made by the usual corruptions, and hard negatives) is imported with the real
import, then the real search (``kesos.registri.duplikat.pasangan_mungkin_sama``, which the
command and the page call) runs over it; recall and precision are computed at thresholds.

`.venv/bin/python -m bench.duplikat --persons 100000` (or `python -m bench.run duplikat ...`);
SQLite in a temporary folder unless DATABASE_URL names another database.
"""

import argparse
import json
import os
import platform
import resource
import time
from collections import Counter
from pathlib import Path

AMBANG_TABEL = (0.05, 0.2, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, nargs="+", default=[100_000])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--model", help="tulis parameter model (JSON) ke berkas ini")
    args = parser.parse_args(argv)
    from bench import siapkan_django

    siapkan_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0)
    lama = runner.setup_databases()
    try:
        for i, n in enumerate(args.persons):
            if i:
                call_command("flush", interactive=False, verbosity=0)
            ukur(n, args)
    finally:
        runner.teardown_databases(lama)


def skor(
    pasangan: list[tuple[int, int, float]], nik: dict[int, str], benar: list[tuple[str, str, str]]
) -> list[tuple[float, int, int, int, float, float]]:
    """(threshold, true positives, false positives, false negatives, recall, precision)."""
    kunci_benar = {frozenset((a, b)) for a, b, _ in benar}
    baris = []
    for ambang in AMBANG_TABEL:
        ditemukan = {frozenset((nik[a], nik[b])) for a, b, p in pasangan if p >= ambang}
        tp = len(ditemukan & kunci_benar)
        fp, fn = len(ditemukan) - tp, len(kunci_benar) - tp
        baris.append((ambang, tp, fp, fn, tp / len(kunci_benar), tp / len(ditemukan) if ditemukan else 1.0))
    return baris


def ukur(n: int, args: argparse.Namespace) -> None:
    from bench.sintetis import registri_berlabel
    from kesos.akun.access import SISTEM
    from kesos.inti.ekspor import penulis_csv
    from kesos.registri.duplikat import AMBANG, pasangan_mungkin_sama
    from kesos.registri.impor import KOLOM, registri_import
    from kesos.registri.models import Orang
    from kesos.registri.services import kategori_muat_baku
    from kesos.wilayah.services import wilayah_muat_lampung_barat

    wilayah_muat_lampung_barat()
    kategori_muat_baku()
    mulai = time.perf_counter()
    set_ = registri_berlabel(n, seed=args.seed)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    berkas = out / f"duplikat_{n}.csv"
    with open(berkas, "w", encoding="utf-8", newline="") as f:
        w = penulis_csv(f)
        w.writerow(KOLOM)
        w.writerows(set_.baris)
    print(
        f"\n{n:,} orang sintetis ({len(set_.benar)} pasangan benar, {len(set_.bukan)} pasangan bukan) "
        f"dibuat dalam {time.perf_counter() - mulai:.1f} s"
    )
    mulai = time.perf_counter()
    hasil = registri_import(pengguna=SISTEM, berkas=berkas)
    assert hasil.disimpan, [str(c) for c in hasil.catatan[:5]]
    print(f"impor: {time.perf_counter() - mulai:.1f} s")
    nik = dict(Orang.data_pribadi.values_list("id", "nik"))
    rincian: dict = {}
    mulai = time.perf_counter()
    pasangan = pasangan_mungkin_sama(ambang=min(AMBANG_TABEL), rincian=rincian)
    detik = time.perf_counter() - mulai
    print(
        f"pencarian duplikat (Splink, DuckDB): {detik:.1f} s, "
        f"{len(pasangan):,} pasangan ≥ {min(AMBANG_TABEL)}; "
        f"memori puncak proses {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    print(
        f"| ambang | benar ditemukan | salah | terlewat | recall | presisi |{'  ← bawaan' if False else ''}"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for ambang, tp, fp, fn, rc, pr in skor(pasangan, nik, set_.benar):
        tanda = " (bawaan)" if ambang == AMBANG else ""
        print(f"| {ambang}{tanda} | {tp} | {fp} | {fn} | {rc:.1%} | {pr:.1%} |")
    # Which kinds are missed, and which hard negatives are taken for duplicates, at the default.
    ditemukan = {frozenset((nik[a], nik[b])) for a, b, p in pasangan if p >= AMBANG}
    per_jenis = Counter(j for _, _, j in set_.benar)
    lewat = Counter(j for a, b, j in set_.benar if frozenset((a, b)) not in ditemukan)
    print(
        "terlewat per jenis (ambang bawaan): "
        + ", ".join(f"{j} {lewat[j]}/{per_jenis[j]}" for j in per_jenis)
    )
    keliru = Counter(j for a, b, j in set_.bukan if frozenset((a, b)) in ditemukan)
    per_bukan = Counter(j for _, _, j in set_.bukan)
    print(
        "pasangan bukan yang diambil (ambang bawaan): "
        + ", ".join(f"{j} {keliru[j]}/{per_bukan[j]}" for j in per_bukan)
    )
    benar = {frozenset((a, b)) for a, b, _ in set_.benar}
    contoh = [(a, b, p) for a, b, p in pasangan if p >= AMBANG and frozenset((nik[a], nik[b])) not in benar][
        :8
    ]
    rinci = {o.pk: o for o in Orang.data_pribadi.filter(pk__in={x for a, b, _ in contoh for x in (a, b)})}
    for a, b, p in contoh:
        oa, ob = rinci[a], rinci[b]
        print(
            f"  salah {p:.3f}: {oa.nama} {oa.tanggal_lahir} {oa.desa_kode} kk{oa.keluarga_id} {oa.nik} | "
            f"{ob.nama} {ob.tanggal_lahir} {ob.desa_kode} kk{ob.keluarga_id} {ob.nik}"
        )
    lewat_contoh = [(a, b, j) for a, b, j in set_.benar if frozenset((a, b)) not in ditemukan][:8]
    per_nik = {
        o.nik: o for o in Orang.data_pribadi.filter(nik__in={x for a, b, _ in lewat_contoh for x in (a, b)})
    }
    skor_pasangan = {frozenset((nik[a], nik[b])): p for a, b, p in pasangan}
    for a, b, j in lewat_contoh:
        oa, ob = per_nik[a], per_nik[b]
        print(
            f"  terlewat {j} {skor_pasangan.get(frozenset((a, b)), 0):.3f}: {oa.nama} {oa.tanggal_lahir} "
            f"{oa.desa_kode} kk{oa.keluarga_id} {oa.nik} | {ob.nama} {ob.tanggal_lahir} {ob.desa_kode} "
            f"kk{ob.keluarga_id} {ob.nik}"
        )
    if args.model:
        Path(args.model).write_text(json.dumps(rincian, indent=1, ensure_ascii=False))
    lam = rincian.get("probability_two_random_records_match")
    print(f"λ (peluang dua catatan acak sama): {lam:.3g}")
    for c in rincian.get("comparisons", []):
        print(
            f"  {c['output_column_name']}: "
            + "; ".join(
                f"{lv.get('label_for_charts', '?')} "
                f"m={lv.get('m_probability', 0):.3g} u={lv.get('u_probability', 0):.3g}"
                for lv in c["comparison_levels"]
                if not lv.get("is_null_level")
            )
        )
    print(f"mesin: {platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
