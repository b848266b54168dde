"""The national nomenclature for Urusan Sosial, loaded as versioned reference data."""

import csv
from pathlib import Path

from django.db import transaction

from .models import NomenklaturItem, NomenklaturVersi

DATA = Path(__file__).parent / "data"
VERSI_BAKU = [
    (
        "kepmendagri-050-3708-2020",
        "Kepmendagri 050-3708 Tahun 2020",
        "nomenklatur_sosial_kepmendagri_050-3708.csv",
    ),
    (
        "permendagri-13-2006",
        "Permendagri 13 Tahun 2006",
        "nomenklatur_sosial_permendagri_13-2006.csv",
    ),
]
SUMBER = "Data master SIMDA Perencanaan BPKP (simda-id/simcan); lihat kesos/perencanaan/data/SUMBER.md"


@transaction.atomic
def nomenklatur_muat_baku() -> int:
    """Load the shipped versions; a version already loaded is left exactly as it is."""
    jumlah = 0
    for kode, nama, berkas in VERSI_BAKU:
        versi, dibuat = NomenklaturVersi.objects.get_or_create(
            kode=kode, defaults={"nama": nama, "sumber": SUMBER}
        )
        if not dibuat:
            continue
        with open(DATA / berkas, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            kepala = next(reader)
            item = []
            for row in reader:
                if not row:
                    continue
                aktif = not (len(kepala) > 3 and row[3].strip() == "1")
                item.append(NomenklaturItem(versi=versi, level=row[0], kode=row[1], nama=row[2], aktif=aktif))
            NomenklaturItem.objects.bulk_create(item)
            jumlah += len(item)
    return jumlah
