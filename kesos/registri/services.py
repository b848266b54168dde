"""Writes to the registry: categories, persons, classifications, status. Each audited."""

import json
from datetime import date
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.akun.access import pengguna_db
from kesos.akun.models import AksesDataPribadi, AuditLog
from kesos.akun.services import akses_catat, audit_catat
from kesos.inti.errors import KesosError, KonflikEdit, TidakBerhak
from kesos.inti.validasi import pastikan_sah, periksa_teks
from kesos.wilayah.models import Wilayah

from .access import KATEGORI, KELUARGA, ORANG, VERVAL
from .models import (
    AlasanTidakValid,
    HasilVerval,
    JumlahTercatat,
    Kategori,
    Klasifikasi,
    Orang,
    PutaranVerval,
    Status,
    Verval,
)
from .nik import periksa_kk, periksa_nik
from .queries import OBJEK_ORANG

DATA = Path(__file__).parent / "data" / "pmks_psks.json"
KOLOM_ORANG = (
    "nik",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "alamat",
    "desa_kode",
    "hubungan_keluarga",
    "status",
)


def snapshot_orang(o: Orang) -> dict:
    return {k: (str(getattr(o, k)) if k == "tanggal_lahir" else getattr(o, k)) for k in KOLOM_ORANG} | {
        "keluarga": o.keluarga_id
    }


@transaction.atomic
def kategori_muat_baku() -> int:
    """The 26 PMKS and 12 PSKS categories of the document, version 1; and its count tables."""
    with open(DATA, encoding="utf-8") as f:
        data = json.load(f)
    for k in data["kategori"]:
        Kategori.objects.get_or_create(kode=k["kode"], versi=1, defaults={x: k[x] for x in k if x != "kode"})
    for kode, nilai in data["jumlah"]["data"].items():
        for tahun, jumlah in zip(data["jumlah"]["tahun"], nilai, strict=True):
            JumlahTercatat.objects.get_or_create(
                kategori_kode=kode,
                tahun=tahun,
                wilayah_kode="18.04",
                defaults={"jumlah": jumlah, "sumber": "Renja 2021 Dinas Sosial Lampung Barat, Bab II"},
            )
    return len(data["kategori"])


@transaction.atomic
def kategori_ubah(*, kategori: Kategori, pengguna: AbstractBaseUser, **ubahan) -> Kategori:
    """Amend a category. One already used to classify someone is never edited in place: a new
    version is made and the old one retired, so past classifications keep the rule they met."""
    KATEGORI.pastikan(pengguna, "ubah")
    if kategori.klasifikasi.exists():
        baru = Kategori.objects.get(pk=kategori.pk)
        baru.pk = None
        baru.versi = Kategori.objects.filter(kode=kategori.kode).order_by("-versi").first().versi + 1
        for k, v in ubahan.items():
            setattr(baru, k, v)
        pastikan_sah(baru)
        baru.full_clean()
        baru.save()
        Kategori.objects.filter(pk=kategori.pk).update(aktif=False)
        hasil = baru
    else:
        for k, v in ubahan.items():
            setattr(kategori, k, v)
        pastikan_sah(kategori)
        kategori.full_clean()
        kategori.save()
        hasil = kategori
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH,
        objek="registri.Kategori",
        objek_id=hasil.pk,
        sesudah={k: str(v) for k, v in ubahan.items()},
        keterangan=f"{hasil.kode} versi {hasil.versi}",
    )
    return hasil


def kategori_aktif() -> dict[str, Kategori]:
    """Active categories by lower-cased name and code, for matching what a file says."""
    hasil = {}
    for k in Kategori.objects.filter(aktif=True):
        hasil[k.nama.lower()] = k
        hasil[k.kode.lower()] = k
    return hasil


KEPALA_KELUARGA = {"kepala keluarga", "kepala", "kk"}


@transaction.atomic
def orang_simpan(
    *,
    nik: str,
    nama: str,
    jenis_kelamin: str,
    tanggal_lahir: date,
    desa_kode: str,
    alamat: str = "",
    hubungan_keluarga: str = "",
    pengguna: AbstractBaseUser,
) -> tuple[Orang, list[str]]:
    """Create or update a person by NIK. Returns the person and the warnings about the NIK.

    The user must be allowed to change persons of the new desa and, for a person on record, of
    the desa they are in now: an operator cannot take a person over from another area."""
    ORANG.pastikan(pengguna, "ubah", Orang(desa_kode=desa_kode))
    hasil = periksa_nik(nik, jenis_kelamin=jenis_kelamin, tanggal_lahir=tanggal_lahir)
    if not hasil.sah:
        raise KesosError(_("NIK ditolak: %(galat)s") % {"galat": "; ".join(hasil.galat)})
    if not nama.strip():
        raise KesosError(_("Nama wajib diisi."))
    if not Wilayah.objects.filter(kode=desa_kode, tingkat__in=["desa", "kelurahan"]).exists():
        raise KesosError(_("Desa/kelurahan %(kode)s tidak ada.") % {"kode": desa_kode})
    o = Orang.data_pribadi.select_for_update().filter(nik=nik).first()
    if o is not None and not ORANG.boleh(pengguna, "ubah", o):
        raise TidakBerhak(
            _("NIK %(nik)s tercatat di wilayah lain; hanya operator wilayah itu yang dapat mengubahnya.")
            % {"nik": nik}
        )
    sebelum = snapshot_orang(o) if o else None
    o = o or Orang(nik=nik)
    o.nama, o.jenis_kelamin, o.tanggal_lahir = nama.strip(), jenis_kelamin, tanggal_lahir
    o.desa_kode, o.alamat, o.hubungan_keluarga = desa_kode, alamat.strip(), hubungan_keluarga.strip()
    if o.keluarga_id and o.hubungan_keluarga.lower() in KEPALA_KELUARGA:
        kepala = o.keluarga.kepala_id
        if kepala is not None and kepala != o.pk:
            raise ValidationError(
                {
                    "hubungan_keluarga": _(
                        "KK %(kk)s sudah punya kepala keluarga; ganti kepala keluarga pada data keluarganya."
                    )
                    % {"kk": o.keluarga.no_kk}
                }
            )
    pastikan_sah(o, kecuali=("versi",))
    if sebelum:
        o.versi += 1
        o.save()
    else:
        try:
            with transaction.atomic():
                o.save()
        except IntegrityError:  # the same NIK saved by someone else at the same instant
            raise KonflikEdit(
                _("NIK %(nik)s baru saja dicatat oleh pengguna lain; muat ulang.") % {"nik": nik}
            ) from None
    if sebelum:
        sinkron_klasifikasi([o.pk])
    sesudah = snapshot_orang(o)
    if sesudah != sebelum:
        audit_catat(
            pengguna=pengguna,
            aksi=AuditLog.Aksi.UBAH if sebelum else AuditLog.Aksi.BUAT,
            objek=OBJEK_ORANG,
            objek_id=o.pk,
            sebelum=sebelum,
            sesudah=sesudah,
        )
    return o, hasil.peringatan


@transaction.atomic
def klasifikasi_tambah(
    *,
    orang: Orang,
    kategori: Kategori,
    tanggal: date,
    bukti: str = "",
    pengguna: AbstractBaseUser,
) -> Klasifikasi:
    """Classify a person; refused with the rule named when the person does not meet it on that date."""
    ORANG.pastikan(pengguna, "ubah", orang)
    if salah := periksa_teks(bukti, label=_("bukti"), panjang_maks=255):
        raise ValidationError({"bukti": salah})
    if not kategori.aktif:
        raise KesosError(
            _("Kategori %(kategori)s versi %(versi)s sudah tidak berlaku.")
            % {"kategori": kategori.nama, "versi": kategori.versi}
        )
    langgar = kategori.langgar(
        tanggal_lahir=orang.tanggal_lahir, jenis_kelamin=orang.jenis_kelamin, pada=tanggal
    )
    if langgar:
        raise KesosError(_("Klasifikasi ditolak: %(sebab)s.") % {"sebab": langgar})
    k, dibuat = Klasifikasi.objects.update_or_create(
        orang=orang,
        kategori=kategori,
        defaults={
            "desa_kode": orang.desa_kode,
            "hidup": orang.status == Status.HIDUP,
            "tanggal": tanggal,
            "bukti": bukti,
            "oleh": pengguna_db(pengguna),
        },
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT if dibuat else AuditLog.Aksi.UBAH,
        objek=OBJEK_ORANG,
        objek_id=orang.pk,
        sesudah={"klasifikasi": kategori.kode, "tanggal": str(tanggal), "bukti": bukti},
        keterangan=f"diklasifikasikan {kategori.nama}",
    )
    return k


@transaction.atomic
def orang_ubah_status(
    *, orang: Orang, status: str, keterangan: str = "", pengguna: AbstractBaseUser
) -> Orang:
    """Deleting a person is recording that they died or moved: the row stays."""
    ORANG.pastikan(pengguna, "ubah", orang)
    if salah := periksa_teks(keterangan, label=_("keterangan"), panjang_maks=255):
        raise ValidationError({"keterangan": salah})
    if status not in Status.values:
        raise KesosError(
            _("Status '%(status)s' tidak dikenal; pilih %(pilihan)s.")
            % {"status": status, "pilihan": ", ".join(Status.values)}
        )
    o = Orang.data_pribadi.select_for_update().get(pk=orang.pk)
    sebelum = o.status
    o.status, o.versi = status, o.versi + 1
    o.save(update_fields=["status", "versi"])
    sinkron_klasifikasi([o.pk])
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek=OBJEK_ORANG,
        objek_id=o.pk,
        sebelum={"status": sebelum},
        sesudah={"status": status},
        keterangan=keterangan,
    )
    return o


@transaction.atomic
def verval_buka(*, nama: str, pengguna: AbstractBaseUser) -> PutaranVerval:
    VERVAL.pastikan(pengguna, "putaran")
    if salah := periksa_teks(nama, label=_("nama putaran"), panjang_maks=120):
        raise ValidationError({"nama": salah})
    if PutaranVerval.objects.filter(ditutup_pada__isnull=True).exists():
        raise KesosError(_("Masih ada putaran verval yang terbuka; tutup dahulu."))
    p = PutaranVerval.objects.create(nama=nama.strip() or "Verval", dibuka_oleh=pengguna_db(pengguna))
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="registri.PutaranVerval",
        objek_id=p.pk,
        sesudah={"nama": p.nama},
    )
    return p


@transaction.atomic
def verval_tutup(*, putaran: PutaranVerval, pengguna: AbstractBaseUser) -> PutaranVerval:
    VERVAL.pastikan(pengguna, "putaran")
    p = PutaranVerval.objects.select_for_update().get(pk=putaran.pk)
    if not p.terbuka:
        raise KesosError(_("Putaran %(nama)s sudah ditutup.") % {"nama": p.nama})
    p.ditutup_pada, p.ditutup_oleh = timezone.now(), pengguna_db(pengguna)
    p.save(update_fields=["ditutup_pada", "ditutup_oleh"])
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek="registri.PutaranVerval",
        objek_id=p.pk,
        sesudah={"ditutup": True},
    )
    return p


@transaction.atomic
def verval_tandai(
    *,
    putaran: PutaranVerval,
    orang: Orang,
    hasil: str,
    alasan: str = "",
    catatan: str = "",
    pengguna: AbstractBaseUser,
) -> Verval:
    """An operator of the person's desa or kecamatan, and nobody else, marks a record."""
    p = PutaranVerval.objects.select_for_update().get(pk=putaran.pk)
    if not p.terbuka:
        raise KesosError(
            _("Putaran %(nama)s sudah ditutup; hasilnya disimpan apa adanya.") % {"nama": p.nama}
        )
    VERVAL.pastikan(pengguna, "tandai", orang)
    if salah := periksa_teks(catatan, label=_("catatan"), panjang_maks=255):
        raise ValidationError({"catatan": salah})
    if hasil not in HasilVerval.values:
        raise KesosError(_("Hasil '%(hasil)s' tidak dikenal.") % {"hasil": hasil})
    if hasil == HasilVerval.TIDAK_VALID and alasan not in AlasanTidakValid.values:
        raise KesosError(
            _("Tidak valid harus dengan alasan: %(alasan)s.")
            % {"alasan": ", ".join(str(x) for x in AlasanTidakValid.labels)}
        )
    v, _dibuat = Verval.objects.update_or_create(
        putaran=p,
        orang=orang,
        defaults={
            "desa_kode": orang.desa_kode,
            "hasil": hasil,
            "alasan": alasan if hasil == HasilVerval.TIDAK_VALID else "",
            "catatan": catatan,
            "oleh": pengguna_db(pengguna),
        },
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek=OBJEK_ORANG,
        objek_id=orang.pk,
        sesudah={"verval": hasil, "alasan": alasan, "putaran": p.nama},
        keterangan="verval",
    )
    if hasil == HasilVerval.TIDAK_VALID and alasan in (Status.MENINGGAL, Status.PINDAH):
        orang_ubah_status(orang=orang, status=alasan, keterangan=f"verval {p.nama}", pengguna=pengguna)
    return v


@transaction.atomic
def keluarga_ganti_kk(
    *,
    keluarga,
    no_kk: str,
    kepala: Orang | None = None,
    tanggal: date,
    keterangan: str = "",
    pengguna: AbstractBaseUser,
):
    """A household gets a new KK number (split, merge, a new head): the household keeps its
    identity, the old number stays in its history."""
    from .models import Keluarga, RiwayatKK

    salah = periksa_kk(no_kk)
    if salah:
        raise KesosError("; ".join(salah))
    kel = Keluarga.data_pribadi.select_for_update().get(pk=keluarga.pk)
    KELUARGA.pastikan(pengguna, "ubah", kel)
    if salah := periksa_teks(keterangan, label=_("keterangan"), panjang_maks=200):
        raise ValidationError({"keterangan": salah})
    if kepala is not None and kepala.keluarga_id != kel.pk:
        raise KesosError(_("Kepala keluarga harus anggota keluarga ini."))
    sebelum = {"no_kk": kel.no_kk, "kepala": kel.kepala_id}
    if not kel.riwayat.exists():
        RiwayatKK.objects.create(
            keluarga=kel, no_kk=kel.no_kk, berlaku_sejak=tanggal, keterangan="nomor awal"
        )
    kel.no_kk = no_kk
    if kepala is not None:
        kel.kepala = kepala
    kel.versi += 1
    kel.save()
    RiwayatKK.objects.create(
        keluarga=kel,
        no_kk=no_kk,
        kepala_nik=kel.kepala.nik if kel.kepala_id else "",
        berlaku_sejak=tanggal,
        keterangan=keterangan,
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH,
        objek="registri.Keluarga",
        objek_id=kel.pk,
        sebelum=sebelum,
        sesudah={"no_kk": no_kk, "kepala": kel.kepala_id},
        keterangan=keterangan,
    )
    return kel


def sinkron_klasifikasi(orang_ids) -> None:
    """Bring the copies of desa and alive-ness on classifications in step with their persons."""
    from django.db.models import Exists, OuterRef, Subquery

    orang = Orang.data_pribadi.filter(pk=OuterRef("orang_id"))
    Klasifikasi.objects.filter(orang_id__in=orang_ids).update(
        desa_kode=Subquery(orang.values("desa_kode")[:1]),
        hidup=Exists(orang.filter(status=Status.HIDUP)),
    )


@transaction.atomic
def orang_ekspor(*, pengguna: AbstractBaseUser, tujuan: str, alamat: str = "") -> list[Orang]:
    """The persons a user may export (their area's), with the export logged: who, when, which
    records and the purpose the user typed. Refused without a purpose."""
    ORANG.pastikan(pengguna, "ekspor")
    tujuan = tujuan.strip()
    salah = periksa_teks(tujuan, label=_("tujuan"), panjang_maks=255)
    if not tujuan:
        salah.append(_("Tujuan ekspor wajib diisi."))
    if salah:
        raise ValidationError({"tujuan": salah})
    qs = Orang.data_pribadi.select_related("keluarga").order_by("desa_kode", "id")
    orang = list(ORANG.dalam_lingkup(pengguna, "ekspor", qs))
    akses_catat(
        pengguna=pengguna,
        aksi=AksesDataPribadi.Aksi.EKSPOR,
        objek=OBJEK_ORANG,
        ids=[o.pk for o in orang],
        tujuan=tujuan,
        alamat=alamat,
    )
    return orang
