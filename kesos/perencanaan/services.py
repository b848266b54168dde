"""Every write to a Renja: one function each, one transaction each, audited."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.akun.access import pengguna_db
from kesos.akun.models import AuditLog
from kesos.akun.services import audit_catat
from kesos.inti.errors import ImportDitolak, KesosError, KonflikEdit, Masalah, TidakBolehDiubah
from kesos.inti.formats import parse_target
from kesos.inti.validasi import ANGKA_MAKS, PAGU_MAKS, pastikan_sah

from .access import BARIS_RENJA, ORGANISASI, RENJA, TAHAP_RANCANGAN, aksi_lanjutkan
from .models import (
    LEVEL_KEPALA,
    URUTAN_TAHAP,
    BarisRenja,
    Indikator,
    Level,
    NomenklaturItem,
    NomenklaturVersi,
    Organisasi,
    PaguRKPD,
    PemetaanKode,
    Renja,
    RenstraBaris,
    SkemaKode,
    SumberDana,
    Tahap,
)
from .pohon import BarisData, IndikatorData, kode_memperluas, kode_normal
from .queries import OBJEK_BARIS, adalah_versi_terbaru
from .skema import Skema, skema_dari

SKEMA_NASIONAL = "nasional-050-5889"

OBJEK_RENJA = "perencanaan.Renja"

SUMBER_DANA_BAKU = [
    ("DAU", "Dana Alokasi Umum"),
    ("DAK", "Dana Alokasi Khusus"),
    ("DBH", "Dana Bagi Hasil"),
    ("PAD", "Pendapatan Asli Daerah"),
    ("DID", "Dana Insentif Daerah"),
    ("BANKEU", "Bantuan Keuangan Provinsi"),
    ("APBN", "APBN (Dekonsentrasi/Tugas Pembantuan)"),
    ("LAIN", "Lain-lain Pendapatan yang Sah"),
]


def sumber_dana_baku() -> None:
    for kode, nama in SUMBER_DANA_BAKU:
        SumberDana.objects.get_or_create(kode=kode, defaults={"nama": nama})


@transaction.atomic
def organisasi_tambah(*, kode: str, nama: str, pengguna: AbstractBaseUser, **lain: str) -> Organisasi:
    ORGANISASI.pastikan(pengguna, "ubah")
    kode, nama = kode.strip(), nama.strip()
    if Organisasi.objects.filter(kode=kode).exists():
        raise KesosError(_("Perangkat daerah dengan kode %(kode)s sudah ada.") % {"kode": kode})
    org = Organisasi(kode=kode, nama=nama, **lain)
    pastikan_sah(org)
    org.full_clean()
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:  # the same code registered at the same instant
        raise KesosError(_("Perangkat daerah dengan kode %(kode)s sudah ada.") % {"kode": kode}) from None
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="perencanaan.Organisasi",
        objek_id=org.pk,
        sesudah={"kode": kode, "nama": nama},
    )
    return org


@transaction.atomic
def pagu_rkpd_tetapkan(
    *, organisasi: Organisasi, tahun: int, pagu: int, pengguna: AbstractBaseUser
) -> PaguRKPD:
    ORGANISASI.pastikan(pengguna, "pagu_rkpd")
    pastikan_sah(PaguRKPD(organisasi=organisasi, tahun=tahun, pagu=pagu), batas={"pagu": (0, PAGU_MAKS)})
    # update_or_create locks the row it finds and, on a race to create it, finds the winner's.
    obj, dibuat = PaguRKPD.objects.update_or_create(
        organisasi=organisasi, tahun=tahun, defaults={"pagu": pagu}
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT if dibuat else AuditLog.Aksi.UBAH,
        objek="perencanaan.PaguRKPD",
        objek_id=obj.pk,
        sesudah={"organisasi": organisasi.kode, "tahun": tahun, "pagu": pagu},
    )
    return obj


def _pastikan_dapat_diubah(renja: Renja) -> None:
    if renja.terkunci or renja.tahap == Tahap.FINAL:
        raise TidakBolehDiubah(
            _("%(renja)s sudah terkunci dan tidak dapat diubah. Buat tahap berikutnya untuk mengubahnya.")
            % {"renja": renja}
        )
    if not adalah_versi_terbaru(renja):
        raise TidakBolehDiubah(_("%(renja)s bukan versi terbaru dan tidak dapat diubah.") % {"renja": renja})


def skema_bawaan(organisasi: Organisasi) -> SkemaKode:
    """The scheme of the office's latest Renja, or the national one for an office's first."""
    terakhir = Renja.objects.filter(organisasi=organisasi).order_by("-tahun", "-id").first()
    return terakhir.skema if terakhir else SkemaKode.objects.get(kode=SKEMA_NASIONAL)


@transaction.atomic
def renja_buat(
    *,
    organisasi: Organisasi,
    tahun: int,
    tahap: str = Tahap.RANCANGAN_AWAL,
    skema: SkemaKode | None = None,
    nomenklatur: NomenklaturVersi | None = None,
    pengguna: AbstractBaseUser,
) -> Renja:
    RENJA.pastikan(pengguna, "buat")
    _pastikan_tahap_rancangan(tahap)
    renja = Renja(
        organisasi=organisasi,
        tahun=tahun,
        tahap=tahap,
        skema=skema or skema_bawaan(organisasi),
        nomenklatur=nomenklatur,
        dibuat_oleh=pengguna_db(pengguna),
    )
    pastikan_sah(renja, batas={"tahun": (2000, 2100)})
    try:
        with transaction.atomic():
            renja.save()
    except IntegrityError:  # also when another user created it at the same instant
        raise KesosError(
            _("Renja %(tahun)s %(organisasi)s tahap %(tahap)s sudah ada.")
            % {"tahun": tahun, "organisasi": organisasi.nama, "tahap": Tahap(tahap).label}
        ) from None
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek=OBJEK_RENJA,
        objek_id=renja.pk,
        sesudah={"tahun": tahun, "tahap": tahap, "organisasi": organisasi.kode, "skema": renja.skema.kode},
    )
    return renja


def _pastikan_tahap_rancangan(tahap: str) -> None:
    """A Renja is created (by hand or from a file) as a draft only; Final and Perubahan come
    from the kepala dinas' decision on the previous stage (renja_lanjutkan)."""
    if tahap not in TAHAP_RANCANGAN:
        label = Tahap(tahap).label if tahap in Tahap.values else tahap
        raise ValidationError(
            {
                "tahap": _(
                    "Renja baru dibuat sebagai rancangan awal atau rancangan, bukan %(tahap)s; "
                    "tahap final dan perubahan ditetapkan Kepala Dinas dari tahap sebelumnya."
                )
                % {"tahap": label}
            }
        )


def tahap_berikutnya(renja: Renja) -> str | None:
    i = URUTAN_TAHAP.index(renja.tahap)
    return URUTAN_TAHAP[i + 1] if i + 1 < len(URUTAN_TAHAP) else None


def kunci_temuan(t) -> str:
    """A finding as the kepala dinas confirms it: stable across page loads."""
    return f"{t.kode}|{t.kolom}|{t.pesan}"


def renja_tetapkan_dengan_konfirmasi(*, renja: Renja, pengguna: AbstractBaseUser) -> Renja:
    """Make a rancangan final confirming every error it has, as the kepala dinas does on the
    confirmation page (tests and loaders of demo data that mean to finalise)."""
    from .queries import renja_temuan

    kunci = [kunci_temuan(t) for t in renja_temuan(renja) if t.galat]
    return renja_lanjutkan(renja=renja, pengguna=pengguna, galat_dikonfirmasi=kunci)


@transaction.atomic
def renja_lanjutkan(
    *, renja: Renja, pengguna: AbstractBaseUser, galat_dikonfirmasi: Iterable[str] = ()
) -> Renja:
    """Start the next stage as a copy of this one; this one becomes read-only.

    Only the kepala dinas (or admin) makes a version final or opens its Perubahan. A Renja with
    errors (Periksa) is made final only when each error is confirmed by name
    (``galat_dikonfirmasi``, see ``kunci_temuan``), or not at all where the office's setting
    ``KESOS_FINAL_TANPA_GALAT`` says so; the confirmed errors are kept in the audit trail.
    """
    renja = Renja.objects.select_for_update().get(pk=renja.pk)
    berikut = tahap_berikutnya(renja)
    RENJA.pastikan(pengguna, aksi_lanjutkan(berikut))
    if berikut is None:
        raise KesosError(_("%(renja)s adalah tahap terakhir.") % {"renja": renja})
    if not adalah_versi_terbaru(renja):
        raise TidakBolehDiubah(_("%(renja)s bukan versi terbaru.") % {"renja": renja})
    dikonfirmasi: list[str] = []
    if berikut == Tahap.FINAL:
        from .queries import renja_temuan

        galat = [kunci_temuan(t) for t in renja_temuan(renja) if t.galat]
        if galat and getattr(settings, "KESOS_FINAL_TANPA_GALAT", False):
            raise KesosError(
                _("%(renja)s masih berisi %(n)s galat; perbaiki dahulu sebelum ditetapkan sebagai Final.")
                % {"renja": renja, "n": len(galat)}
            )
        # The system actor (shell access on the server) is not shown a page; what it accepts
        # is written in the audit trail all the same.
        sudah = set(galat) if pengguna_db(pengguna) is None else set(galat_dikonfirmasi)
        belum = [g for g in galat if g not in sudah]
        if belum:
            raise KesosError(
                _(
                    "%(renja)s masih berisi %(n)s galat; Kepala Dinas mengonfirmasi masing-masing "
                    "(%(belum)s belum) atau memperbaikinya dahulu."
                )
                % {"renja": renja, "n": len(galat), "belum": len(belum)}
            )
        dikonfirmasi = galat
    baru = Renja.objects.create(
        organisasi=renja.organisasi,
        tahun=renja.tahun,
        tahap=berikut,
        skema=renja.skema,
        nomenklatur=renja.nomenklatur,
        dibuat_dari=renja,
        dibuat_oleh=pengguna_db(pengguna),
        total_tertulis=renja.total_tertulis,
        total_maju_tertulis=renja.total_maju_tertulis,
    )
    if berikut == Tahap.FINAL:
        baru.terkunci = True
        baru.ditetapkan_pada = timezone.now()
        baru.ditetapkan_oleh = pengguna_db(pengguna)
        baru.save(update_fields=["terkunci", "ditetapkan_pada", "ditetapkan_oleh"])
    _salin_baris(renja, baru)
    renja.terkunci = True
    renja.save(update_fields=["terkunci"])
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek=OBJEK_RENJA,
        objek_id=baru.pk,
        sebelum={"tahap": renja.tahap},
        sesudah={"tahap": berikut, **({"galat_dikonfirmasi": dikonfirmasi} if dikonfirmasi else {})},
        keterangan=f"{Tahap(berikut).label} dibuat dari {Tahap(renja.tahap).label}"
        + (f" dengan {len(dikonfirmasi)} galat dikonfirmasi" if dikonfirmasi else ""),
    )
    return baru


def _salin_baris(asal: Renja, tujuan: Renja) -> None:
    lama_ke_baru: dict[int, BarisRenja] = {}
    rows = list(BarisRenja.objects.filter(renja=asal).order_by("urutan", "id"))
    induk_dari = {r.pk: r.induk_id for r in rows}

    def kedalaman(pk: int | None) -> int:
        n = 0
        while (pk := induk_dari.get(pk)) is not None:
            n += 1
        return n

    # Parents first, so each copy can point at its parent's copy.
    rows.sort(key=lambda r: kedalaman(r.pk))
    for r in rows:
        lama_id, induk_id = r.pk, r.induk_id
        r.pk = None
        r.id = None
        r.renja = tujuan
        r.induk = lama_ke_baru[induk_id] if induk_id else None
        r.versi = 1
        r.save()
        lama_ke_baru[lama_id] = r
    salinan = []
    for ind in Indikator.objects.filter(baris__renja=asal):
        ind.pk = None
        ind.id = None
        ind.baris = lama_ke_baru[ind.baris_id]
        salinan.append(ind)
    Indikator.objects.bulk_create(salinan)


@dataclass
class IndikatorInput:
    uraian: str = ""
    target: str = ""
    maju: str = ""


def baris_snapshot(baris: BarisRenja) -> dict:
    """The row as the audit trail keeps it, indicators included."""
    return {
        "kode": baris.kode,
        "nama": baris.nama,
        "level": baris.level,
        "induk": baris.induk.kode if baris.induk_id else None,
        "lokasi": baris.lokasi,
        "pagu": baris.pagu,
        "pagu_maju": baris.pagu_maju,
        "sumber_dana": baris.sumber_dana.kode if baris.sumber_dana_id else None,
        "catatan": baris.catatan,
        "kode_nasional": baris.kode_nasional.kode if baris.kode_nasional_id else None,
        "renstra_baris": str(baris.renstra_baris) if baris.renstra_baris_id else None,
        "indikator": [
            {"uraian": i.uraian, "target": i.target_teks, "maju": i.maju_teks}
            for i in baris.indikator.order_by("urutan", "id")
        ],
    }


BATAS_BARIS = {"pagu": (0, PAGU_MAKS), "pagu_maju": (0, PAGU_MAKS)}
BATAS_INDIKATOR = {"target_angka": (-ANGKA_MAKS, ANGKA_MAKS), "maju_angka": (-ANGKA_MAKS, ANGKA_MAKS)}


def _galat_bidang(baris: BarisRenja) -> dict[str, list[str]]:
    """Lengths, ranges and characters of a row's own fields."""
    try:
        pastikan_sah(
            baris,
            kecuali=("urutan", "versi"),
            batas={**BATAS_BARIS, "pagu_tertulis": (0, PAGU_MAKS), "pagu_maju_tertulis": (0, PAGU_MAKS)},
        )
    except ValidationError as e:
        return e.message_dict
    return {}


def _validasi_indikator(indikator: list[Indikator]) -> None:
    """Each indicator's text and target within bounds; the message names the indicator."""
    galat: list[str] = []
    for nomor, ind in enumerate(indikator, start=1):
        try:
            pastikan_sah(ind, kecuali=("urutan",), batas=BATAS_INDIKATOR)
        except ValidationError as e:
            galat += [
                _("Indikator %(nomor)s: %(pesan)s") % {"nomor": nomor, "pesan": p}
                for pesan in e.message_dict.values()
                for p in pesan
            ]
    if galat:
        raise ValidationError({"indikator": galat})


def _validasi_baris(baris: BarisRenja, *, mengecualikan_id: int | None = None) -> None:
    """The row against its Renja's code scheme: its code is a code of its level, it sits under
    a parent of the level above (kegiatan and sub-kegiatan always do) and extends its code;
    and its own fields within their lengths and ranges."""
    errors: dict[str, list[str]] = _galat_bidang(baris)
    skema = skema_dari(baris.renja.skema_id)
    if not baris.kode.strip():
        errors.setdefault("kode", []).append(_("Kode wajib diisi."))
    if not baris.nama.strip():
        errors.setdefault("nama", []).append(_("Nama wajib diisi."))
    for field in ("pagu", "pagu_maju"):
        nilai = getattr(baris, field)
        if nilai is not None and nilai < 0:
            errors.setdefault(field, []).append(_("Pagu tidak boleh negatif."))
    nama_level = skema.nama_level(baris.level)
    if baris.level not in skema.level:
        errors.setdefault("level", []).append(
            _("Skema %(skema)s tidak mengenal tingkat %(tingkat)s.")
            % {"skema": skema.nama, "tingkat": nama_level}
        )
    elif baris.kode.strip():
        level_kode = skema.level_kode(baris.kode)
        if level_kode != baris.level:
            sebab = (
                _("adalah kode %(tingkat)s") % {"tingkat": skema.nama_level(level_kode)}
                if level_kode
                else _("tidak sesuai skema %(skema)s") % {"skema": skema.nama}
            )
            errors.setdefault("kode", []).append(
                _("Kode %(kode)s %(sebab)s; kode %(tingkat)s ditulis seperti %(contoh)s.")
                % {
                    "kode": baris.kode,
                    "sebab": sebab,
                    "tingkat": nama_level,
                    "contoh": skema.contoh(baris.level),
                }
            )
    if baris.level in LEVEL_KEPALA and (baris.pagu is not None or baris.pagu_maju is not None):
        errors.setdefault("pagu", []).append(
            _("Baris %(tingkat)s hanya menjumlah baris di bawahnya; pagu diisi pada rinciannya.")
            % {"tingkat": nama_level}
        )
    if baris.induk_id:
        induk = baris.induk
        if induk.renja_id != baris.renja_id:
            errors.setdefault("induk", []).append(_("Induk harus dari Renja yang sama."))
        if baris.level in skema.level and skema.level_induk(baris.level) != induk.level:
            errors.setdefault("level", []).append(
                _("%(tingkat)s tidak dapat berada di bawah %(induk)s.")
                % {"tingkat": nama_level, "induk": skema.nama_level(induk.level)}
            )
        if baris.kode and not kode_memperluas(baris.kode, induk.kode):
            errors.setdefault("kode", []).append(
                _("Kode %(kode)s harus diawali kode induknya %(induk)s.")
                % {"kode": baris.kode, "induk": induk.kode}
            )
    elif baris.level in skema.level and skema.wajib_induk(baris.level):
        errors.setdefault("induk", []).append(
            _("%(tingkat)s harus berada di bawah %(induk)s.")
            % {"tingkat": nama_level, "induk": skema.nama_level(skema.level_induk(baris.level))}
        )
    _validasi_kode_organisasi(skema, baris, errors)
    dup = BarisRenja.objects.filter(renja=baris.renja_id, kode=baris.kode.strip())
    if mengecualikan_id:
        dup = dup.exclude(pk=mengecualikan_id)
    if baris.kode and dup.exists():
        errors.setdefault("kode", []).append(
            _("Kode %(kode)s sudah dipakai baris lain.") % {"kode": baris.kode}
        )
    if errors:
        raise ValidationError(errors)


def _validasi_kode_organisasi(skema: Skema, baris: BarisRenja, errors: dict[str, list[str]]) -> None:
    """In a scheme whose program codes carry the office's code (1.6.1.1.15), a program of this
    office starts with its code."""
    if not skema.kode_memuat_organisasi or baris.level in LEVEL_KEPALA or not baris.kode.strip():
        return
    org = baris.renja.organisasi
    if not kode_memperluas(baris.kode, org.kode):
        errors.setdefault("kode", []).append(
            _("Kode %(kode)s bukan kode %(organisasi)s: kodenya diawali %(awalan)s.")
            % {"kode": baris.kode, "organisasi": org.nama, "awalan": kode_normal(org.kode)}
        )


def indikator_baru(baris: BarisRenja, urutan: int, uraian: str, target: str, maju: str) -> Indikator:
    """An indicator record with its targets parsed into number and unit, text kept as written."""
    uraian, target, maju = uraian.strip(), target.strip(), maju.strip()
    angka, satuan = parse_target(target)
    angka_maju, satuan_maju = parse_target(maju)
    return Indikator(
        baris=baris,
        urutan=urutan,
        uraian=uraian,
        target_teks=target,
        target_angka=angka,
        target_satuan=satuan if target else "",
        maju_teks=maju,
        maju_angka=angka_maju,
        maju_satuan=satuan_maju if maju else "",
    )


def _indikator_dari_input(baris: BarisRenja, indikator: Iterable[IndikatorInput]) -> list[Indikator]:
    hasil = [
        indikator_baru(baris, urutan, i.uraian, i.target, i.maju)
        for urutan, i in enumerate(indikator)
        if i.uraian.strip() or i.target.strip() or i.maju.strip()
    ]
    _validasi_indikator(hasil)
    return hasil


def _simpan_indikator(baris: BarisRenja, indikator: list[Indikator]) -> None:
    Indikator.objects.filter(baris=baris).delete()
    for i in indikator:
        i.baris = baris
    Indikator.objects.bulk_create(indikator)


@transaction.atomic
def baris_tambah(
    *,
    renja: Renja,
    level: str,
    kode: str,
    nama: str,
    induk: BarisRenja | None = None,
    lokasi: str = "",
    pagu: int | None = None,
    pagu_maju: int | None = None,
    sumber_dana: SumberDana | None = None,
    catatan: str = "",
    kode_nasional: NomenklaturItem | None = None,
    renstra_baris: RenstraBaris | None = None,
    indikator: Iterable[IndikatorInput] = (),
    pengguna: AbstractBaseUser,
) -> BarisRenja:
    BARIS_RENJA.pastikan(pengguna, "ubah")
    renja = Renja.objects.select_for_update().get(pk=renja.pk)
    _pastikan_dapat_diubah(renja)
    urutan = (BarisRenja.objects.filter(renja=renja).aggregate(m=Max("urutan"))["m"] or 0) + 1
    if induk is not None:
        # Children sit right after their parent's last descendant in the display order.
        urutan = _urutan_sesudah_keturunan(induk)
    baris = BarisRenja(
        renja=renja,
        induk=induk,
        level=level,
        kode=kode.strip(),
        nama=nama.strip(),
        lokasi=lokasi.strip(),
        pagu=pagu,
        pagu_maju=pagu_maju,
        sumber_dana=sumber_dana,
        catatan=catatan.strip(),
        kode_nasional=kode_nasional,
        renstra_baris=renstra_baris,
        urutan=urutan,
    )
    _validasi_baris(baris)
    indikator_baris = _indikator_dari_input(baris, indikator)
    if induk is not None:
        if induk.pagu is not None or induk.pagu_maju is not None:
            # The parent's pagu is now derived from its children.
            BarisRenja.objects.filter(pk=induk.pk).update(pagu=None, pagu_maju=None)
        BarisRenja.objects.filter(renja=renja, urutan__gte=urutan).update(urutan=F("urutan") + 1)
    baris.save()
    _simpan_indikator(baris, indikator_baris)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek=OBJEK_BARIS,
        objek_id=baris.pk,
        sesudah=baris_snapshot(baris),
        keterangan=f"{baris.kode} ditambahkan",
    )
    return baris


def _urutan_sesudah_keturunan(induk: BarisRenja) -> int:
    terakhir = induk.urutan
    stack = [induk.pk]
    while stack:
        anak = list(BarisRenja.objects.filter(induk_id__in=stack).values_list("pk", "urutan"))
        stack = [pk for pk, _ in anak]
        terakhir = max([terakhir, *(u for _, u in anak)])
    return terakhir + 1


UBAHAN = (
    "kode",
    "nama",
    "lokasi",
    "pagu",
    "pagu_maju",
    "sumber_dana",
    "catatan",
    "kode_nasional",
    "induk",
    "renstra_baris",
)


@transaction.atomic
def baris_ubah(
    *,
    baris: BarisRenja,
    versi: int,
    pengguna: AbstractBaseUser,
    indikator: Iterable[IndikatorInput] | None = None,
    **perubahan,
) -> BarisRenja:
    """Change a row. ``versi`` is the version the user saw; a newer save by someone else
    refuses this one (optimistic locking) and leaves theirs in place."""
    asing = set(perubahan) - set(UBAHAN)
    if asing:
        raise TypeError(f"Kolom tidak dikenal: {', '.join(sorted(asing))}")
    BARIS_RENJA.pastikan(pengguna, "ubah")
    renja = Renja.objects.select_for_update().get(pk=baris.renja_id)
    _pastikan_dapat_diubah(renja)
    try:
        terkini = BarisRenja.objects.select_for_update().get(pk=baris.pk)
    except BarisRenja.DoesNotExist:
        raise KonflikEdit(
            _("Baris %(kode)s telah dihapus oleh pengguna lain.") % {"kode": baris.kode}
        ) from None
    if terkini.versi != versi:
        raise KonflikEdit(
            _(
                "Baris %(kode)s telah diubah oleh pengguna lain sejak Anda membukanya. "
                "Perubahan Anda tidak disimpan; muat ulang halaman untuk melihat isian terbaru."
            )
            % {"kode": terkini.kode}
        )
    sebelum = baris_snapshot(terkini)
    for k, v in perubahan.items():
        setattr(terkini, k, v.strip() if isinstance(v, str) else v)
    if terkini.anak.exists() and (terkini.pagu is not None or terkini.pagu_maju is not None):
        raise ValidationError({"pagu": _("Pagu baris yang punya rincian dihitung dari rinciannya.")})
    _validasi_baris(terkini, mengecualikan_id=terkini.pk)
    indikator_baris = _indikator_dari_input(terkini, indikator) if indikator is not None else None
    if "kode" in perubahan and perubahan["kode"].strip() != sebelum["kode"]:
        for anak in terkini.anak.all():
            if not kode_memperluas(anak.kode, terkini.kode):
                raise ValidationError(
                    {
                        "kode": _("Kode baru tidak lagi menjadi awalan kode rinciannya (%(kode)s).")
                        % {"kode": anak.kode}
                    }
                )
    # The version check and the increment happen in one UPDATE, so two saves cannot both win.
    diperbarui = BarisRenja.objects.filter(pk=terkini.pk, versi=versi).update(
        versi=F("versi") + 1, **{k: getattr(terkini, k) for k in perubahan}
    )
    if diperbarui != 1:
        raise KonflikEdit(_("Baris %(kode)s telah diubah oleh pengguna lain.") % {"kode": terkini.kode})
    if indikator_baris is not None:
        _simpan_indikator(terkini, indikator_baris)
    terkini.refresh_from_db()
    sesudah = baris_snapshot(terkini)
    if sesudah != sebelum:
        audit_catat(
            pengguna=pengguna,
            aksi=AuditLog.Aksi.UBAH,
            objek=OBJEK_BARIS,
            objek_id=terkini.pk,
            sebelum=sebelum,
            sesudah=sesudah,
        )
    return terkini


def salin_tautan_renstra(*, renja: Renja, kode_asal: dict[str, str] | None = None) -> int:
    """Give the rows of a Renja the Renstra links of the same rows (by code) in the office's most
    recent other Renja that has any, where that Renstra covers this year. ``kode_asal`` maps a
    row's code to the code it had there, when the codes changed (local to national). Indicators
    are matched by their text within the row. Returns the number of rows linked."""
    sumber = (
        BarisRenja.objects.filter(
            renja__organisasi=renja.organisasi_id,
            renstra_baris__renstra__tahun_mulai__lte=renja.tahun,
            renstra_baris__renstra__tahun_akhir__gte=renja.tahun - 1,
        )
        .exclude(renja=renja)
        .order_by("-renja__tahun", "-renja_id")
        .values_list("renja_id", flat=True)
        .first()
    )
    if sumber is None:
        return 0
    tautan = {
        kode_normal(k): r
        for k, r in BarisRenja.objects.filter(renja=sumber, renstra_baris__isnull=False).values_list(
            "kode", "renstra_baris_id"
        )
    }
    tautan_ind = {
        (kode_normal(k), " ".join(u.lower().split())): r
        for k, u, r in Indikator.objects.filter(
            baris__renja=sumber, renstra_indikator__isnull=False
        ).values_list("baris__kode", "uraian", "renstra_indikator_id")
    }
    kode_asal = {kode_normal(k): kode_normal(v) for k, v in (kode_asal or {}).items()}
    baris = []
    for b in BarisRenja.objects.filter(renja=renja, renstra_baris__isnull=True):
        asal = kode_asal.get(kode_normal(b.kode), kode_normal(b.kode))
        if asal in tautan:
            b.renstra_baris_id = tautan[asal]
            baris.append(b)
    BarisRenja.objects.bulk_update(baris, ["renstra_baris"], batch_size=1000)
    indikator = []
    for i in Indikator.objects.filter(baris__renja=renja, renstra_indikator__isnull=True).select_related(
        "baris"
    ):
        asal = kode_asal.get(kode_normal(i.baris.kode), kode_normal(i.baris.kode))
        r = tautan_ind.get((asal, " ".join(i.uraian.lower().split())))
        if r is not None:
            i.renstra_indikator_id = r
            indikator.append(i)
    Indikator.objects.bulk_update(indikator, ["renstra_indikator"], batch_size=1000)
    return len(baris)


@transaction.atomic
def renja_terima_jumlah(*, renja: Renja, pengguna: AbstractBaseUser) -> int:
    """Let go of the totals an imported file stated: from now on the sums of the rows are the
    totals. For a planner who has edited rows since the import; the stated figures are kept in
    the audit trail. Returns how many rows carried a stated total."""
    BARIS_RENJA.pastikan(pengguna, "ubah")
    renja = Renja.objects.select_for_update().get(pk=renja.pk)
    _pastikan_dapat_diubah(renja)
    baris = BarisRenja.objects.filter(renja=renja).exclude(
        pagu_tertulis__isnull=True, pagu_maju_tertulis__isnull=True
    )
    sebelum = {
        "total_tertulis": renja.total_tertulis,
        "total_maju_tertulis": renja.total_maju_tertulis,
        "baris": {k: [p, m] for k, p, m in baris.values_list("kode", "pagu_tertulis", "pagu_maju_tertulis")},
    }
    n = baris.update(pagu_tertulis=None, pagu_maju_tertulis=None)
    Renja.objects.filter(pk=renja.pk).update(total_tertulis=None, total_maju_tertulis=None)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH,
        objek=OBJEK_RENJA,
        objek_id=renja.pk,
        sebelum=sebelum,
        sesudah={"total_tertulis": None, "total_maju_tertulis": None, "baris": {}},
        keterangan="Jumlah hitungan diterima; jumlah tertulis berkas dilepas",
    )
    return n


@transaction.atomic
def baris_hapus(*, baris: BarisRenja, versi: int, pengguna: AbstractBaseUser) -> None:
    BARIS_RENJA.pastikan(pengguna, "ubah")
    renja = Renja.objects.select_for_update().get(pk=baris.renja_id)
    _pastikan_dapat_diubah(renja)
    terkini = BarisRenja.objects.filter(pk=baris.pk).first()
    if terkini is None or terkini.versi != versi:
        raise KonflikEdit(
            _("Baris %(kode)s telah diubah atau dihapus oleh pengguna lain.") % {"kode": baris.kode}
        )
    if terkini.anak.exists():
        raise KesosError(
            _("Baris %(kode)s masih punya rincian; hapus rinciannya dahulu.") % {"kode": terkini.kode}
        )
    sebelum = baris_snapshot(terkini)
    terkini.delete()
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.HAPUS,
        objek=OBJEK_BARIS,
        objek_id=baris.pk,
        sebelum=sebelum,
        keterangan=f"{sebelum['kode']} dihapus",
    )


@transaction.atomic
def baris_pindah(*, baris: BarisRenja, arah: int, pengguna: AbstractBaseUser) -> None:
    """Swap a row with its previous (arah=-1) or next (arah=1) sibling, children included."""
    BARIS_RENJA.pastikan(pengguna, "ubah")
    renja = Renja.objects.select_for_update().get(pk=baris.renja_id)
    _pastikan_dapat_diubah(renja)
    saudara = list(BarisRenja.objects.filter(renja=renja, induk_id=baris.induk_id).order_by("urutan", "id"))
    idx = next(i for i, s in enumerate(saudara) if s.pk == baris.pk)
    j = idx + arah
    if not 0 <= j < len(saudara):
        return
    a, b = sorted([saudara[idx], saudara[j]], key=lambda s: s.urutan)
    blok_a = _blok(a)
    blok_b = _blok(b)
    # b's block moves to where a's starts; a's block follows it.
    mulai = min(r.urutan for r in blok_a)
    for i, r in enumerate(blok_b + blok_a):
        BarisRenja.objects.filter(pk=r.pk).update(urutan=mulai + i)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.PINDAH,
        objek=OBJEK_BARIS,
        objek_id=baris.pk,
        keterangan=f"{baris.kode} dipindah {'ke atas' if arah < 0 else 'ke bawah'}",
    )


def _blok(baris: BarisRenja) -> list[BarisRenja]:
    """A row and all its descendants, in display order."""
    semua = list(BarisRenja.objects.filter(renja=baris.renja_id).order_by("urutan", "id"))
    anak_dari: dict[int | None, list[BarisRenja]] = {}
    for r in semua:
        anak_dari.setdefault(r.induk_id, []).append(r)
    hasil: list[BarisRenja] = []

    def jalan(r: BarisRenja) -> None:
        hasil.append(r)
        for a in anak_dari.get(r.pk, []):
            jalan(a)

    jalan(baris)
    return hasil


def buat_renja_dari_data(
    *,
    organisasi: Organisasi,
    tahun: int,
    tahap: str,
    baris: list,
    skema: SkemaKode | None = None,
    nomenklatur: NomenklaturVersi | None = None,
    total_tertulis: int | None = None,
    total_maju_tertulis: int | None = None,
    pengguna: AbstractBaseUser,
    keterangan: str = "",
) -> Renja:
    """Store a whole Renja from plain rows (``pohon.BarisData``) in bulk, as a draft stage
    (every importer comes through here: a file never makes a Final or a Perubahan). Caller
    holds the transaction and has checked the rows' structure; their values are checked here
    (lengths, ranges, characters) and any problem refuses the whole (ImportDitolak)."""
    RENJA.pastikan(pengguna, "impor")
    _pastikan_tahap_rancangan(tahap)
    _validasi_data_renja(baris, total_tertulis=total_tertulis, total_maju_tertulis=total_maju_tertulis)
    sumber = {s.nama.lower(): s for s in SumberDana.objects.all()}
    sumber.update({s.kode.lower(): s for s in sumber.values()})
    try:
        with transaction.atomic():
            renja = Renja.objects.create(
                organisasi=organisasi,
                tahun=tahun,
                tahap=tahap,
                skema=skema or skema_bawaan(organisasi),
                nomenklatur=nomenklatur,
                dibuat_oleh=pengguna_db(pengguna),
                total_tertulis=total_tertulis,
                total_maju_tertulis=total_maju_tertulis,
            )
    except IntegrityError:
        raise KesosError(
            _("Renja %(tahun)s %(organisasi)s tahap %(tahap)s sudah ada.")
            % {"tahun": tahun, "organisasi": organisasi.nama, "tahap": Tahap(tahap).label}
        ) from None
    # Parents are written before their children, one level at a time, so that every row is
    # inserted with its parent's id: no second pass of updates over the whole table.
    induk_dari = {b.kode: b.induk_kode for b in baris}

    def kedalaman(kode: str) -> int:
        n = 0
        while (kode := induk_dari.get(kode)) is not None:
            n += 1
        return n

    tersimpan: dict[str, BarisRenja] = {}
    per_tingkat: dict[int, list[tuple[int, BarisData]]] = {}
    for urutan, b in enumerate(baris, start=1):
        per_tingkat.setdefault(kedalaman(b.kode), []).append((urutan, b))
    for _tingkat, daftar in sorted(per_tingkat.items()):
        objek = [
            BarisRenja(
                renja=renja,
                induk=tersimpan[b.induk_kode] if b.induk_kode else None,
                level=b.level,
                urutan=urutan,
                kode=b.kode,
                nama=b.nama,
                lokasi=b.lokasi,
                pagu=b.pagu if not b.anak else None,
                pagu_maju=b.pagu_maju if not b.anak else None,
                pagu_tertulis=b.pagu_tertulis,
                pagu_maju_tertulis=b.pagu_maju_tertulis,
                sumber_dana=sumber.get((b.sumber_dana or "").lower()),
                catatan=b.catatan,
            )
            for urutan, b in daftar
        ]
        BarisRenja.objects.bulk_create(objek, batch_size=1000)
        if objek and objek[0].pk is None:  # a database that does not return the new ids
            objek = list(BarisRenja.objects.filter(renja=renja, kode__in=[o.kode for o in objek]))
        tersimpan.update((o.kode, o) for o in objek)
    objek = [tersimpan[b.kode] for b in baris]
    indikator = [
        indikator_baru(o, urutan, i.uraian, i.target, i.maju)
        for b, o in zip(baris, objek, strict=True)
        for urutan, i in enumerate(b.indikator)
    ]
    Indikator.objects.bulk_create(indikator, batch_size=2000)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek=OBJEK_RENJA,
        objek_id=renja.pk,
        sesudah={"tahun": tahun, "tahap": tahap, "baris": len(objek), "skema": renja.skema.kode},
        keterangan=keterangan,
    )
    return renja


KOLOM_DATA_RENJA = {
    "kode": "(1) Kode",
    "nama": "(2) Nama",
    "lokasi": "(4) Lokasi",
    "pagu": "(6) Pagu Indikatif",
    "pagu_tertulis": "(6) Pagu Indikatif",
    "catatan": "(8) Catatan",
    "pagu_maju": "(10) Pagu Maju",
    "pagu_maju_tertulis": "(10) Pagu Maju",
}


def _validasi_data_renja(baris: list, *, total_tertulis: int | None, total_maju_tertulis: int | None) -> None:
    """Every value of plain rows within the bounds of the tables, or ImportDitolak naming the
    row (as numbered in the file, ``nomor``) and the column."""
    masalah: list[Masalah] = []
    for b in baris:
        row = BarisRenja(
            level=b.level,
            kode=b.kode,
            nama=b.nama,
            lokasi=b.lokasi,
            pagu=b.pagu,
            pagu_maju=b.pagu_maju,
            pagu_tertulis=b.pagu_tertulis,
            pagu_maju_tertulis=b.pagu_maju_tertulis,
            catatan=b.catatan,
        )
        nomor = getattr(b, "nomor", None)
        for kolom, pesan in _galat_bidang(row).items():
            masalah += [Masalah(nomor, KOLOM_DATA_RENJA.get(kolom, kolom), p) for p in pesan]
        try:
            _validasi_indikator(
                [indikator_baru(row, i, x.uraian, x.target, x.maju) for i, x in enumerate(b.indikator)]
            )
        except ValidationError as e:
            masalah += [Masalah(nomor, "(3) Indikator / (5) Target", p) for p in e.messages]
    for nilai in (total_tertulis, total_maju_tertulis):
        if nilai is not None and not 0 <= nilai <= PAGU_MAKS:
            masalah.append(
                Masalah(
                    None,
                    "TOTAL",
                    _("total %(nilai)s di luar batas 0 sampai %(maks)s")
                    % {"nilai": nilai, "maks": PAGU_MAKS},
                )
            )
    if masalah:
        raise ImportDitolak(masalah)


# From local codes to the national scheme -------------------------------------------------


def _boleh_menyusun(pengguna: AbstractBaseUser) -> None:
    RENJA.pastikan(pengguna, "buat")


@transaction.atomic
def pemetaan_simpan(
    *,
    renja: Renja,
    pilihan: dict[str, int | None],
    skor: dict[str, int] | None = None,
    pengguna: AbstractBaseUser,
) -> int:
    """Keep, for the office, the national sub-kegiatan chosen for each of this Renja's codes
    (None: the row has no national twin). Returns how many mappings changed."""
    _boleh_menyusun(pengguna)
    skor = skor or {}
    baris = {b.kode: b for b in BarisRenja.objects.filter(renja=renja)}
    asing = [k for k in pilihan if k not in baris]
    if asing:
        raise KesosError(
            _("Kode %(kode)s bukan baris %(renja)s.") % {"kode": ", ".join(sorted(asing)), "renja": renja}
        )
    item = NomenklaturItem.objects.in_bulk([i for i in pilihan.values() if i])
    errors: dict[str, list[str]] = {}
    for kode, item_id in pilihan.items():
        if item_id and (item_id not in item or item[item_id].level != Level.SUB_KEGIATAN):
            errors.setdefault(kode, []).append(
                _("%(kode)s: pilihan bukan sub-kegiatan nomenklatur nasional.") % {"kode": kode}
            )
    if errors:
        raise ValidationError(errors)
    ada = {
        p.kode_asal: p
        for p in PemetaanKode.objects.select_for_update().filter(
            organisasi=renja.organisasi_id, skema_asal=renja.skema_id, kode_asal__in=list(pilihan)
        )
    }
    berubah = 0
    for kode, item_id in pilihan.items():
        p = ada.get(kode)
        sebelum = (p.item.kode if p.item_id else None) if p else "belum"
        sesudah = item[item_id].kode if item_id else None
        if p is not None and p.item_id == item_id:
            continue
        if p is None:
            p = PemetaanKode(organisasi=renja.organisasi, skema_asal=renja.skema, kode_asal=kode)
        p.nama_asal = baris[kode].nama
        p.item_id = item_id
        p.skor = skor.get(kode)
        p.diubah_oleh = pengguna_db(pengguna)
        p.save()
        berubah += 1
        audit_catat(
            pengguna=pengguna,
            aksi=AuditLog.Aksi.UBAH,
            objek="perencanaan.PemetaanKode",
            objek_id=p.pk,
            sebelum={"kode_asal": kode, "kode_nasional": sebelum},
            sesudah={"kode_asal": kode, "kode_nasional": sesudah},
        )
    return berubah


@dataclass
class HasilNasional:
    renja: Renja
    tidak_dipetakan: list[BarisRenja]
    digabung: dict[str, list[str]]  # national code -> the local codes summed into it


@transaction.atomic
def renja_mulai_nasional(
    *, renja: Renja, versi: NomenklaturVersi, pengguna: AbstractBaseUser
) -> HasilNasional:
    """Start next year's Renja in the national scheme from this one and the office's mapping.

    Each mapped row becomes its national sub-kegiatan, with next year's figures as this Renja
    forecast them (prakiraan maju: pagu and targets); kegiatan, program, bidang and urusan above
    it are added from the nomenclature. Rows mapped to the same sub-kegiatan are summed; rows
    without a mapping are listed, not guessed."""
    _boleh_menyusun(pengguna)
    if versi.skema_id is None:
        raise KesosError(
            _("Nomenklatur %(versi)s tidak ditulis dalam skema kode mana pun.") % {"versi": versi.nama}
        )
    skema = skema_dari(versi.skema_id)
    tahun = renja.tahun + 1
    if Renja.objects.filter(organisasi=renja.organisasi_id, tahun=tahun).exists():
        raise KesosError(
            _("Renja %(tahun)s %(organisasi)s sudah ada.")
            % {"tahun": tahun, "organisasi": renja.organisasi.nama}
        )
    from .queries import renja_ringkasan

    ringkasan = renja_ringkasan(renja)
    nasional = {kode_normal(i.kode): i for i in NomenklaturItem.objects.filter(versi=versi).order_by("kode")}
    peta = {
        kode_normal(p.kode_asal): p.item
        for p in PemetaanKode.objects.filter(
            organisasi=renja.organisasi_id, skema_asal=renja.skema_id, item__isnull=False
        ).select_related("item")
    }
    kepala = {b.level: b for b in ringkasan.pohon.urut if b.level in LEVEL_KEPALA}
    nama_kepala = {
        Level.URUSAN: kepala[Level.URUSAN].nama if Level.URUSAN in kepala else renja.organisasi.urusan_nama,
        Level.BIDANG: kepala[Level.BIDANG].nama if Level.BIDANG in kepala else renja.organisasi.bidang_nama,
    }
    baris: dict[str, BarisData] = {}
    tidak: list[str] = []
    digabung: dict[str, list[str]] = {}
    for b in ringkasan.pohon.urut:
        if not b.daun or b.level in LEVEL_KEPALA:
            continue
        item = peta.get(kode_normal(b.kode))
        # A mapping made against another version is carried over by its code.
        item = nasional.get(kode_normal(item.kode)) if item is not None else None
        if item is None:
            tidak.append(b.kode)
            continue
        rantai = [item.kode]
        while (induk := skema.kode_induk(rantai[-1])) is not None:
            rantai.append(induk)
        induk_kode = None
        for kode in reversed(rantai):
            level = skema.level_kode(kode)
            if kode not in baris:
                resmi = nasional.get(kode_normal(kode))
                nama = resmi.nama if resmi else nama_kepala.get(level) or kode
                baris[kode] = BarisData(kode=kode, nama=nama, level=level, induk_kode=induk_kode)
            induk_kode = kode
        sub = baris[item.kode]
        digabung.setdefault(item.kode, []).append(b.kode)
        sub.pagu = (sub.pagu or 0) + (b.pagu_maju or 0)
        sub.lokasi = sub.lokasi or b.lokasi
        sub.sumber_dana = sub.sumber_dana or b.sumber_dana
        sub.indikator.extend(IndikatorData(i.uraian, i.maju, "") for i in b.indikator if i.uraian or i.maju)
    for kode, asal in digabung.items():
        baris[kode].catatan = f"Dari Renja {renja.tahun}: {', '.join(asal)}"
    urut = sorted(baris.values(), key=lambda x: [s.zfill(4) for s in kode_normal(x.kode).split(".")])
    for x in urut:
        x.anak = [y for y in urut if y.induk_kode == x.kode]
    baru = buat_renja_dari_data(
        organisasi=renja.organisasi,
        tahun=tahun,
        tahap=Tahap.RANCANGAN_AWAL,
        baris=urut,
        skema=SkemaKode.objects.get(pk=versi.skema_id),
        nomenklatur=versi,
        pengguna=pengguna,
        keterangan=f"Dari Renja {renja.tahun} ({renja.skema.nama}) dengan pemetaan ke {versi.nama}",
    )
    salin_tautan_renstra(
        renja=baru, kode_asal={kode: asal[0] for kode, asal in digabung.items() if len(asal) == 1}
    )
    tidak_dipetakan = list(BarisRenja.objects.filter(renja=renja, kode__in=tidak).order_by("urutan"))
    return HasilNasional(renja=baru, tidak_dipetakan=tidak_dipetakan, digabung=digabung)
