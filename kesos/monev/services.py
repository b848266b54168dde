"""Writes of realisation: record a quarter, submit (lock) it, correct a locked one."""

from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.akun.access import pengguna_db
from kesos.akun.models import AuditLog
from kesos.akun.services import audit_catat
from kesos.inti.errors import KesosError, KonflikEdit, TidakBolehDiubah
from kesos.inti.validasi import ANGKA_MAKS, PAGU_MAKS, pastikan_sah
from kesos.perencanaan.models import BarisRenja, Indikator, Tahap

from .access import REALISASI
from .models import RealisasiIndikator, RealisasiTriwulan

OBJEK = "monev.RealisasiTriwulan"
TAHAP_BERLAKU = (Tahap.FINAL, Tahap.PERUBAHAN)


def _snapshot(r: RealisasiTriwulan) -> dict:
    return {
        "triwulan": r.triwulan,
        "rupiah": r.rupiah,
        "faktor_pendorong": r.faktor_pendorong,
        "faktor_penghambat": r.faktor_penghambat,
        "tindak_lanjut": r.tindak_lanjut,
        "terkunci": r.terkunci,
        "nilai": {str(n.indikator_id): str(n.nilai) for n in r.nilai.all()},
    }


def boleh_simpan(pengguna: AbstractBaseUser, *, tahap: str, terkunci: bool) -> bool:
    """Whether ``realisasi_simpan`` would let this user save a quarter of a Renja at ``tahap``
    that is (or is not) submitted and locked: the same policy actions the service asks, so a
    page offers entry only where saving can succeed."""
    if tahap not in TAHAP_BERLAKU:
        return False
    return REALISASI.boleh(pengguna, "koreksi" if terkunci else "catat")


@transaction.atomic
def realisasi_simpan(
    *,
    baris: BarisRenja,
    triwulan: int,
    rupiah: int,
    nilai: dict[int, Decimal | None],
    versi: int | None = None,
    faktor_pendorong: str = "",
    faktor_penghambat: str = "",
    tindak_lanjut: str = "",
    pengguna: AbstractBaseUser,
) -> RealisasiTriwulan:
    """Record (or change) a kegiatan's realisation for one quarter.

    ``nilai`` maps each indicator of the row to its realisation in units; realisation may
    exceed the target. A submitted quarter is locked: only the kepala dinas may correct it,
    and the correction is audited. ``versi`` is the version the user saw (None for a new one).

    The kegiatan's row is locked first: two first saves of one quarter at the same instant
    then run one after the other, and the second finds the first's row (409), instead of
    both inserting and one failing on the unique constraint.
    """
    if not (REALISASI.boleh(pengguna, "catat") or REALISASI.boleh(pengguna, "koreksi")):
        REALISASI.pastikan(pengguna, "catat")
    if triwulan not in (1, 2, 3, 4):
        raise KesosError(_("Triwulan %(tw)s tidak ada; pilih 1 sampai 4.") % {"tw": triwulan})
    if rupiah is None or rupiah < 0:
        raise KesosError(_("Realisasi anggaran tidak boleh negatif."))
    pastikan_sah(
        RealisasiTriwulan(
            triwulan=triwulan,
            rupiah=rupiah,
            faktor_pendorong=faktor_pendorong,
            faktor_penghambat=faktor_penghambat,
            tindak_lanjut=tindak_lanjut,
        ),
        kecuali=("versi",),
        batas={"rupiah": (0, PAGU_MAKS)},
    )
    baris = BarisRenja.objects.select_for_update(of=("self",)).select_related("renja").get(pk=baris.pk)
    if baris.renja.tahap not in TAHAP_BERLAKU:
        raise TidakBolehDiubah(
            _(
                "Realisasi dicatat pada Renja yang sudah final (atau perubahannya), "
                "bukan pada tahap %(tahap)s."
            )
            % {"tahap": baris.renja.get_tahap_display()}
        )
    if baris.anak.exists():
        raise KesosError(
            _("%(kode)s punya rincian; realisasi dicatat pada rinciannya.") % {"kode": baris.kode}
        )
    indikator = {i.id: i for i in Indikator.objects.filter(baris=baris)}
    asing = set(nilai) - set(indikator)
    if asing:
        raise KesosError(
            _("Indikator %(indikator)s bukan milik %(kode)s.")
            % {"indikator": sorted(asing), "kode": baris.kode}
        )
    for ind_id, v in nilai.items():
        if v is not None and v < 0:
            raise KesosError(
                _("Realisasi indikator '%(indikator)s' tidak boleh negatif.")
                % {"indikator": indikator[ind_id].uraian}
            )
        if v is not None:
            try:
                pastikan_sah(
                    RealisasiIndikator(nilai=v),
                    batas={"nilai": (0, ANGKA_MAKS)},
                    kecuali=("realisasi", "indikator"),
                )
            except ValidationError as e:
                raise ValidationError({f"ind_{ind_id}": e.messages}) from None

    ada = RealisasiTriwulan.objects.select_for_update().filter(baris=baris, triwulan=triwulan).first()
    koreksi = False
    if ada is not None:
        if versi is None or ada.versi != versi:
            raise KonflikEdit(
                _(
                    "Realisasi %(kode)s triwulan %(tw)s telah diubah oleh pengguna lain. "
                    "Perubahan Anda tidak disimpan; muat ulang halaman."
                )
                % {"kode": baris.kode, "tw": triwulan}
            )
        if ada.terkunci:
            if not REALISASI.boleh(pengguna, "koreksi"):
                raise TidakBolehDiubah(
                    _(
                        "Realisasi %(kode)s triwulan %(tw)s sudah diajukan dan terkunci; "
                        "koreksi hanya oleh Kepala Dinas."
                    )
                    % {"kode": baris.kode, "tw": triwulan}
                )
            koreksi = True
        if not koreksi:
            REALISASI.pastikan(pengguna, "catat")
        sebelum = _snapshot(ada)
        RealisasiTriwulan.objects.filter(pk=ada.pk, versi=versi).update(
            rupiah=rupiah,
            faktor_pendorong=faktor_pendorong.strip(),
            faktor_penghambat=faktor_penghambat.strip(),
            tindak_lanjut=tindak_lanjut.strip(),
            versi=F("versi") + 1,
        )
        realisasi = RealisasiTriwulan.objects.get(pk=ada.pk)
    else:
        REALISASI.pastikan(pengguna, "catat")
        sebelum = None
        realisasi = RealisasiTriwulan.objects.create(
            baris=baris,
            triwulan=triwulan,
            rupiah=rupiah,
            faktor_pendorong=faktor_pendorong.strip(),
            faktor_penghambat=faktor_penghambat.strip(),
            tindak_lanjut=tindak_lanjut.strip(),
        )
    RealisasiIndikator.objects.filter(realisasi=realisasi).delete()
    RealisasiIndikator.objects.bulk_create(
        [
            RealisasiIndikator(realisasi=realisasi, indikator_id=i, nilai=v)
            for i, v in nilai.items()
            if v is not None
        ]
    )
    sesudah = _snapshot(realisasi)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH if sebelum else AuditLog.Aksi.BUAT,
        objek=OBJEK,
        objek_id=realisasi.pk,
        sebelum=sebelum,
        sesudah=sesudah,
        keterangan=(
            f"Koreksi triwulan {triwulan} yang terkunci" if koreksi else f"{baris.kode} TW {triwulan}"
        ),
    )
    return realisasi


@transaction.atomic
def realisasi_ajukan(*, realisasi: RealisasiTriwulan, pengguna: AbstractBaseUser) -> RealisasiTriwulan:
    """Submit a quarter: from now on it is locked."""
    REALISASI.pastikan(pengguna, "ajukan")
    r = RealisasiTriwulan.objects.select_for_update().get(pk=realisasi.pk)
    if r.terkunci:
        raise KesosError(_("Triwulan %(tw)s sudah diajukan.") % {"tw": r.triwulan})
    r.terkunci = True
    r.diajukan_oleh = pengguna_db(pengguna)
    r.diajukan_pada = timezone.now()
    r.versi += 1
    r.save(update_fields=["terkunci", "diajukan_oleh", "diajukan_pada", "versi"])
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek=OBJEK,
        objek_id=r.pk,
        sebelum={"terkunci": False},
        sesudah={"terkunci": True},
        keterangan=f"Triwulan {r.triwulan} diajukan",
    )
    return r
