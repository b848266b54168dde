"""A synthetic registry: real Lampung Barat wilayah, invented people. Never real persons.

Names are drawn from short lists of common Indonesian given names; NIKs are built to be
valid (kecamatan of the desa, birth date, +40 for women, a serial), KK numbers likewise.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from kesos.inti.ekspor import penulis_csv
from kesos.wilayah.models import Tingkat, Wilayah

from .impor import KOLOM

NAMA_L = [
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irwan",
    "Joko",
    "Rudi",
    "Slamet",
    "Wahyu",
    "Yusuf",
    "Agus",
    "Bambang",
    "Darmawan",
    "Gunawan",
    "Heri",
    "Iwan",
    "Supri",
    "Teguh",
]
NAMA_P = [
    "Ani",
    "Dewi",
    "Eka",
    "Fitri",
    "Lestari",
    "Murni",
    "Nur",
    "Rina",
    "Sari",
    "Siti",
    "Tuti",
    "Wati",
    "Yanti",
    "Endang",
    "Kartini",
    "Lilis",
    "Ratna",
    "Sri",
    "Umi",
    "Yuli",
]
NAMA_BELAKANG = [
    "Saputra",
    "Pratama",
    "Wijaya",
    "Hidayat",
    "Lestari",
    "Rahayu",
    "Susanto",
    "Setiawan",
    "Kurniawan",
    "Handayani",
    "Permata",
    "Utami",
    "Firmansyah",
    "Maulana",
    "Anggraini",
]


def _nik(kec: str, lahir: date, jk: str, urut: int) -> str:
    hari = lahir.day + (40 if jk == "P" else 0)
    return f"{kec}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}{urut % 9999 + 1:04d}"


def _kategori(usia: int, jk: str, rng: random.Random) -> list[str]:
    kat = []
    # Categories only well inside their age band, so the file stays valid for a year.
    if usia <= 4 and rng.random() < 0.02:
        kat.append("Anak balita terlantar")
    if 7 <= usia <= 17 and rng.random() < 0.02:
        kat.append("Anak terlantar")
    if usia >= 61 and rng.random() < 0.15:
        kat.append("Lanjut usia terlantar")
    if 19 <= usia <= 58 and jk == "P" and rng.random() < 0.03:
        kat.append("Perempuan rawan sosial ekonomi")
    if rng.random() < 0.02:
        kat.append("Penyandang disabilitas")
    if 19 <= usia <= 39 and rng.random() < 0.01:
        kat.append("Taruna siaga bencana")
    return kat


def orang_sintetis(jumlah: int, *, seed: int = 2021, pada: date | None = None) -> Iterator[list[str]]:
    rng = random.Random(seed)
    pada = pada or date.today()
    desa = [
        (w, w.induk)
        for w in Wilayah.objects.filter(
            tingkat__in=[Tingkat.DESA, Tingkat.KELURAHAN], kode__startswith="18.04."
        ).select_related("induk")
    ]
    if not desa:
        raise ValueError("Wilayah Lampung Barat belum dimuat (kesos seed-demo).")
    urut: dict[str, int] = {}
    dibuat = 0
    no_keluarga = 0
    while dibuat < jumlah:
        d, kec = rng.choice(desa)
        kode_kec = kec.kode.replace(".", "")
        no_keluarga += 1
        no_kk = f"{kode_kec}{(no_keluarga % 999999) + 1:06d}{no_keluarga // 999999 + 1:04d}"
        miskin = rng.random() < 0.25
        anggota = min(rng.choice([1, 2, 3, 3, 4, 4, 5, 6]), jumlah - dibuat)
        for i in range(anggota):
            if i == 0:
                usia, jk, hub = rng.randint(22, 80), "L" if rng.random() < 0.85 else "P", "Kepala Keluarga"
            elif i == 1:
                usia, jk, hub = rng.randint(20, 75), "P", "Istri"
            else:
                usia, jk, hub = rng.randint(0, 25), rng.choice("LP"), "Anak"
            lahir = pada - timedelta(days=usia * 365 + rng.randint(0, 364))
            kunci = f"{kode_kec}{lahir:%d%m%y}{jk}"
            urut[kunci] = urut.get(kunci, 0) + 1
            depan = rng.choice(NAMA_L if jk == "L" else NAMA_P)
            kat = _kategori(
                pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day)), jk, rng
            )
            if miskin and i == 0:
                kat.append("Fakir miskin")
            yield [
                _nik(kode_kec, lahir, jk, urut[kunci]),
                no_kk,
                f"{depan} {rng.choice(NAMA_BELAKANG)}",
                jk,
                lahir.strftime("%d-%m-%Y" if rng.random() < 0.5 else "%Y-%m-%d"),
                f"Dusun {rng.randint(1, 6)} RT {rng.randint(1, 12):02d}",
                kec.nama,
                d.nama,
                hub,
                ";".join(kat),
            ]
            dibuat += 1


def tulis_csv(jumlah: int, tujuan: str | Path, *, seed: int = 2021) -> int:
    with open(tujuan, "w", encoding="utf-8", newline="") as f:
        w = penulis_csv(f)
        w.writerow(KOLOM)
        n = 0
        for row in orang_sintetis(jumlah, seed=seed):
            w.writerow(row)
            n += 1
    return n
