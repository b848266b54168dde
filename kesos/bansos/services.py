"""Writes of the assistance programmes. Each is one transaction that asks the access rules
(``access.pastikan``), validates what it stores (``validasi``) and is audited."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models import DateTimeField, IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.akun.access import pengguna_db
from kesos.akun.models import AuditLog
from kesos.akun.services import audit_catat
from kesos.inti.errors import KesosError, KonflikEdit
from kesos.perencanaan.models import BarisRenja, SumberDana
from kesos.registri.models import Kategori, Keluarga, Orang, Status
from kesos.wilayah.models import Wilayah

from . import kelayakan, validasi
from .access import pastikan
from .models import (
    STATUS_PENOLAKAN,
    TRANSISI,
    AnggotaKelompok,
    JenisManfaat,
    JenisPengaduan,
    Kelompok,
    Kepesertaan,
    KondisiRumah,
    Pengaduan,
    Penyaluran,
    PeranAnggota,
    Periode,
    Program,
    Rumah,
    Satuan,
    Siklus,
    StatusKepesertaan,
    StatusPengaduan,
    SyaratVerval,
)

OBJEK_PROGRAM = "bansos.Program"
OBJEK_KEPESERTAAN = "bansos.Kepesertaan"
OBJEK_PENYALURAN = "bansos.Penyaluran"
LEVEL_PEMBIAYA = ("kegiatan", "sub_kegiatan")  # the Renja levels that carry a cost
_KODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")


def _user(pengguna):
    """The user to store on a row: None for the system (commands) or anonymous."""
    return pengguna_db(pengguna)


def _desa_ada(kode: str, kolom: str) -> str:
    kode = validasi.teks(kode, kolom, 20, wajib=True)
    if not Wilayah.objects.filter(kode=kode, tingkat__in=["desa", "kelurahan"]).exists():
        raise KesosError(_("%(kolom)s: desa/kelurahan %(kode)s tidak ada.") % {"kolom": kolom, "kode": kode})
    return kode


# --- programmes, periods, cycles -------------------------------------------------------------


def snapshot_program(p: Program) -> dict:
    return {
        "kode": p.kode,
        "nama": p.nama,
        "jenis_manfaat": p.jenis_manfaat,
        "satuan": p.satuan,
        "sumber_dana": p.sumber_dana_id,
        "kegiatan": p.kegiatan_id,
        "nilai_manfaat": p.nilai_manfaat,
        "aktif": p.aktif,
        "kategori_kode": list(p.kategori_kode),
        "usia_min": p.usia_min,
        "usia_max": p.usia_max,
        "jenis_kelamin": p.jenis_kelamin,
        "verval": p.verval,
        "wilayah_kode": p.wilayah_kode,
        "tidak_bersama": sorted(p.tidak_bersama.values_list("kode", flat=True)) if p.pk else [],
    }


@transaction.atomic
def program_simpan(
    *,
    pengguna: AbstractBaseUser | None,
    kode: str,
    nama: str,
    jenis_manfaat: str,
    satuan: str,
    sumber_dana: SumberDana | None = None,
    kegiatan: BarisRenja | None = None,
    nilai_manfaat: int | None = None,
    keterangan: str = "",
    aktif: bool = True,
    kategori_kode: Sequence[str] = (),
    usia_min: int | None = None,
    usia_max: int | None = None,
    jenis_kelamin: str = "",
    verval: str = SyaratVerval.SEMUA,
    wilayah_kode: str = "",
    tidak_bersama: Iterable[Program] = (),
    program: Program | None = None,
    versi: int | None = None,
) -> Program:
    """Define a programme and its rule, or change one (``program`` with the ``versi`` read)."""
    pastikan(pengguna, "program_kelola")
    kode = validasi.teks(kode, _("kode"), 20, wajib=True).upper()
    if not _KODE_RE.match(kode):
        raise KesosError(_("kode: hanya huruf besar, angka, '-' dan '_' (paling banyak 20)."))
    nama = validasi.teks(nama, _("nama"), 200, wajib=True)
    keterangan = validasi.teks(keterangan, _("keterangan"), 2000, baris_baru=True)
    validasi.pilihan(jenis_manfaat, _("jenis manfaat"), JenisManfaat)
    validasi.pilihan(satuan, _("satuan penerima"), Satuan)
    validasi.pilihan(verval, _("syarat verval"), SyaratVerval)
    nilai_manfaat = validasi.rupiah(nilai_manfaat, _("nilai manfaat"), boleh_kosong=True)
    for nama_usia, usia in ((_("usia minimal"), usia_min), (_("usia maksimal"), usia_max)):
        if usia is not None and (isinstance(usia, bool) or not isinstance(usia, int) or not 0 <= usia <= 150):
            raise KesosError(_("%(kolom)s: harus bilangan bulat 0 sampai 150.") % {"kolom": nama_usia})
    if usia_min is not None and usia_max is not None and usia_min > usia_max:
        raise KesosError(
            _("usia minimal (%(min)s) lebih besar dari usia maksimal (%(max)s).")
            % {"min": usia_min, "max": usia_max}
        )
    if jenis_kelamin not in ("", "L", "P"):
        raise KesosError(_("jenis kelamin: kosong, L atau P."))
    kategori_kode = sorted({validasi.teks(k, _("kategori"), 20, wajib=True).upper() for k in kategori_kode})
    dikenal = set(Kategori.objects.filter(kode__in=kategori_kode).values_list("kode", flat=True))
    if hilang := [k for k in kategori_kode if k not in dikenal]:
        raise KesosError(_("kategori: %(kode)s tidak dikenal.") % {"kode": ", ".join(hilang)})
    wilayah_kode = validasi.teks(wilayah_kode, _("wilayah sasaran"), 20)
    if wilayah_kode and not Wilayah.objects.filter(kode=wilayah_kode).exists():
        raise KesosError(_("wilayah sasaran: %(kode)s tidak ada.") % {"kode": wilayah_kode})
    if kegiatan is not None and kegiatan.level not in LEVEL_PEMBIAYA:
        raise KesosError(
            _("kegiatan: %(kode)s berlevel %(level)s; pilih kegiatan atau sub-kegiatan.")
            % {"kode": kegiatan.kode, "level": kegiatan.level}
        )
    lain = list(tidak_bersama)
    if program is not None:
        p = Program.objects.select_for_update().get(pk=program.pk)
        if versi is not None and versi != p.versi:
            raise KonflikEdit(
                _("Program %(kode)s sudah diubah oleh pengguna lain; muat ulang lalu ubah lagi.")
                % {"kode": p.kode}
            )
        sebelum = snapshot_program(p)
        p.versi += 1
    else:
        if Program.objects.filter(kode=kode).exists():
            raise KesosError(_("kode: program %(kode)s sudah ada.") % {"kode": kode})
        p, sebelum = Program(), None
    if any(x.pk == p.pk and p.pk for x in lain):
        raise KesosError(_("tidak boleh bersamaan: program tidak dapat dikecualikan dari dirinya sendiri."))
    p.kode, p.nama, p.jenis_manfaat, p.satuan = kode, nama, jenis_manfaat, satuan
    p.sumber_dana, p.kegiatan, p.nilai_manfaat, p.keterangan, p.aktif = (
        sumber_dana,
        kegiatan,
        nilai_manfaat,
        keterangan,
        aktif,
    )
    p.kategori_kode, p.usia_min, p.usia_max, p.jenis_kelamin = (
        kategori_kode,
        usia_min,
        usia_max,
        jenis_kelamin,
    )
    p.verval, p.wilayah_kode = verval, wilayah_kode
    try:
        with transaction.atomic():
            p.save()
    except IntegrityError as e:
        raise KesosError(_("kode: program %(kode)s sudah ada.") % {"kode": kode}) from e
    p.tidak_bersama.set(lain)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH if sebelum else AuditLog.Aksi.BUAT,
        objek=OBJEK_PROGRAM,
        objek_id=p.pk,
        sebelum=sebelum,
        sesudah=snapshot_program(p),
    )
    return p


@transaction.atomic
def periode_buat(
    *,
    pengguna: AbstractBaseUser | None,
    program: Program,
    nama: str,
    mulai: date,
    selesai: date,
    kegiatan: BarisRenja | None = None,
) -> Periode:
    pastikan(pengguna, "program_kelola")
    nama = validasi.teks(nama, _("nama periode"), 60, wajib=True)
    validasi.urut(
        validasi.tanggal(mulai, _("mulai")), validasi.tanggal(selesai, _("selesai")), _("mulai"), _("selesai")
    )
    if kegiatan is not None and kegiatan.level not in LEVEL_PEMBIAYA:
        raise KesosError(_("kegiatan: %(kode)s bukan kegiatan atau sub-kegiatan.") % {"kode": kegiatan.kode})
    if Periode.objects.filter(program=program, nama=nama).exists():
        raise KesosError(
            _("Periode %(nama)s program %(program)s sudah ada.") % {"nama": nama, "program": program.kode}
        )
    p = Periode.objects.create(program=program, nama=nama, mulai=mulai, selesai=selesai, kegiatan=kegiatan)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bansos.Periode",
        objek_id=p.pk,
        sesudah={"program": program.kode, "nama": nama, "mulai": str(mulai), "selesai": str(selesai)},
    )
    return p


@transaction.atomic
def siklus_buat(
    *, pengguna: AbstractBaseUser | None, periode: Periode, nomor: int, nama: str, mulai: date, selesai: date
) -> Siklus:
    pastikan(pengguna, "program_kelola")
    if isinstance(nomor, bool) or not isinstance(nomor, int) or not 1 <= nomor <= 366:
        raise KesosError(_("nomor siklus: 1 sampai 366."))
    nama = validasi.teks(nama, _("nama siklus"), 60, wajib=True)
    validasi.urut(
        validasi.tanggal(mulai, _("mulai")), validasi.tanggal(selesai, _("selesai")), _("mulai"), _("selesai")
    )
    if mulai < periode.mulai or selesai > periode.selesai:
        raise KesosError(
            _("Siklus harus di dalam periode %(periode)s (%(mulai)s s/d %(selesai)s).")
            % {
                "periode": periode.nama,
                "mulai": f"{periode.mulai:%d-%m-%Y}",
                "selesai": f"{periode.selesai:%d-%m-%Y}",
            }
        )
    if Siklus.objects.filter(periode=periode, nomor=nomor).exists():
        raise KesosError(
            _("Siklus nomor %(nomor)s periode %(periode)s sudah ada.")
            % {"nomor": nomor, "periode": periode.nama}
        )
    s = Siklus.objects.create(periode=periode, nomor=nomor, nama=nama, mulai=mulai, selesai=selesai)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bansos.Siklus",
        objek_id=s.pk,
        sesudah={"periode": periode.pk, "nomor": nomor, "nama": nama},
    )
    return s


@dataclass(frozen=True)
class TotalSiklus:
    penerima: int
    rupiah: int


def total_siklus(siklus: Siklus) -> TotalSiklus:
    from django.db.models import Count, Sum

    r = Penyaluran.objects.filter(siklus=siklus).aggregate(
        n=Count("kepesertaan", distinct=True), rp=Sum("rupiah")
    )
    return TotalSiklus(r["n"] or 0, r["rp"] or 0)


@transaction.atomic
def siklus_tutup(*, pengguna: AbstractBaseUser | None, siklus: Siklus) -> Siklus:
    """Close a cycle with its totals; no delivery is recorded in it afterwards."""
    pastikan(pengguna, "siklus_tutup")
    s = Siklus.objects.select_for_update().get(pk=siklus.pk)
    if not s.terbuka:
        raise KesosError(_("Siklus %(nama)s sudah ditutup.") % {"nama": s.nama})
    total = total_siklus(s)
    s.ditutup_pada, s.ditutup_oleh = timezone.now(), _user(pengguna)
    s.total_penerima, s.total_rupiah = total.penerima, total.rupiah
    s.save()
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek="bansos.Siklus",
        objek_id=s.pk,
        sesudah={"ditutup": True, "penerima": total.penerima, "rupiah": total.rupiah},
    )
    return s


# --- enrolment --------------------------------------------------------------------------------


def _penerima(periode: Periode, orang, keluarga, kelompok) -> tuple[str, object, str]:
    """(field, recipient, desa) of the one recipient given, checked against the unit."""
    program = periode.program
    diberikan = [(k, v) for k, v in (("orang", orang), ("keluarga", keluarga), ("kelompok", kelompok)) if v]
    if len(diberikan) != 1:
        raise KesosError(_("Sebutkan tepat satu penerima: orang, keluarga atau kelompok."))
    kolom, penerima = diberikan[0]
    if kolom != program.satuan:
        raise KesosError(
            _("Program %(kode)s untuk penerima per %(satuan)s, bukan per %(kolom)s.")
            % {"kode": program.kode, "satuan": program.get_satuan_display(), "kolom": Satuan(kolom).label}
        )
    return kolom, penerima, penerima.desa_kode


def _alasan_tidak_layak(periode: Periode, kolom: str, penerima) -> list[str]:
    program = periode.program
    if kolom == "orang":
        return kelayakan.alasan_tidak_layak(program, periode, [penerima.pk]).get(
            penerima.pk, [_("tidak ditemukan")]
        )
    if kolom == "keluarga":
        return kelayakan.alasan_keluarga_tidak_layak(program, periode, penerima.pk)
    # A group: every member must meet the rule.
    anggota = list(AnggotaKelompok.objects.filter(kelompok=penerima).values_list("orang_id", flat=True))
    if not anggota:
        return [_("kelompok belum beranggota")]
    alasan = kelayakan.alasan_tidak_layak(program, periode, anggota)
    return [
        _("anggota #%(id)s: %(alasan)s") % {"id": i, "alasan": "; ".join(a)} for i, a in alasan.items() if a
    ]


def _catat_penolakan(
    *, periode, kolom, penerima, desa, status, alasan, sumber, pengguna, sekarang
) -> Kepesertaan:
    k = Kepesertaan.objects.create(
        program_id=periode.program_id,
        periode=periode,
        desa_kode=desa,
        status=status,
        alasan=alasan[:255],
        sumber=sumber,
        dibuat_oleh=_user(pengguna),
        dibuat_pada=sekarang,
        diubah_pada=sekarang,
        **{kolom: penerima},
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek=OBJEK_KEPESERTAAN,
        objek_id=k.pk,
        sesudah={"periode": periode.pk, kolom: penerima.pk, "status": status},
        keterangan=alasan,
    )
    return k


@transaction.atomic
def kepesertaan_daftar(
    *,
    pengguna: AbstractBaseUser | None,
    periode: Periode,
    orang: Orang | None = None,
    keluarga: Keluarga | None = None,
    kelompok: Kelompok | None = None,
    status: str = StatusKepesertaan.TERDAFTAR,
    sumber: str = "manual",
) -> Kepesertaan:
    """Enrol one recipient (as a draft or enrolled). A recipient the rule does not admit, or
    one already in this period, is not enrolled: the attempt is recorded as ``tidak_layak`` or
    ``duplikat`` with its reason and returned, so callers read ``status``."""
    if status not in (StatusKepesertaan.DRAF, StatusKepesertaan.TERDAFTAR):
        raise KesosError(_("Pendaftaran baru berstatus draf atau terdaftar."))
    kolom, penerima, desa = _penerima(periode, orang, keluarga, kelompok)
    pastikan(pengguna, "daftar", desa)
    if not periode.program.aktif:
        raise KesosError(_("Program %(kode)s tidak aktif.") % {"kode": periode.program.kode})
    sumber = validasi.teks(sumber, _("sumber"), 20, wajib=True)
    sekarang = timezone.now()
    umum = dict(periode=periode, kolom=kolom, penerima=penerima, desa=desa, sumber=sumber, pengguna=pengguna)
    ada = (
        Kepesertaan.objects.filter(periode=periode, **{kolom: penerima})
        .exclude(status__in=STATUS_PENOLAKAN)
        .first()
    )
    if ada is not None:
        alasan = _("sudah %(status)s pada periode %(periode)s (kepesertaan #%(id)s)") % {
            "status": ada.get_status_display(),
            "periode": periode.nama,
            "id": ada.pk,
        }
        return _catat_penolakan(status=StatusKepesertaan.DUPLIKAT, alasan=alasan, sekarang=sekarang, **umum)
    alasan = _alasan_tidak_layak(periode, kolom, penerima)
    if alasan:
        return _catat_penolakan(
            status=StatusKepesertaan.TIDAK_LAYAK, alasan="; ".join(alasan), sekarang=sekarang, **umum
        )
    try:
        with transaction.atomic():  # a savepoint: a concurrent enrolment may win the race
            k = Kepesertaan.objects.create(
                program_id=periode.program_id,
                periode=periode,
                desa_kode=desa,
                status=status,
                sumber=sumber,
                dibuat_oleh=_user(pengguna),
                dibuat_pada=sekarang,
                diubah_pada=sekarang,
                **{kolom: penerima},
            )
    except IntegrityError:
        return _catat_penolakan(
            status=StatusKepesertaan.DUPLIKAT,
            alasan=_("sudah didaftarkan pada periode %(periode)s oleh permintaan lain pada saat yang sama")
            % {"periode": periode.nama},
            sekarang=sekarang,
            **umum,
        )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek=OBJEK_KEPESERTAAN,
        objek_id=k.pk,
        sesudah={"periode": periode.pk, kolom: penerima.pk, "status": status},
    )
    return k


@transaction.atomic
def kepesertaan_ubah_status(
    *,
    pengguna: AbstractBaseUser | None,
    kepesertaan: Kepesertaan,
    status: str,
    alasan: str = "",
    versi: int | None = None,
) -> Kepesertaan:
    """draf → terdaftar → dijeda ⇄ terdaftar → keluar; pausing and exiting need a reason."""
    k = Kepesertaan.objects.select_for_update().get(pk=kepesertaan.pk)
    pastikan(pengguna, "daftar", k.desa_kode)
    validasi.pilihan(status, _("status"), StatusKepesertaan)
    alasan = validasi.teks(alasan, _("alasan"), 255)
    if versi is not None and versi != k.versi:
        raise KonflikEdit(_("Kepesertaan ini sudah diubah oleh pengguna lain; muat ulang lalu ubah lagi."))
    if status not in TRANSISI[StatusKepesertaan(k.status)]:
        raise KesosError(
            _("Status %(dari)s tidak dapat menjadi %(ke)s.")
            % {"dari": k.get_status_display(), "ke": StatusKepesertaan(status).label}
        )
    if status in (StatusKepesertaan.JEDA, StatusKepesertaan.KELUAR) and not alasan:
        raise KesosError(_("alasan: wajib diisi untuk menjeda atau mengeluarkan penerima."))
    if status == StatusKepesertaan.TERDAFTAR and k.status == StatusKepesertaan.DRAF:
        kolom = "orang" if k.orang_id else "keluarga" if k.keluarga_id else "kelompok"
        penerima = getattr(k, kolom)
        if kurang := _alasan_tidak_layak(k.periode, kolom, penerima):
            raise KesosError(_("Tidak dapat didaftarkan: %(alasan)s.") % {"alasan": "; ".join(kurang)})
    sebelum = {"status": k.status, "alasan": k.alasan}
    k.status, k.alasan, k.versi, k.diubah_pada = status, alasan, k.versi + 1, timezone.now()
    k.save(update_fields=["status", "alasan", "versi", "diubah_pada"])
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek=OBJEK_KEPESERTAAN,
        objek_id=k.pk,
        sebelum=sebelum,
        sesudah={"status": status, "alasan": alasan},
        keterangan=alasan,
    )
    return k


def _sisip_pilih(model, kolom: Sequence[str], qs) -> list[int]:
    """INSERT INTO model (kolom) SELECT … (the queryset's values_list) in the database, skipping
    rows a unique constraint refuses; the ids of the inserted rows."""
    sql, params = qs.query.sql_with_params()
    qn = connection.ops.quote_name
    perintah = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(k) for k in kolom)}) {sql} "
        "ON CONFLICT DO NOTHING RETURNING id"
    )
    with connection.cursor() as c:
        c.execute(perintah, params)
        return [r[0] for r in c.fetchall()]


def _audit_massal(pengguna, objek: str, ids: list[int], sesudah: dict, keterangan: str) -> None:
    """One audit record for a bulk write, naming the rows it made (ids in ascending runs).
    Each row keeps who made it, when and how (``dibuat_oleh``, ``dibuat_pada``, ``sumber``),
    and every later change to it is audited one by one; an audit record per bulk-made row
    doubled the writes of enrolling 100.000 persons."""
    if not ids:
        return
    urut = sorted(ids)
    rentang, awal = [], urut[0]
    for sebelum, sesudah_id in zip(urut, urut[1:], strict=False):
        if sesudah_id != sebelum + 1:
            rentang.append([awal, sebelum])
            awal = sesudah_id
    rentang.append([awal, urut[-1]])
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek=objek,
        objek_id=f"{urut[0]}-{urut[-1]}"[:40],
        sesudah=sesudah
        | {"jumlah": len(urut), "id": rentang[:1000], "rentang_terpotong": len(rentang) > 1000},
        keterangan=keterangan,
    )


@transaction.atomic
def kepesertaan_daftar_massal(
    *,
    pengguna: AbstractBaseUser | None,
    periode: Periode,
    lingkup: str = "",
    status: str = StatusKepesertaan.TERDAFTAR,
    batas: int | None = None,
) -> int:
    """Enrol every eligible recipient of an area (``lingkup``; the user's own area at most) who
    has no enrolment in the period yet, in one INSERT … SELECT; at most ``batas`` of them, in
    the order of the registry (a quota). Returns how many."""
    if batas is not None and (isinstance(batas, bool) or not isinstance(batas, int) or batas < 1):
        raise KesosError(_("batas: bilangan bulat positif."))
    if status not in (StatusKepesertaan.DRAF, StatusKepesertaan.TERDAFTAR):
        raise KesosError(_("Pendaftaran baru berstatus draf atau terdaftar."))
    program = periode.program
    if program.satuan == Satuan.KELOMPOK:
        raise KesosError(_("Kelompok didaftarkan satu per satu, setelah anggotanya ditetapkan."))
    lingkup = validasi.teks(lingkup, _("wilayah"), 20) or getattr(pengguna, "wilayah_kode", "") or ""
    pastikan(pengguna, "daftar", lingkup or None)
    if not program.aktif:
        raise KesosError(_("Program %(kode)s tidak aktif.") % {"kode": program.kode})
    kolom = "keluarga_id" if program.satuan == Satuan.KELUARGA else "orang_id"
    sudah = (
        Kepesertaan.objects.filter(periode=periode, **{f"{kolom}__isnull": False})
        .exclude(status__in=STATUS_PENOLAKAN)
        .values(kolom)
    )
    sekarang = timezone.now()
    qs = (
        kelayakan.layak(program, periode, lingkup=lingkup)
        .exclude(pk__in=sudah)
        .annotate(
            _program=Value(program.pk, output_field=IntegerField()),
            _periode=Value(periode.pk, output_field=IntegerField()),
            _status=Value(status),
            _alasan=Value(""),
            _sumber=Value("massal"),
            _oleh=Value(pengguna.pk if _user(pengguna) else None, output_field=IntegerField()),
            _pada=Value(sekarang, output_field=DateTimeField()),
            _versi=Value(1, output_field=IntegerField()),
        )
        .values_list(
            "_program",
            "_periode",
            "pk",
            "desa_kode",
            "_status",
            "_alasan",
            "_sumber",
            "_oleh",
            "_pada",
            "_pada",
            "_versi",
        )
        .order_by()
    )
    if batas is not None:
        qs = qs.order_by("pk")[:batas]
    ids = _sisip_pilih(
        Kepesertaan,
        (
            "program_id",
            "periode_id",
            kolom,
            "desa_kode",
            "status",
            "alasan",
            "sumber",
            "dibuat_oleh_id",
            "dibuat_pada",
            "diubah_pada",
            "versi",
        ),
        qs,
    )
    _audit_massal(
        pengguna,
        OBJEK_KEPESERTAAN,
        ids,
        {"periode": periode.pk, "status": status},
        f"pendaftaran massal {program.kode} {periode.nama} {lingkup or 'seluruh wilayah'}",
    )
    return len(ids)


# --- distribution -----------------------------------------------------------------------------


def _periksa_salur(siklus: Siklus, tanggal: date, uraian: str, rupiah: int, petugas: str):
    if not siklus.terbuka:
        raise KesosError(
            _("Siklus %(nama)s sudah ditutup; penyaluran tidak dapat ditambah.") % {"nama": siklus.nama}
        )
    validasi.tanggal(tanggal, _("tanggal"))
    if not siklus.mulai <= tanggal <= siklus.selesai:
        raise KesosError(
            _("tanggal: %(tanggal)s di luar siklus %(siklus)s (%(mulai)s s/d %(selesai)s).")
            % {
                "tanggal": f"{tanggal:%d-%m-%Y}",
                "siklus": siklus.nama,
                "mulai": f"{siklus.mulai:%d-%m-%Y}",
                "selesai": f"{siklus.selesai:%d-%m-%Y}",
            }
        )
    if tanggal > timezone.localdate():
        raise KesosError(_("tanggal: %(tanggal)s belum terjadi.") % {"tanggal": f"{tanggal:%d-%m-%Y}"})
    return (
        validasi.teks(uraian, _("yang disalurkan"), 200, wajib=True),
        validasi.rupiah(rupiah, _("nilai")),
        validasi.teks(petugas, _("disalurkan oleh"), 120, wajib=True),
    )


@transaction.atomic
def penyaluran_catat(
    *,
    pengguna: AbstractBaseUser | None,
    siklus: Siklus,
    kepesertaan: Kepesertaan,
    tanggal: date,
    uraian: str,
    rupiah: int,
    petugas: str,
    jumlah_barang: Decimal | None = None,
    satuan_barang: str = "",
) -> Penyaluran:
    """Record one delivery to an enrolled recipient; once per recipient and cycle."""
    pastikan(pengguna, "salur", kepesertaan.desa_kode)
    siklus = Siklus.objects.select_for_update().get(pk=siklus.pk)  # closing waits for us
    uraian, rupiah, petugas = _periksa_salur(siklus, tanggal, uraian, rupiah, petugas)
    jumlah_barang = validasi.desimal(jumlah_barang, _("jumlah barang"))
    satuan_barang = validasi.teks(satuan_barang, _("satuan barang"), 30)
    if kepesertaan.periode_id != siklus.periode_id:
        raise KesosError(_("Penerima ini tidak terdaftar pada periode siklus tersebut."))
    if kepesertaan.status != StatusKepesertaan.TERDAFTAR:
        raise KesosError(
            _("Penerima berstatus %(status)s; hanya yang terdaftar menerima.")
            % {"status": kepesertaan.get_status_display()}
        )
    if Penyaluran.objects.filter(siklus=siklus, kepesertaan=kepesertaan).exists():
        raise KesosError(
            _("Penerima ini sudah menerima penyaluran pada siklus %(siklus)s.") % {"siklus": siklus.nama}
        )
    try:
        with transaction.atomic():
            p = Penyaluran.objects.create(
                siklus=siklus,
                kepesertaan=kepesertaan,
                desa_kode=kepesertaan.desa_kode,
                tanggal=tanggal,
                uraian=uraian,
                rupiah=rupiah,
                jumlah_barang=jumlah_barang,
                satuan_barang=satuan_barang,
                petugas=petugas,
                dicatat_oleh=_user(pengguna),
                dicatat_pada=timezone.now(),
            )
    except IntegrityError as e:
        raise KesosError(
            _("Penerima ini sudah menerima penyaluran pada siklus %(siklus)s.") % {"siklus": siklus.nama}
        ) from e
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek=OBJEK_PENYALURAN,
        objek_id=p.pk,
        sesudah={
            "siklus": siklus.pk,
            "kepesertaan": kepesertaan.pk,
            "tanggal": str(tanggal),
            "uraian": uraian,
            "rupiah": rupiah,
            "petugas": petugas,
        },
    )
    return p


@transaction.atomic
def penyaluran_massal(
    *,
    pengguna: AbstractBaseUser | None,
    siklus: Siklus,
    tanggal: date,
    uraian: str,
    rupiah: int,
    petugas: str,
    lingkup: str = "",
) -> int:
    """Record the same delivery to every enrolled recipient of an area who has none in this
    cycle yet (one INSERT … SELECT). Returns how many."""
    lingkup = validasi.teks(lingkup, _("wilayah"), 20) or getattr(pengguna, "wilayah_kode", "") or ""
    pastikan(pengguna, "salur", lingkup or None)
    siklus = Siklus.objects.select_for_update().get(pk=siklus.pk)
    uraian, rupiah, petugas = _periksa_salur(siklus, tanggal, uraian, rupiah, petugas)
    sudah = Penyaluran.objects.filter(siklus=siklus).values("kepesertaan_id")
    qs = Kepesertaan.objects.filter(periode_id=siklus.periode_id, status=StatusKepesertaan.TERDAFTAR).exclude(
        pk__in=sudah
    )
    kode = kelayakan.kode_wilayah(lingkup)
    if kode is not None:
        qs = qs.filter(desa_kode__in=kode)
    sekarang = timezone.now()
    qs = (
        qs.annotate(
            _siklus=Value(siklus.pk, output_field=IntegerField()),
            _tanggal=Value(tanggal),
            _uraian=Value(uraian),
            _rupiah=Value(rupiah, output_field=IntegerField()),
            _satuan=Value(""),
            _petugas=Value(petugas),
            _oleh=Value(pengguna.pk if _user(pengguna) else None, output_field=IntegerField()),
            _pada=Value(sekarang, output_field=DateTimeField()),
        )
        .values_list(
            "_siklus",
            "pk",
            "desa_kode",
            "_tanggal",
            "_uraian",
            "_rupiah",
            "_satuan",
            "_petugas",
            "_oleh",
            "_pada",
        )
        .order_by()
    )
    ids = _sisip_pilih(
        Penyaluran,
        (
            "siklus_id",
            "kepesertaan_id",
            "desa_kode",
            "tanggal",
            "uraian",
            "rupiah",
            "satuan_barang",
            "petugas",
            "dicatat_oleh_id",
            "dicatat_pada",
        ),
        qs,
    )
    _audit_massal(
        pengguna,
        OBJEK_PENYALURAN,
        ids,
        {
            "siklus": siklus.pk,
            "tanggal": str(tanggal),
            "uraian": uraian,
            "rupiah": rupiah,
            "petugas": petugas,
        },
        f"penyaluran massal {siklus} {lingkup or 'seluruh wilayah'}",
    )
    return len(ids)


# --- groups, houses, complaints ---------------------------------------------------------------


@transaction.atomic
def kelompok_buat(
    *,
    pengguna: AbstractBaseUser | None,
    program: Program,
    nama: str,
    desa_kode: str,
    jenis_usaha: str,
    dibentuk: date,
    anggota: Sequence[tuple[Orang, str]] = (),
) -> Kelompok:
    """A group of one desa with its members (person, role); members live in its kecamatan."""
    if program.satuan != Satuan.KELOMPOK:
        raise KesosError(_("Program %(kode)s bukan program kelompok.") % {"kode": program.kode})
    desa_kode = _desa_ada(desa_kode, _("desa"))
    pastikan(pengguna, "kelompok_kelola", desa_kode)
    nama = validasi.teks(nama, _("nama kelompok"), 120, wajib=True)
    jenis_usaha = validasi.teks(jenis_usaha, _("jenis usaha"), 120, wajib=True)
    validasi.tanggal(dibentuk, _("tanggal dibentuk"))
    if Kelompok.objects.filter(program=program, desa_kode=desa_kode, nama=nama).exists():
        raise KesosError(_("Kelompok %(nama)s sudah ada di desa ini.") % {"nama": nama})
    k = Kelompok.objects.create(
        program=program, nama=nama, desa_kode=desa_kode, jenis_usaha=jenis_usaha, dibentuk=dibentuk
    )
    for orang, peran in anggota:
        _anggota_tambah(k, orang, peran, pengguna)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bansos.Kelompok",
        objek_id=k.pk,
        sesudah={
            "nama": nama,
            "desa": desa_kode,
            "usaha": jenis_usaha,
            "anggota": [o.pk for o, _ in anggota],
        },
    )
    return k


def _anggota_tambah(k: Kelompok, orang: Orang, peran: str, pengguna) -> AnggotaKelompok:
    validasi.pilihan(peran, _("peran anggota"), PeranAnggota)
    pastikan(pengguna, "kelompok_kelola", orang.desa_kode)
    if orang.status != Status.HIDUP:
        raise KesosError(_("Orang #%(id)s tidak tercatat hidup.") % {"id": orang.pk})
    kecamatan = k.desa_kode.rsplit(".", 1)[0]
    if not orang.desa_kode.startswith(kecamatan + "."):
        raise KesosError(_("Orang #%(id)s tidak tinggal di kecamatan kelompok ini.") % {"id": orang.pk})
    if AnggotaKelompok.objects.filter(kelompok__program=k.program, orang=orang).exclude(kelompok=k).exists():
        raise KesosError(
            _("Orang #%(id)s sudah anggota kelompok lain program %(program)s.")
            % {"id": orang.pk, "program": k.program.kode}
        )
    if peran != PeranAnggota.ANGGOTA and AnggotaKelompok.objects.filter(kelompok=k, peran=peran).exists():
        raise KesosError(_("Kelompok ini sudah punya %(peran)s.") % {"peran": PeranAnggota(peran).label})
    a, _dibuat = AnggotaKelompok.objects.get_or_create(kelompok=k, orang=orang, defaults={"peran": peran})
    return a


@transaction.atomic
def kelompok_anggota_tambah(
    *, pengguna: AbstractBaseUser | None, kelompok: Kelompok, orang: Orang, peran: str = PeranAnggota.ANGGOTA
) -> AnggotaKelompok:
    k = Kelompok.objects.select_for_update().get(pk=kelompok.pk)
    pastikan(pengguna, "kelompok_kelola", k.desa_kode)
    a = _anggota_tambah(k, orang, peran, pengguna)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH,
        objek="bansos.Kelompok",
        objek_id=k.pk,
        sesudah={"anggota_baru": orang.pk, "peran": peran},
    )
    return a


_FOTO_RE = re.compile(r"^[\w./:@%+=?&#~-]*$")


def _foto(nilai: str, kolom: str) -> str:
    nilai = validasi.teks(nilai, kolom, 255)
    if not _FOTO_RE.match(nilai) or nilai.lower().startswith(("javascript:", "data:")):
        raise KesosError(_("%(kolom)s: rujukan berkas atau alamat foto tidak sah.") % {"kolom": kolom})
    return nilai


@transaction.atomic
def rumah_catat(
    *,
    pengguna: AbstractBaseUser | None,
    program: Program,
    keluarga: Keluarga,
    kondisi_sebelum: str,
    catatan_sebelum: str = "",
    biaya: int = 0,
    foto_sebelum: str = "",
    kepesertaan: Kepesertaan | None = None,
) -> Rumah:
    if program.jenis_manfaat != JenisManfaat.REHAB_RUMAH:
        raise KesosError(_("Program %(kode)s bukan program rehabilitasi rumah.") % {"kode": program.kode})
    pastikan(pengguna, "rumah_kelola", keluarga.desa_kode)
    validasi.pilihan(kondisi_sebelum, _("kondisi sebelum"), KondisiRumah)
    if kondisi_sebelum == KondisiRumah.LAYAK:
        raise KesosError(_("kondisi sebelum: rumah yang layak huni bukan sasaran RTLH."))
    if kepesertaan is not None and kepesertaan.keluarga_id != keluarga.pk:
        raise KesosError(_("Kepesertaan itu bukan milik keluarga ini."))
    r = Rumah.objects.create(
        program=program,
        keluarga=keluarga,
        kepesertaan=kepesertaan,
        desa_kode=keluarga.desa_kode,
        kondisi_sebelum=kondisi_sebelum,
        catatan_sebelum=validasi.teks(catatan_sebelum, _("catatan kondisi sebelum"), 500),
        biaya=validasi.rupiah(biaya, _("biaya")),
        foto_sebelum=_foto(foto_sebelum, _("foto sebelum")),
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bansos.Rumah",
        objek_id=r.pk,
        sesudah={"keluarga": keluarga.pk, "kondisi_sebelum": kondisi_sebelum, "biaya": r.biaya},
    )
    return r


@transaction.atomic
def rumah_perbarui(
    *,
    pengguna: AbstractBaseUser | None,
    rumah: Rumah,
    versi: int,
    kemajuan: int | None = None,
    biaya: int | None = None,
    mulai: date | None = None,
    selesai: date | None = None,
    kondisi_sesudah: str | None = None,
    catatan_sesudah: str | None = None,
    foto_sesudah: str | None = None,
) -> Rumah:
    r = Rumah.objects.select_for_update().get(pk=rumah.pk)
    pastikan(pengguna, "rumah_kelola", r.desa_kode)
    if versi != r.versi:
        raise KonflikEdit(_("Data rumah ini sudah diubah oleh pengguna lain; muat ulang lalu ubah lagi."))
    sebelum = {"kemajuan": r.kemajuan, "biaya": r.biaya, "kondisi_sesudah": r.kondisi_sesudah}
    if kemajuan is not None:
        if isinstance(kemajuan, bool) or not isinstance(kemajuan, int) or not 0 <= kemajuan <= 100:
            raise KesosError(_("kemajuan: 0 sampai 100 persen."))
        if kemajuan < r.kemajuan:
            raise KesosError(
                _("kemajuan: tidak boleh turun dari %(dari)s %% ke %(ke)s %%.")
                % {"dari": r.kemajuan, "ke": kemajuan}
            )
        r.kemajuan = kemajuan
    if biaya is not None:
        r.biaya = validasi.rupiah(biaya, _("biaya"))
    if mulai is not None:
        r.mulai = validasi.tanggal(mulai, _("mulai"))
    if selesai is not None:
        r.selesai = validasi.tanggal(selesai, _("selesai"))
    if r.mulai and r.selesai:
        validasi.urut(r.mulai, r.selesai, _("mulai"), _("selesai"))
    if kondisi_sesudah is not None:
        r.kondisi_sesudah = (
            validasi.pilihan(kondisi_sesudah, _("kondisi sesudah"), KondisiRumah) if kondisi_sesudah else ""
        )
    if catatan_sesudah is not None:
        r.catatan_sesudah = validasi.teks(catatan_sesudah, _("catatan kondisi sesudah"), 500)
    if foto_sesudah is not None:
        r.foto_sesudah = _foto(foto_sesudah, _("foto sesudah"))
    if r.kemajuan == 100 and not r.kondisi_sesudah:
        raise KesosError(_("kondisi sesudah: wajib diisi bila pekerjaan selesai (100 %)."))
    r.versi += 1
    r.save()
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH,
        objek="bansos.Rumah",
        objek_id=r.pk,
        sebelum=sebelum,
        sesudah={"kemajuan": r.kemajuan, "biaya": r.biaya, "kondisi_sesudah": r.kondisi_sesudah},
    )
    return r


@transaction.atomic
def pengaduan_catat(
    *,
    pengguna: AbstractBaseUser | None,
    program: Program,
    desa_kode: str,
    jenis: str,
    uraian: str,
    pelapor: str = "",
    kontak: str = "",
    diterima_pada=None,
) -> Pengaduan:
    desa_kode = _desa_ada(desa_kode, _("desa"))
    pastikan(pengguna, "pengaduan_catat", desa_kode)
    validasi.pilihan(jenis, _("jenis pengaduan"), JenisPengaduan)
    sekarang = timezone.now()
    diterima_pada = diterima_pada or sekarang
    if diterima_pada > sekarang:
        raise KesosError(_("diterima pada: belum terjadi."))
    p = Pengaduan.objects.create(
        program=program,
        desa_kode=desa_kode,
        jenis=jenis,
        uraian=validasi.teks(uraian, _("uraian"), 4000, wajib=True, baris_baru=True),
        pelapor=validasi.teks(pelapor, _("pelapor"), 120),
        kontak=validasi.teks(kontak, _("kontak"), 60),
        diterima_pada=diterima_pada,
        dicatat_oleh=_user(pengguna),
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bansos.Pengaduan",
        objek_id=p.pk,
        sesudah={"program": program.kode, "jenis": jenis, "desa": desa_kode},
    )
    return p


@transaction.atomic
def pengaduan_tindak_lanjut(
    *,
    pengguna: AbstractBaseUser | None,
    pengaduan: Pengaduan,
    tindak_lanjut: str,
    tutup: bool = False,
    pada=None,
) -> Pengaduan:
    """Record the follow-up; the first one sets the response time, ``tutup`` closes it."""
    p = Pengaduan.objects.select_for_update().get(pk=pengaduan.pk)
    pastikan(pengguna, "pengaduan_tindak", p.desa_kode)
    if p.status == StatusPengaduan.SELESAI:
        raise KesosError(_("Pengaduan ini sudah ditutup."))
    tindak_lanjut = validasi.teks(tindak_lanjut, _("tindak lanjut"), 4000, wajib=True, baris_baru=True)
    sekarang = timezone.now()
    pada = pada or sekarang
    if pada > sekarang or pada < p.diterima_pada:
        raise KesosError(_("Waktu tindak lanjut harus di antara waktu diterima dan sekarang."))
    sebelum = {"status": p.status}
    p.tindak_lanjut = (p.tindak_lanjut + "\n" if p.tindak_lanjut else "") + tindak_lanjut
    p.ditanggapi_pada = p.ditanggapi_pada or pada
    p.status = StatusPengaduan.SELESAI if tutup else StatusPengaduan.DITINDAKLANJUTI
    if tutup:
        p.ditutup_pada = pada
    p.save()
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek="bansos.Pengaduan",
        objek_id=p.pk,
        sebelum=sebelum,
        sesudah={"status": p.status},
        keterangan=tindak_lanjut[:255],
    )
    return p
