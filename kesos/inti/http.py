"""Reading request parameters that go to the database: a hostile value finds nothing (404, an
empty list) instead of raising (a letter where an id is expected) or reaching PostgreSQL with
a NUL byte (which it refuses with an error)."""

from .validasi import karakter_kendali

ID_MAKS = 2**63 - 1


def id_dari(teks: object) -> int:
    """A primary key from a parameter; 0 (matches nothing) for anything but plain digits."""
    if isinstance(teks, str) and teks.isascii() and teks.isdigit() and int(teks) <= ID_MAKS:
        return int(teks)
    return 0


def teks_cari(teks: object, panjang: int = 100) -> str:
    """Search text: empty when it holds a control character, cut to ``panjang``."""
    if not isinstance(teks, str) or karakter_kendali(teks):
        return ""
    return teks.strip()[:panjang]
