"""Who may do what with disaster records, built on ``kesos.akun.access``.

- Everyone signed in reads events, aid totals, stock and the indicators.
- Admin, perencana and operators record events, victims and aid; an operator only for an
  event that touches a desa of their own area.
- The office manages the buffer stock (receipts, direct issues, returns, stock-taking, items,
  warehouses): admin, perencana, and an operator bidang, that is an operator whose area is the
  whole kabupaten (a two-segment code such as ``18.04``). Kecamatan operators issue stock
  only through the aid they record for an event of their area.
- Victims' and recipients' names and NIK follow the registry's rule (``registri.access.ORANG``).
"""

from types import SimpleNamespace

from kesos.akun.access import PEMBACA_RENCANA, Aturan, Kebijakan, daftarkan, dalam_wilayah, wilayah_boleh
from kesos.akun.models import Peran
from kesos.inti.errors import TidakBerhak
from kesos.registri.access import ORANG

PEMBACA_BENCANA = PEMBACA_RENCANA
PENCATAT_BENCANA = (Peran.ADMIN, Peran.PERENCANA, Peran.OPERATOR)

# The role part as a policy, so that the menu and other generic callers ask it like any other;
# the area conditions are the functions below.
BENCANA = daftarkan(
    Kebijakan(
        "bencana",
        {
            "lihat": Aturan(PEMBACA_BENCANA),
            "catat": Aturan(PENCATAT_BENCANA, pesan="Kejadian dicatat oleh admin, perencana atau operator."),
        },
    )
)


def operator_bidang(pengguna) -> bool:
    kode = pengguna.wilayah_kode or ""
    return pengguna.peran_efektif == Peran.OPERATOR and kode.count(".") == 1


def boleh_baca(pengguna) -> bool:
    return BENCANA.boleh_peran(pengguna, "lihat")


def boleh_catat_di(pengguna, desa_kode: str) -> bool:
    """May record an event (or a KSB, a TAGANA member, a drill) in this desa."""
    return (
        pengguna.is_authenticated
        and pengguna.punya_peran(*PENCATAT_BENCANA)
        and wilayah_boleh(pengguna, desa_kode)
    )


def boleh_ubah_kejadian(pengguna, kejadian) -> bool:
    if not (pengguna.is_authenticated and pengguna.punya_peran(*PENCATAT_BENCANA)):
        return False
    return any(wilayah_boleh(pengguna, kode) for kode in kejadian.lokasi.values_list("desa_kode", flat=True))


def boleh_kelola_stok(pengguna) -> bool:
    return pengguna.is_authenticated and (
        pengguna.punya_peran(Peran.ADMIN, Peran.PERENCANA) or operator_bidang(pengguna)
    )


def boleh_tautkan_renstra(pengguna) -> bool:
    return pengguna.is_authenticated and pengguna.punya_peran(Peran.ADMIN, Peran.PERENCANA)


def boleh_lihat_orang(pengguna, desa_kode: str) -> bool:
    """The registry's own rule for a full record of a person living in this desa."""
    return ORANG.boleh(pengguna, "lihat", SimpleNamespace(desa_kode=desa_kode))


def kejadian_terlihat(pengguna, qs=None):
    """Events the user reads: all for the office's roles, those touching their area for operators."""
    from .models import Kejadian, LokasiKejadian

    qs = Kejadian.objects.all() if qs is None else qs
    if not boleh_baca(pengguna):
        return qs.none()
    if pengguna.peran_efektif != Peran.OPERATOR or operator_bidang(pengguna):
        return qs
    lokasi = dalam_wilayah(LokasiKejadian.objects.all(), pengguna)
    return qs.filter(pk__in=lokasi.values("kejadian_id"))


def wajib(boleh: bool, pesan: str) -> None:
    if not boleh:
        raise TidakBerhak(pesan)
