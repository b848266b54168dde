"""The disaster measures in the shape of the ``spm`` app's named measures: a function of
(year, area code) answering a count. When ``kesos.spm`` is installed, ``daftarkan_ke_spm``
replaces its "tidak dapat dihitung" placeholders with these (called from ``AppConfig.ready``)."""

from collections.abc import Callable
from decimal import Decimal

from django.apps import apps

from . import queries

UKURAN: dict[str, tuple[str, str, Callable[[int, str], Decimal]]] = {
    "bencana.korban": ("Korban bencana skala kabupaten/kota", "orang", queries.spm_korban),
    "bencana.korban_terbantu": (
        "Korban bencana yang menerima bantuan masa tanggap darurat",
        "orang",
        queries.spm_korban_terbantu,
    ),
    "bencana.korban_dievakuasi": (
        "Korban bencana yang dievakuasi dengan sarana lengkap",
        "orang",
        queries.spm_korban_dievakuasi,
    ),
    "bencana.korban_terpenuhi": (
        "Korban bencana yang terpenuhi kebutuhan dasarnya saat dan setelah tanggap darurat",
        "orang",
        queries.spm_korban_terpenuhi,
    ),
}


def daftarkan_ke_spm() -> bool:
    """Register the measures with ``kesos.spm.ukuran`` when that app is installed."""
    if not apps.is_installed("kesos.spm"):
        return False
    from kesos.spm import ukuran as spm_ukuran

    for nama, (label, satuan, fungsi) in UKURAN.items():
        spm_ukuran.daftarkan(nama, label, satuan, fungsi, ganti=True)
    return True
