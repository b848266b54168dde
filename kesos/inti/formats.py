"""Indonesian number and date formats: thousands with dots, decimals with a comma.

The one parser for numbers, rupiah, percentages and dates that every importer and form uses.
Each ``parse_*`` raises ValueError with an Indonesian message that names the value.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from num2words import num2words

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def angka(nilai: int | Decimal | float | None, desimal: int = 0) -> str:
    if nilai is None:
        return ""
    teks = f"{nilai:,.{desimal}f}"
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")


def rupiah(nilai: int | None) -> str:
    if nilai is None:
        return ""
    return ("-Rp " if nilai < 0 else "Rp ") + angka(abs(nilai))


def terbilang(nilai: int | None, bahasa: str = "id") -> str:
    """A whole amount of rupiah in words, as a letter writes it beside the figure:
    6000805 -> 'enam juta delapan ratus lima rupiah'. Negative amounts say 'minus'."""
    if nilai is None:
        return ""
    kata = num2words(int(nilai), lang="en" if bahasa.startswith("en") else "id")
    return f"{kata} rupiah"


def tanggal(nilai: date | None) -> str:
    """'2 Desember 2026'."""
    if nilai is None:
        return ""
    return f"{nilai.day} {BULAN[nilai.month - 1]} {nilai.year}"


def tanggal_waktu(nilai: datetime | None) -> str:
    """'2 Desember 2026 14.05' (the time as Indonesian writes it, in the server's time zone)."""
    if nilai is None:
        return ""
    if nilai.tzinfo is not None:
        from django.utils import timezone  # only for aware values, so the module stays plain

        nilai = timezone.localtime(nilai)
    return f"{tanggal(nilai.date())} {nilai:%H.%M}"


def _ringkas(teks: object, batas: int = 40) -> str:
    s = str(teks)
    return s if len(s) <= batas else s[: batas - 1] + "…"


# Groups of exactly three digits after the first, all with the same separator: thousands.
_RIBUAN_TITIK = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_RIBUAN_KOMA = re.compile(r"[0-9]{1,3}(,[0-9]{3}){2,}")
_POLOS = re.compile(r"[0-9]+([.,][0-9]+)?")
_SPASI = re.compile(r"[\s\u00a0\u202f']+")
_AWALAN_RP = re.compile(r"^(rp\.?|idr)", re.IGNORECASE)


def parse_angka(nilai: object) -> Decimal:
    """A number as offices write it: 1.234.567 or 1,234,567 (thousands), 12,5 or 12.5
    (decimals), 1.234.567,89 or 1,234,567.89 (both), an int, float or Decimal from a cell."""
    if isinstance(nilai, bool) or nilai is None:
        raise ValueError(_("bukan angka"))
    if isinstance(nilai, int | Decimal):
        return Decimal(nilai)
    if isinstance(nilai, float):
        if nilai != nilai or nilai in (float("inf"), float("-inf")):
            raise ValueError(_("'%(nilai)s' bukan angka") % {"nilai": nilai})
        return Decimal(repr(nilai))
    s = _SPASI.sub("", str(nilai))
    negatif = False
    if s.startswith("(") and s.endswith(")"):
        negatif, s = True, s[1:-1]
    if s.startswith("-"):
        negatif, s = True, s[1:]
    if not s:
        raise ValueError(_("bukan angka"))
    titik, koma = s.rfind("."), s.rfind(",")
    if titik >= 0 and koma >= 0:
        # Both: whichever comes last separates the decimals.
        ribuan, desimal = (".", ",") if koma > titik else (",", ".")
        bulat, _pemisah, pecahan = s.rpartition(desimal)
        pola = _RIBUAN_TITIK if ribuan == "." else re.compile(r"[0-9]{1,3}(,[0-9]{3})+")
        if not pola.fullmatch(bulat) or not pecahan.isdigit():
            raise ValueError(_("'%(nilai)s' bukan angka") % {"nilai": _ringkas(nilai)})
        s = bulat.replace(ribuan, "") + "." + pecahan
    elif _RIBUAN_TITIK.fullmatch(s) or _RIBUAN_KOMA.fullmatch(s):
        s = s.replace(".", "").replace(",", "")
    elif _POLOS.fullmatch(s):
        s = s.replace(",", ".")
    else:
        raise ValueError(_("'%(nilai)s' bukan angka") % {"nilai": _ringkas(nilai)})
    try:
        hasil = Decimal(s)
    except InvalidOperation:
        raise ValueError(_("'%(nilai)s' bukan angka") % {"nilai": _ringkas(nilai)}) from None
    return -hasil if negatif else hasil


def parse_rupiah(nilai: object) -> int:
    """Whole rupiah from a cell: 5694430455, '5.694.430.455', 'Rp 1.000', 'Rp. 3.976.298.620,00'.

    Raises ValueError with an Indonesian message for anything else (a fraction of a rupiah,
    letters)."""
    if isinstance(nilai, bool):
        raise ValueError(_("bukan angka rupiah"))
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float | Decimal):
        try:
            d = parse_angka(nilai)
        except ValueError:
            raise ValueError(_("'%(nilai)s' bukan angka rupiah") % {"nilai": nilai}) from None
        if d != d.to_integral_value():
            raise ValueError(_("'%(nilai)s' bukan rupiah utuh") % {"nilai": angka(d, 2)})
        return int(d)
    s = _SPASI.sub("", str(nilai))
    s = _AWALAN_RP.sub("", s)
    # ",00" or ".00" cents, as accounting software writes them, are dropped; other cents refused.
    m = re.fullmatch(r"(.*[0-9])[.,]([0-9]{2})", s)
    if m and not _RIBUAN_TITIK.fullmatch(s) and not _RIBUAN_KOMA.fullmatch(s):
        if m.group(2) != "00":
            raise ValueError(_("'%(nilai)s' bukan rupiah utuh") % {"nilai": _ringkas(nilai)})
        s = m.group(1)
    if not re.fullmatch(r"-?([0-9]{1,3}(\.[0-9]{3})+|[0-9]{1,3}(,[0-9]{3})+|[0-9]+)", s):
        raise ValueError(
            _("'%(nilai)s' bukan angka rupiah utuh (contoh: 5.694.430.455)") % {"nilai": _ringkas(nilai)}
        )
    return int(s.replace(".", "").replace(",", ""))


def parse_persen(nilai: object) -> Decimal:
    """A percentage as written: '80 %', '12,5%', 80. Returned as the number of percent."""
    if isinstance(nilai, str):
        nilai = nilai.strip().removesuffix("%").strip()
    return parse_angka(nilai)


_TANGGAL_ANGKA = re.compile(
    r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
)
_TANGGAL_NAMA = re.compile(r"([0-9]{1,2})\s+([A-Za-z]+)\.?\s+([0-9]{4})")
_NAMA_BULAN = {
    **{b.lower(): i for i, b in enumerate(BULAN, start=1)},
    **{b[:3].lower(): i for i, b in enumerate(BULAN, start=1)},
    "agt": 8,
    "agu": 8,
    "ags": 8,
    "nop": 11,
    "des": 12,
    # The English months offices' spreadsheets sometimes carry.
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "aug": 8,
    "october": 10,
    "oct": 10,
    "december": 12,
    "dec": 12,
}


def parse_tanggal(nilai: object) -> date:
    """A date as written: 17-08-1945, 17/08/1945, 17.08.1945, 1945-08-17, '17 Agustus 1945',
    '17 Agt 1945', or a date cell."""
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    teks = str(nilai or "").strip()
    try:
        m = _TANGGAL_ANGKA.fullmatch(teks)
        if m:
            if m.group(1):
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        m = _TANGGAL_NAMA.fullmatch(teks)
        if m and m.group(2).lower() in _NAMA_BULAN:
            return date(int(m.group(3)), _NAMA_BULAN[m.group(2).lower()], int(m.group(1)))
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?", teks):
            return date(int(teks[:4]), int(teks[5:7]), int(teks[8:10]))
    except ValueError:
        raise ValueError(_("tanggal '%(teks)s' tidak ada di kalender") % {"teks": _ringkas(teks)}) from None
    raise ValueError(
        _("tanggal '%(teks)s' tidak terbaca (pakai DD-MM-YYYY atau YYYY-MM-DD)") % {"teks": _ringkas(teks)}
    )


_TARGET_RE = re.compile(r"^\s*(-?[0-9]+(?:[.,][0-9]+)*)\s*(.*?)\s*$")


def parse_target(teks: str) -> tuple[Decimal | None, str]:
    """Split a target as written ('100 %', '1.000 Surat', '12,5 Persen') into number and unit.

    The number is None when the text does not start with one.
    """
    m = _TARGET_RE.match(teks or "")
    if not m:
        return None, (teks or "").strip()
    try:
        return parse_angka(m.group(1)), m.group(2)
    except ValueError:
        return None, (teks or "").strip()
