"""Checks every write service makes on what it stores: text without control characters and
within its length, amounts whole and within sane bounds, dates in order. Each refusal names
the field, in the office's language."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from kesos.inti.errors import KesosError

BATAS_RUPIAH = 10_000_000_000  # ten billion rupiah: more than any single delivery or house
_KENDALI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KENDALI_SEBARIS = re.compile(r"[\x00-\x1f\x7f]")


def teks(nilai: object, kolom: str, maks: int, *, wajib: bool = False, baris_baru: bool = False) -> str:
    s = "" if nilai is None else str(nilai).strip()
    if wajib and not s:
        raise KesosError(_("%(kolom)s: wajib diisi.") % {"kolom": kolom})
    if len(s) > maks:
        raise KesosError(
            _("%(kolom)s: paling banyak %(maks)s karakter (tertulis %(n)s).")
            % {"kolom": kolom, "maks": maks, "n": len(s)}
        )
    if (_KENDALI if baris_baru else _KENDALI_SEBARIS).search(s):
        raise KesosError(_("%(kolom)s: berisi karakter kendali yang tidak diperbolehkan.") % {"kolom": kolom})
    return s


def rupiah(nilai: object, kolom: str, *, boleh_kosong: bool = False) -> int | None:
    if nilai is None and boleh_kosong:
        return None
    if isinstance(nilai, bool) or not isinstance(nilai, int):
        raise KesosError(_("%(kolom)s: harus rupiah utuh (bilangan bulat).") % {"kolom": kolom})
    if nilai < 0:
        raise KesosError(_("%(kolom)s: tidak boleh negatif.") % {"kolom": kolom})
    if nilai > BATAS_RUPIAH:
        raise KesosError(_("%(kolom)s: lebih dari Rp 10.000.000.000, periksa kembali.") % {"kolom": kolom})
    return nilai


def desimal(nilai: object, kolom: str, *, maks: Decimal = Decimal("9999999999")) -> Decimal | None:
    if nilai is None or nilai == "":
        return None
    try:
        d = Decimal(str(nilai))
    except InvalidOperation as e:
        raise KesosError(_("%(kolom)s: bukan angka.") % {"kolom": kolom}) from e
    if not d.is_finite() or d < 0 or d > maks:
        raise KesosError(_("%(kolom)s: harus angka 0 sampai %(maks)s.") % {"kolom": kolom, "maks": maks})
    if d != d.quantize(Decimal("0.01")):
        raise KesosError(_("%(kolom)s: paling banyak dua angka di belakang koma.") % {"kolom": kolom})
    return d


def tanggal(nilai: object, kolom: str) -> date:
    if not isinstance(nilai, date):
        raise KesosError(_("%(kolom)s: bukan tanggal.") % {"kolom": kolom})
    if not 2000 <= nilai.year <= 2100:
        raise KesosError(
            _("%(kolom)s: tahun %(tahun)s di luar 2000–2100.") % {"kolom": kolom, "tahun": nilai.year}
        )
    return nilai


def urut(awal: date, akhir: date, kolom_awal: str, kolom_akhir: str) -> None:
    if akhir < awal:
        raise KesosError(
            _("%(kolom_akhir)s (%(akhir)s) sebelum %(kolom_awal)s (%(awal)s).")
            % {
                "kolom_akhir": kolom_akhir,
                "akhir": f"{akhir:%d-%m-%Y}",
                "kolom_awal": kolom_awal,
                "awal": f"{awal:%d-%m-%Y}",
            }
        )


def pilihan(nilai: str, kolom: str, choices) -> str:
    if nilai not in choices.values:
        raise KesosError(
            _("%(kolom)s: '%(nilai)s' tidak dikenal; pilih %(pilihan)s.")
            % {"kolom": kolom, "nilai": nilai, "pilihan": ", ".join(choices.values)}
        )
    return nilai
