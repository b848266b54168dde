"""A verification round in progress for the demo: some pekon of one kecamatan well on their way,
one just started, the rest not yet, as the head of office and the operator would meet it."""

import random

from django.db import transaction

from .models import HasilVerval, Orang, PutaranVerval
from .services import verval_buka, verval_tandai

# Share of each desa's persons already verified, in the order of the desa's codes.
_KEMAJUAN_DESA = (0.8, 0.45, 0.1)


@transaction.atomic
def muat_verval_demo(*, kepala, operator) -> PutaranVerval | None:
    """Open a round (as ``kepala``) and mark persons of ``operator``'s kecamatan (as ``operator``),
    mostly valid, a few corrected. Nothing is done when a round exists already."""
    if PutaranVerval.objects.exists():
        return None
    putaran = verval_buka(nama="Verval DTKS Tahap I (demo)", pengguna=kepala)
    acak = random.Random(putaran.nama)
    orang = Orang.data_pribadi.filter(desa_kode__startswith=operator.wilayah_kode + ".")
    desa = sorted({kode for kode in orang.values_list("desa_kode", flat=True).distinct()})
    for kode, bagian in zip(desa, _KEMAJUAN_DESA, strict=False):
        warga = list(orang.filter(desa_kode=kode).order_by("id"))
        for o in warga[: round(len(warga) * bagian)]:
            dikoreksi = acak.random() < 0.06
            verval_tandai(
                putaran=putaran,
                orang=o,
                hasil=HasilVerval.DIKOREKSI if dikoreksi else HasilVerval.VALID,
                catatan="alamat diperbarui" if dikoreksi else "",
                pengguna=operator,
            )
    return putaran
