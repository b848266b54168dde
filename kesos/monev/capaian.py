"""How achievement is computed: pure functions on numbers, one per indicator kind.

Achievement is never capped at 100 %. Where a ratio cannot be formed (a zero divisor, a
missing figure) the answer is None, shown as "tidak dapat dihitung": never 0 % or 100 %.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_noop

from kesos.perencanaan.models import JenisIndikator

SERATUS = Decimal(100)
TIDAK_DAPAT_DIHITUNG = gettext_noop("tidak dapat dihitung")  # pages translate it; exports keep it


def persen(pembilang: Decimal | int | None, penyebut: Decimal | int | None) -> Decimal | None:
    if pembilang is None or penyebut is None or penyebut == 0:
        return None
    return Decimal(pembilang) / Decimal(penyebut) * SERATUS


def capaian(jenis: str, target: Decimal | int | None, realisasi: Decimal | int | None) -> Decimal | None:
    """Achievement in percent of one indicator for one period.

    naik, persen and terakhir: realisasi ÷ target. turun (response time, neglected people):
    target ÷ realisasi, so that doing better than the target gives more than 100 %.
    """
    if jenis == JenisIndikator.TURUN:
        return persen(target, realisasi)
    return persen(realisasi, target)


def realisasi_sampai(kumulatif: bool, nilai: Iterable[Decimal | int | None]) -> Decimal | None:
    """Realisation to date over several years: the sum when the indicator is cumulative,
    otherwise the latest value that was recorded."""
    ada = [Decimal(n) for n in nilai if n is not None]
    if not ada:
        return None
    return sum(ada, Decimal(0)) if kumulatif else ada[-1]


def bulat(nilai: Decimal | None, desimal: int = 2) -> Decimal | None:
    if nilai is None:
        return None
    return nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def rata_rata(nilai: Iterable[Decimal | None]) -> Decimal | None:
    """The mean of the achievements that could be computed; None when none could."""
    ada = [n for n in nilai if n is not None]
    return sum(ada, Decimal(0)) / len(ada) if ada else None


DEFAULT_PREDIKAT = [
    (Decimal(91), "Sangat Tinggi"),
    (Decimal(76), "Tinggi"),
    (Decimal(66), "Sedang"),
    (Decimal(51), "Rendah"),
    (Decimal("-Infinity"), "Sangat Rendah"),
]


def predikat(nilai: Decimal | None, rentang: list[tuple[Decimal, str]] | None = None) -> str:
    """The rating band of an achievement: the first band whose lower bound it reaches.

    Bands are on whole percents as Permendagri 86/2017 writes them (91–100, 76–90, …), so
    90,6 % rounds to 91 and is Sangat Tinggi.
    """
    if nilai is None:
        return TIDAK_DAPAT_DIHITUNG
    dibulatkan = bulat(nilai, 0)
    for batas, nama in sorted(rentang or DEFAULT_PREDIKAT, key=lambda r: r[0], reverse=True):
        if dibulatkan >= batas:
            return nama
    return (rentang or DEFAULT_PREDIKAT)[-1][1]
