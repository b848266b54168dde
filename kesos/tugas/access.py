"""Who sees a background job: the user who started it, and the admin. Who may start one is
the policy of its kind (an import asks ``registri.access.ORANG``, the duplicate search
``DUPLIKAT``), asked by the service that starts it."""

from kesos.akun.access import SEMUA_PERAN, Aturan, Kebijakan, daftarkan, peran
from kesos.akun.models import Peran


def _milik(pengguna, tugas) -> bool:
    return peran(pengguna) == Peran.ADMIN or (
        tugas.dimulai_oleh_id is not None and tugas.dimulai_oleh_id == pengguna.pk
    )


def _milik_saja(pengguna, qs):
    return qs if peran(pengguna) == Peran.ADMIN else qs.filter(dimulai_oleh_id=pengguna.pk)


TUGAS = daftarkan(
    Kebijakan(
        "tugas",
        {
            "lihat": Aturan(
                SEMUA_PERAN,
                _milik,
                _milik_saja,
                pesan="Tugas hanya dapat dilihat oleh yang memulainya dan admin.",
            ),
        },
    )
)
