"""The national list of kecamatan, as NIK prefixes: what the first six digits of a NIK are checked against."""

import csv
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "kecamatan_indonesia.csv"


@lru_cache(maxsize=1)
def daftar_kecamatan() -> dict[str, tuple[str, str, str]]:
    """'180404' -> (kecamatan, kabupaten/kota, provinsi)."""
    with open(DATA, encoding="utf-8", newline="") as f:
        return {
            r["kode"].replace(".", ""): (r["nama"], r["nama_kabupaten"], r["nama_provinsi"])
            for r in csv.DictReader(f)
        }


@lru_cache(maxsize=1)
def kode_provinsi() -> frozenset[str]:
    return frozenset(k[:2] for k in daftar_kecamatan())


@lru_cache(maxsize=1)
def kode_kabupaten() -> frozenset[str]:
    return frozenset(k[:4] for k in daftar_kecamatan())
