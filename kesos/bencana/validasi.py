"""Bounds and characters of what the disaster services store; every refusal names its field."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from kesos.inti.errors import KesosError

# A stock quantity or a count of persons: far beyond any real one, far inside a 64-bit integer.
MAKS_JUMLAH = 10**12
MAKS_JIWA = 10_000_000
_KONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A clock a few minutes fast on a phone is not a time in the future.
TOLERANSI_JAM = timedelta(minutes=10)


class IsianDitolak(KesosError):
    """One field refused: ``kolom`` is the field's name, the message says why."""

    def __init__(self, kolom: str, pesan: str):
        self.kolom = kolom
        self.pesan = pesan
        super().__init__(f"{kolom}: {pesan}")


def teks(nilai: object, kolom: str, maks: int, *, wajib: bool = False, baris_baru: bool = False) -> str:
    s = "" if nilai is None else str(nilai)
    s = s.strip()
    if wajib and not s:
        raise IsianDitolak(kolom, "wajib diisi")
    if len(s) > maks:
        raise IsianDitolak(kolom, f"paling panjang {maks} karakter (tertulis {len(s)})")
    if _KONTROL.search(s) or (not baris_baru and ("\n" in s or "\r" in s)):
        raise IsianDitolak(kolom, "memuat karakter kendali yang tidak boleh disimpan")
    return s


def bulat(nilai: object, kolom: str, *, minimum: int = 0, maksimum: int = MAKS_JUMLAH) -> int:
    if isinstance(nilai, bool):
        raise IsianDitolak(kolom, "harus bilangan bulat")
    if isinstance(nilai, str):
        nilai = nilai.strip().replace(".", "")
        if not re.fullmatch(r"-?[0-9]{1,20}", nilai):
            raise IsianDitolak(kolom, "harus bilangan bulat")
    try:
        n = int(nilai)
    except (TypeError, ValueError):
        raise IsianDitolak(kolom, "harus bilangan bulat") from None
    if isinstance(nilai, float | Decimal) and n != nilai:
        raise IsianDitolak(kolom, "harus bilangan bulat")
    if n < minimum:
        raise IsianDitolak(kolom, f"tidak boleh kurang dari {minimum}")
    if n > maksimum:
        raise IsianDitolak(kolom, f"tidak boleh lebih dari {maksimum:,}".replace(",", "."))
    return n


def koordinat(nilai: object, kolom: str, batas: int) -> Decimal | None:
    if nilai is None or nilai == "":
        return None
    try:
        d = Decimal(str(nilai).strip().replace(",", "."))
    except InvalidOperation:
        raise IsianDitolak(kolom, "harus angka desimal") from None
    if not d.is_finite() or not (-batas <= d <= batas):
        raise IsianDitolak(kolom, f"harus antara -{batas} dan {batas}")
    return d.quantize(Decimal("0.000001"))


def waktu(nilai: object, kolom: str, *, sekarang: datetime | None = None) -> datetime:
    if not isinstance(nilai, datetime):
        raise IsianDitolak(kolom, "waktu wajib diisi")
    if timezone.is_naive(nilai):
        nilai = timezone.make_aware(nilai)
    if nilai > (sekarang or timezone.now()) + TOLERANSI_JAM:
        raise IsianDitolak(kolom, "tidak boleh di masa depan")
    if nilai.year < 1900:
        raise IsianDitolak(kolom, "tahun tidak masuk akal")
    return nilai


def tanggal(nilai: object, kolom: str, *, masa_depan: bool = False) -> date:
    if isinstance(nilai, datetime) or not isinstance(nilai, date):
        raise IsianDitolak(kolom, "tanggal wajib diisi")
    if not masa_depan and nilai > timezone.localdate() + timedelta(days=1):
        raise IsianDitolak(kolom, "tidak boleh di masa depan")
    if nilai.year < 1900:
        raise IsianDitolak(kolom, "tahun tidak masuk akal")
    return nilai
