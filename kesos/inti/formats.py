"""Indonesian number formats: thousands with dots, decimals with a comma."""

import re
from decimal import Decimal, InvalidOperation


def angka(nilai: int | Decimal | float | None, desimal: int = 0) -> str:
    if nilai is None:
        return ""
    teks = f"{nilai:,.{desimal}f}"
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")


def rupiah(nilai: int | None) -> str:
    if nilai is None:
        return ""
    return ("-Rp " if nilai < 0 else "Rp ") + angka(abs(nilai))


_RUPIAH_RE = re.compile(r"^-?\d{1,3}(\.\d{3})*$|^-?\d+$")


def parse_rupiah(teks: object) -> int:
    """Whole rupiah from a cell: an int, or text such as '5.694.430.455' or 'Rp 1.000'.

    Raises ValueError with an Indonesian message for anything else (a fraction, letters).
    """
    if isinstance(teks, bool):
        raise ValueError("bukan angka rupiah")
    if isinstance(teks, int):
        return teks
    if isinstance(teks, float):
        if teks != int(teks):
            raise ValueError(f"'{angka(teks, 2)}' bukan rupiah utuh")
        return int(teks)
    if isinstance(teks, Decimal):
        if teks != teks.to_integral_value():
            raise ValueError(f"'{teks}' bukan rupiah utuh")
        return int(teks)
    s = str(teks).strip().replace("Rp", "").replace(" ", "").strip()
    if not _RUPIAH_RE.match(s):
        raise ValueError(f"'{teks}' bukan angka rupiah utuh (contoh: 5.694.430.455)")
    return int(s.replace(".", ""))


_TARGET_RE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)*)\s*(.*?)\s*$")


def parse_target(teks: str) -> tuple[Decimal | None, str]:
    """Split a target as written ('100 %', '1.000 Surat', '12,5 Persen') into number and unit.

    The number is None when the text does not start with one.
    """
    m = _TARGET_RE.match(teks or "")
    if not m:
        return None, (teks or "").strip()
    raw, satuan = m.group(1), m.group(2)
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")
    try:
        return Decimal(raw), satuan
    except InvalidOperation:
        return None, (teks or "").strip()
