"""Checks every write service makes on what it stores: text without control characters and
within its length, amounts whole and within sane bounds, dates in order. Each refusal names
the field, in the office's language."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from kesos.inti.errors import KesosError

BATAS_RUPIAH = 10_000_000_000  # ten billion rupiah: more than any single delivery or house
_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KENDALI_SEBARIS = re.compile(r"[\x00-\x1f\x7f]")


def teks(nilai: object, kolom: str, maks: int, *, wajib: bool = False, baris_baru: bool = False) -> str:
    s = "" if nilai is None else str(nilai).strip()
    if wajib and not s:
        raise KesosError(f"{kolom}: wajib diisi.")
    if len(s) > maks:
        raise KesosError(f"{kolom}: paling banyak {maks} karakter (tertulis {len(s)}).")
    if (_KENDALI if baris_baru else _KENDALI_SEBARIS).search(s):
        raise KesosError(f"{kolom}: berisi karakter kendali yang tidak diperbolehkan.")
    return s


def rupiah(nilai: object, kolom: str, *, boleh_kosong: bool = False) -> int | None:
    if nilai is None and boleh_kosong:
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, int):
        raise KesosError(f"{kolom}: harus rupiah utuh (bilangan bulat).")
    if nilai < 0:
        raise KesosError(f"{kolom}: tidak boleh negatif.")
    if nilai > BATAS_RUPIAH:
        raise KesosError(f"{kolom}: lebih dari Rp 10.000.000.000, periksa kembali.")
    return nilai


def desimal(nilai: object, kolom: str, *, maks: Decimal = Decimal("9999999999")) -> Decimal | None:
    if nilai is None or nilai == "":
        return None
    try:
        d = Decimal(str(nilai))
    except InvalidOperation as e:
        raise KesosError(f"{kolom}: bukan angka.") from e
    if not d.is_finite() or d < 0 or d > maks:
        raise KesosError(f"{kolom}: harus angka 0 sampai {maks}.")
    if d != d.quantize(Decimal("0.01")):
        raise KesosError(f"{kolom}: paling banyak dua angka di belakang koma.")
    return d


def tanggal(nilai: object, kolom: str) -> date:
    if not isinstance(nilai, date):
        raise KesosError(f"{kolom}: bukan tanggal.")
    if not 2000 <= nilai.year <= 2100:
        raise KesosError(f"{kolom}: tahun {nilai.year} di luar 2000–2100.")
    return nilai


def urut(awal: date, akhir: date, kolom_awal: str, kolom_akhir: str) -> None:
    if akhir < awal:
        raise KesosError(f"{kolom_akhir} ({akhir:%d-%m-%Y}) sebelum {kolom_awal} ({awal:%d-%m-%Y}).")


def pilihan(nilai: str, kolom: str, choices) -> str:
    if nilai not in choices.values:
        raise KesosError(f"{kolom}: '{nilai}' tidak dikenal; pilih {', '.join(choices.values)}.")
    return nilai
