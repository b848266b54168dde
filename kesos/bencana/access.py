"""Who may do what with disaster records: one policy (``akun.access.Kebijakan`` "bencana")
registered beside akun's others, asked by the services (``pastikan``: a ``TidakBerhak``) and
by pages, commands and the API (``boleh``, ``lingkup_kejadian``, ``kebijakan_diperlukan``).

- ``lihat``: every role of the office reads events, aid totals, stock and the indicators;
  an operator of a kecamatan or desa reads the events touching their area, an operator
  bidang (area = the whole kabupaten, a two-segment code such as ``18.04``) all of them.
- ``catat`` (an event, a KSB, a TAGANA member, a field-kitchen drill in a desa) and ``ubah``
  (an event: its status, victims, aid): admin, perencana and operators, an operator only for
  a desa of their own area.
- ``stok_kelola`` (receipts, direct issues, returns, stock-taking, items, warehouses) and
  ``tagana_kelola`` (trainings): admin, perencana and an operator bidang. Kecamatan operators
  issue stock only through the aid they record for an event of their area.
- ``renstra``: linking Renstra indicators and writing their realisation: admin, perencana.
- ``lihat_pribadi``: victims' and recipients' names and NIK, as the registry's full record
  (``registri.access.ORANG`` "lihat"): the admin and the operator of the person's area; every
  showing is logged (``akun.AksesDataPribadi``). Others read counts only.
"""

from kesos.akun.access import (
    PEMBACA_RENCANA,
    Aturan,
    Kebijakan,
    daftarkan,
    dalam_wilayah,
    peran,
    wilayah_boleh,
)
from kesos.akun.models import Peran

PEMBACA_BENCANA = PEMBACA_RENCANA
PENCATAT_BENCANA = (Peran.ADMIN, Peran.PERENCANA, Peran.OPERATOR)
PENGELOLA_KANTOR = (Peran.ADMIN, Peran.PERENCANA, Peran.OPERATOR)
PENGELOLA_DATA_PRIBADI = (Peran.ADMIN, Peran.OPERATOR)

# The object the office-wide actions are asked about (the buffer stock, TAGANA's trainings):
# their condition is on the user, never on a row.
KANTOR = "kantor"


def operator_bidang(pengguna) -> bool:
    kode = getattr(pengguna, "wilayah_kode", "") or ""
    return peran(pengguna) == Peran.OPERATOR and kode.count(".") == 1


def _kantor(pengguna, obj) -> bool:
    return peran(pengguna) != Peran.OPERATOR or operator_bidang(pengguna)


def _desa(obj) -> str | None:
    return obj if isinstance(obj, str) else getattr(obj, "desa_kode", None)


def _di_desa(pengguna, obj) -> bool:
    desa = _desa(obj)
    return desa is not None and wilayah_boleh(pengguna, desa)


def _kejadian_di_wilayah(pengguna, kejadian) -> bool:
    if _kantor(pengguna, kejadian):
        return True
    return any(wilayah_boleh(pengguna, kode) for kode in kejadian.lokasi.values_list("desa_kode", flat=True))


def _saring_kejadian(pengguna, qs):
    """Events touching the user's area (any of their desa), all of them for the office."""
    from .models import LokasiKejadian

    if _kantor(pengguna, None):
        return qs
    lokasi = dalam_wilayah(LokasiKejadian.objects.all(), pengguna)
    return qs.filter(pk__in=lokasi.values("kejadian_id"))


def _saring_desa(pengguna, qs):
    return dalam_wilayah(qs, pengguna)


BENCANA = daftarkan(
    Kebijakan(
        "bencana",
        {
            "lihat": Aturan(PEMBACA_BENCANA, syarat=_kejadian_di_wilayah, saring=_saring_kejadian),
            "catat": Aturan(
                PENCATAT_BENCANA,
                syarat=_di_desa,
                saring=_saring_desa,
                pesan="Kejadian, KSB, anggota TAGANA dan latihan dapur umum dicatat oleh admin, "
                "perencana atau operator wilayahnya.",
            ),
            "ubah": Aturan(
                PENCATAT_BENCANA,
                syarat=_kejadian_di_wilayah,
                saring=_saring_kejadian,
                pesan="Kejadian ini hanya diubah oleh admin, perencana atau operator wilayahnya.",
            ),
            "stok_kelola": Aturan(
                PENGELOLA_KANTOR,
                syarat=_kantor,
                pesan="Stok penyangga dikelola oleh admin, perencana atau operator bidang (kabupaten).",
            ),
            "tagana_kelola": Aturan(
                PENGELOLA_KANTOR,
                syarat=_kantor,
                pesan="Pelatihan TAGANA dicatat oleh admin, perencana atau operator bidang (kabupaten).",
            ),
            "renstra": Aturan(
                (Peran.ADMIN, Peran.PERENCANA),
                pesan="Hanya admin dan perencana yang menautkan dan memperbarui indikator Renstra.",
            ),
            "penyaluran_isi": Aturan(
                (Peran.ADMIN,), pesan="Hanya admin yang mengisi penyaluran dari bantuan yang sudah tercatat."
            ),
            "lihat_pribadi": Aturan(
                PENGELOLA_DATA_PRIBADI,
                syarat=_di_desa,
                saring=_saring_desa,
                pesan="Data pribadi korban dan penerima hanya untuk operator wilayahnya dan admin.",
            ),
        },
    )
)


def boleh(pengguna, aksi: str, obj=None) -> bool:
    """Whether ``pengguna`` may do ``aksi`` (on ``obj``: an event, a desa code or anything with
    a ``desa_kode``). Office-wide actions are asked about ``KANTOR`` when no object is given."""
    if obj is None and aksi in ("stok_kelola", "tagana_kelola"):
        obj = KANTOR
    return BENCANA.boleh(pengguna, aksi, obj)


def pastikan(pengguna, aksi: str, obj=None) -> None:
    """Raise ``TidakBerhak`` naming the rule (and the desa outside the area) when refused."""
    if obj is None and aksi in ("stok_kelola", "tagana_kelola"):
        obj = KANTOR
    if BENCANA.boleh(pengguna, aksi, obj):
        return
    from kesos.inti.errors import TidakBerhak

    pesan = BENCANA.aturan[aksi].pesan or "Anda tidak berhak melakukan ini."
    desa = _desa(obj) if obj is not KANTOR else None
    if desa and BENCANA.boleh_peran(pengguna, aksi) and getattr(pengguna, "wilayah_kode", ""):
        pesan += f" ({desa} di luar wilayah {pengguna.wilayah_kode})"
    raise TidakBerhak(pesan)


def lingkup_kejadian(pengguna, qs=None):
    """Events the user reads (nothing for users who may not read)."""
    from .models import Kejadian

    qs = Kejadian.objects.all() if qs is None else qs
    return BENCANA.dalam_lingkup(pengguna, "lihat", qs)
