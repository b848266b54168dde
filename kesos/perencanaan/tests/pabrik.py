"""Rows made for tests, through the services."""

from kesos.akun.access import SISTEM
from kesos.perencanaan import services
from kesos.perencanaan.models import BarisRenja, Level


def tambah_kegiatan(renja, jumlah: int) -> None:
    """Add ``jumlah`` kegiatan ("Tambahan 0", …) of Rp 1.000 each under the Renja's first program."""
    program = BarisRenja.objects.filter(renja=renja, level=Level.PROGRAM).first()
    for i in range(jumlah):
        services.baris_tambah(
            pengguna=SISTEM,
            renja=renja,
            level=Level.KEGIATAN,
            kode=f"{program.kode}.9{i:02d}",
            nama=f"Tambahan {i}",
            induk=program,
            pagu=1000,
            indikator=[services.IndikatorInput("Jumlah", "1 Dok")],
        )
