"""Eligibility as database queries: a programme's rule turned into one queryset, never a
Python loop over persons.

Each criterion of the rule is one boolean expression over a person (``kriteria_orang``): the
eligible list filters on all of them, and the reason a given person is not eligible is read
from the same expressions as annotations, so the list and the explanation cannot disagree.
A household is eligible when one of its living members is; a group programme's rule applies
to its members.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, In
from django.utils.translation import gettext as _

from kesos.registri.models import HasilVerval, Kategori, Keluarga, Klasifikasi, Orang, Status, Verval
from kesos.wilayah.models import Wilayah

from .models import (
    STATUS_AKTIF,
    AnggotaKelompok,
    Kepesertaan,
    Penyaluran,
    Periode,
    Program,
    Satuan,
    SyaratVerval,
)


def tahun_sebelum(pada: date, tahun: int) -> date:
    """The same day ``tahun`` years earlier (28 February for a 29 February that is missing)."""
    try:
        return pada.replace(year=pada.year - tahun)
    except ValueError:
        return pada.replace(year=pada.year - tahun, day=28)


def kode_wilayah(lingkup: str) -> list[str] | None:
    """The codes of an area and everything under it; None for the whole regency."""
    if not lingkup:
        return None
    return [lingkup, *Wilayah.objects.filter(kode__startswith=lingkup + ".").values_list("kode", flat=True)]


@dataclass(frozen=True)
class Kriteria:
    nama: str
    syarat: Q  # true for a person who meets it
    pesan: str  # what a person who does not meet it lacks


def _tanggal(d: date) -> str:
    return f"{d:%d-%m-%Y}"


def kriteria_orang(program: Program, periode: Periode) -> list[Kriteria]:
    """The rule of ``program`` for ``periode`` as one boolean expression per criterion."""
    hasil = [Kriteria("hidup", Q(status=Status.HIDUP), _("tidak tercatat hidup di registri"))]
    if program.kategori_kode:
        kategori = list(Kategori.objects.filter(kode__in=program.kategori_kode).values_list("id", flat=True))
        hasil.append(
            Kriteria(
                "kategori",
                Q(
                    Exists(
                        Klasifikasi.objects.filter(
                            orang_id=OuterRef("pk"), kategori_id__in=kategori, tanggal__lte=periode.selesai
                        )
                    )
                ),
                _("tidak tercatat dalam kategori %(kategori)s")
                % {"kategori": ", ".join(program.kategori_kode)},
            )
        )
    if program.usia_min is not None:
        batas = tahun_sebelum(periode.mulai, program.usia_min)
        hasil.append(
            Kriteria(
                "usia_min",
                Q(tanggal_lahir__lte=batas),
                _("belum berusia %(usia)s tahun pada %(tanggal)s")
                % {"usia": program.usia_min, "tanggal": _tanggal(periode.mulai)},
            )
        )
    if program.usia_max is not None:
        batas = tahun_sebelum(periode.mulai, program.usia_max + 1)
        hasil.append(
            Kriteria(
                "usia_max",
                Q(tanggal_lahir__gt=batas),
                _("berusia lebih dari %(usia)s tahun pada %(tanggal)s")
                % {"usia": program.usia_max, "tanggal": _tanggal(periode.mulai)},
            )
        )
    if program.jenis_kelamin:
        pesan = _("bukan perempuan") if program.jenis_kelamin == "P" else _("bukan laki-laki")
        hasil.append(Kriteria("jenis_kelamin", Q(jenis_kelamin=program.jenis_kelamin), pesan))
    if program.wilayah_kode:
        hasil.append(
            Kriteria(
                "wilayah",
                Q(desa_kode__in=kode_wilayah(program.wilayah_kode)),
                _("di luar wilayah sasaran %(wilayah)s") % {"wilayah": program.wilayah_kode},
            )
        )
    if program.verval != SyaratVerval.SEMUA:
        # The result of the latest round in which the person was checked ('' if never).
        terakhir = Coalesce(
            Subquery(
                Verval.objects.filter(orang_id=OuterRef("pk"))
                .order_by("-putaran__dibuka_pada", "-putaran_id")
                .values("hasil")[:1]
            ),
            Value(""),
        )
        if program.verval == SyaratVerval.VALID:
            syarat = Q(In(terakhir, [HasilVerval.VALID, HasilVerval.DIKOREKSI]))
            pesan = _("belum dinyatakan valid pada verval terakhir")
        else:
            syarat = ~Q(Exact(terakhir, HasilVerval.TIDAK_VALID))
            pesan = _("dinyatakan tidak valid pada verval terakhir")
        hasil.append(Kriteria("verval", syarat, pesan))
    lain = list(program.tidak_bersama.values_list("id", "kode"))
    if lain:
        hasil.append(
            Kriteria(
                "tidak_bersama",
                _tidak_menerima([i for i, _ in lain], periode),
                _("sudah menerima program yang tidak boleh bersamaan: %(program)s")
                % {"program": ", ".join(k for _i, k in lain)},
            )
        )
    return hasil


def _kepesertaan_lain(program_ids: list[int], periode: Periode) -> QuerySet:
    """Active enrolments in these programmes in a period overlapping ``periode``."""
    return Kepesertaan.objects.filter(
        program_id__in=program_ids,
        status__in=STATUS_AKTIF,
        periode__mulai__lte=periode.selesai,
        periode__selesai__gte=periode.mulai,
    )


def _tidak_menerima(program_ids: list[int], periode: Periode) -> Q:
    """A person with no active enrolment in these programmes in an overlapping period: not as
    a person, not through their household, not through a group. Three NOT IN (subquery) tests,
    which the database answers from one hashed set each; an EXISTS with OR in it was evaluated
    person by person (three minutes for 55.000 persons on SQLite)."""
    kp = _kepesertaan_lain(program_ids, periode)
    return (
        ~Q(pk__in=kp.filter(orang__isnull=False).values("orang_id"))
        & ~Q(keluarga_id__in=kp.filter(keluarga__isnull=False).values("keluarga_id"))
        & ~Q(
            pk__in=AnggotaKelompok.objects.filter(
                kelompok_id__in=kp.filter(kelompok__isnull=False).values("kelompok_id")
            ).values("orang_id")
        )
    )


def _dasar_orang(program: Program, periode: Periode, lingkup: str) -> QuerySet:
    qs = Orang.data_pribadi.all()
    if program.kategori_kode:
        # Start from the (far fewer) classifications of the rule's categories: the planner
        # then joins persons by key instead of reading all of them.
        qs = qs.filter(
            pk__in=Klasifikasi.objects.filter(
                kategori__kode__in=program.kategori_kode, hidup=True, tanggal__lte=periode.selesai
            ).values("orang_id")
        )
    kode = kode_wilayah(lingkup)
    if kode is not None:
        qs = qs.filter(desa_kode__in=kode)
    return qs


def orang_layak(program: Program, periode: Periode, *, lingkup: str = "") -> QuerySet:
    """Persons who meet the rule (for person and group programmes; for household programmes,
    the members who make their household eligible)."""
    qs = _dasar_orang(program, periode, lingkup)
    for k in kriteria_orang(program, periode):
        if k.nama == "kategori":
            continue  # the base is already limited to the category's classifications
        qs = qs.filter(k.syarat)
    return qs


def keluarga_layak(program: Program, periode: Periode, *, lingkup: str = "") -> QuerySet:
    """Households with at least one living member who meets the rule."""
    anggota = Orang.data_pribadi.filter(keluarga_id=OuterRef("pk"))
    for k in kriteria_orang(program, periode):
        if k.nama != "tidak_bersama":
            anggota = anggota.filter(k.syarat)
    qs = Keluarga.data_pribadi.filter(Exists(anggota))
    lain = list(program.tidak_bersama.values_list("id", flat=True))
    if lain:
        kp = _kepesertaan_lain(lain, periode)
        qs = qs.exclude(pk__in=kp.filter(keluarga__isnull=False).values("keluarga_id")).exclude(
            pk__in=kp.filter(orang__keluarga__isnull=False).values("orang__keluarga_id")
        )
    kode = kode_wilayah(lingkup)
    if kode is not None:
        qs = qs.filter(desa_kode__in=kode)
    return qs


def layak(program: Program, periode: Periode, *, lingkup: str = "") -> QuerySet:
    """The eligible recipients in the programme's unit: households for household programmes,
    persons otherwise (a group programme's eligible members)."""
    if program.satuan == Satuan.KELUARGA:
        return keluarga_layak(program, periode, lingkup=lingkup)
    return orang_layak(program, periode, lingkup=lingkup)


def _penerima_dari(kepesertaan: QuerySet, satuan: str) -> QuerySet:
    """The ids of the recipients (persons, or households) of these enrolments: for a group
    programme, its groups' members."""
    if satuan == Satuan.KELUARGA:
        return kepesertaan.filter(keluarga__isnull=False).values("keluarga_id")
    if satuan == Satuan.KELOMPOK:
        return AnggotaKelompok.objects.filter(
            kelompok_id__in=kepesertaan.filter(kelompok__isnull=False).values("kelompok_id")
        ).values("orang_id")
    return kepesertaan.filter(orang__isnull=False).values("orang_id")


def terdaftar(periode: Periode, satuan: str) -> QuerySet:
    """Ids of the recipients enrolled (or paused) in the period."""
    return _penerima_dari(Kepesertaan.objects.filter(periode=periode, status__in=STATUS_AKTIF), satuan)


def tersalur(periode: Periode, satuan: str) -> QuerySet:
    """Ids of the recipients with a delivery in the period."""
    kp = Kepesertaan.objects.filter(
        pk__in=Penyaluran.objects.filter(siklus__periode=periode).values("kepesertaan_id")
    )
    return _penerima_dari(kp, satuan)


def belum_terlayani(
    program: Program, periode: Periode, *, lingkup: str = "", sampai: str = "salur"
) -> QuerySet:
    """Eligible recipients not yet served: without a delivery in the period (``sampai`` "salur",
    annotated with whether they are enrolled), or not even enrolled ("daftar"). Tested with
    NOT IN (subquery), which both databases answer from one set; a correlated NOT EXISTS was
    run row by row by SQLite."""
    qs = layak(program, periode, lingkup=lingkup)
    if sampai == "daftar":
        return qs.exclude(pk__in=terdaftar(periode, program.satuan))
    return qs.exclude(pk__in=tersalur(periode, program.satuan)).annotate(
        terdaftar=ExpressionWrapper(Q(pk__in=terdaftar(periode, program.satuan)), output_field=BooleanField())
    )


def alasan_tidak_layak(program: Program, periode: Periode, orang_ids: list[int]) -> dict[int, list[str]]:
    """For each person, what the rule finds lacking (an empty list: eligible); one query for all."""
    kriteria = kriteria_orang(program, periode)
    if not orang_ids:
        return {}
    baris = (
        Orang.data_pribadi.filter(pk__in=orang_ids)
        .annotate(
            **{f"ok_{k.nama}": ExpressionWrapper(k.syarat, output_field=BooleanField()) for k in kriteria}
        )
        .values("pk", *[f"ok_{k.nama}" for k in kriteria])
    )
    return {r["pk"]: [k.pesan for k in kriteria if not r[f"ok_{k.nama}"]] for r in baris}


def alasan_keluarga_tidak_layak(program: Program, periode: Periode, keluarga_id: int) -> list[str]:
    """Why a household is not eligible: the reasons of its members, or the overlap rule."""
    if keluarga_layak(program, periode).filter(pk=keluarga_id).exists():
        return []
    anggota = list(Orang.data_pribadi.filter(keluarga_id=keluarga_id).values_list("pk", flat=True))
    if not anggota:
        return [_("keluarga tanpa anggota tercatat")]
    alasan = alasan_tidak_layak(program, periode, anggota)
    bersama = sorted({p for a in alasan.values() for p in a})
    if all(not a for a in alasan.values()) or not bersama:
        lain = ", ".join(program.tidak_bersama.values_list("kode", flat=True))
        return [
            _("keluarga sudah menerima program yang tidak boleh bersamaan: %(program)s") % {"program": lain}
        ]
    return [_("tidak ada anggota keluarga yang memenuhi aturan: %(alasan)s") % {"alasan": "; ".join(bersama)}]
