"""Aggregate reads of the assistance programmes: coverage per area, distributions against
the kegiatan that pays for them, complaints, and the programme check."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.inti.formats import rupiah
from kesos.monev.models import RealisasiTriwulan
from kesos.perencanaan.models import BarisRenja
from kesos.perencanaan.queries import renja_terbaru
from kesos.wilayah.models import Wilayah

from . import kelayakan
from .models import (
    STATUS_AKTIF,
    AnggotaKelompok,
    Kepesertaan,
    Pengaduan,
    Penyaluran,
    Periode,
    Program,
    Satuan,
    Siklus,
    StatusPengaduan,
)
from .services import LEVEL_PEMBIAYA, total_siklus

PANJANG = {"kecamatan": 8, "desa": 13}  # '18.04.04' / '18.04.04.2002'


@dataclass
class BarisCakupan:
    kode: str
    nama: str
    layak: int = 0
    terdaftar: int = 0
    tersalur: int = 0
    celah: int = 0  # eligible and without a delivery in the period

    @property
    def persen_tersalur(self):
        from kesos.monev.capaian import persen

        return persen(self.layak - self.celah, self.layak)


@dataclass
class Cakupan:
    program: Program
    periode: Periode
    per: str
    lingkup: str
    baris: list[BarisCakupan]
    total: BarisCakupan


def _per_desa(qs, kolom: str = "desa_kode") -> dict[str, int]:
    return dict(qs.values(kolom).annotate(n=Count("pk", distinct=True)).values_list(kolom, "n").order_by())


def cakupan(*, program: Program, periode: Periode, lingkup: str = "", per: str = "kecamatan") -> Cakupan:
    """Eligible, enrolled, served and the gap per kecamatan or desa (one query each, grouped
    by desa in the database). A group programme counts persons: its groups' members."""
    kode = kelayakan.kode_wilayah(lingkup)
    layak = _per_desa(kelayakan.layak(program, periode, lingkup=lingkup))
    celah = _per_desa(kelayakan.belum_terlayani(program, periode, lingkup=lingkup))
    if program.satuan == Satuan.KELOMPOK:
        anggota = AnggotaKelompok.objects.filter(
            kelompok__in=Kepesertaan.objects.filter(periode=periode, status__in=STATUS_AKTIF).values(
                "kelompok_id"
            )
        )
        disalur = AnggotaKelompok.objects.filter(
            kelompok__in=Penyaluran.objects.filter(siklus__periode=periode).values("kepesertaan__kelompok_id")
        )
        if kode is not None:
            anggota, disalur = (
                anggota.filter(orang__desa_kode__in=kode),
                disalur.filter(orang__desa_kode__in=kode),
            )
        terdaftar = dict(
            anggota.values("orang__desa_kode")
            .annotate(n=Count("orang_id", distinct=True))
            .values_list("orang__desa_kode", "n")
        )
        tersalur = dict(
            disalur.values("orang__desa_kode")
            .annotate(n=Count("orang_id", distinct=True))
            .values_list("orang__desa_kode", "n")
        )
    else:
        kp = Kepesertaan.objects.filter(periode=periode, status__in=STATUS_AKTIF)
        ps = Penyaluran.objects.filter(siklus__periode=periode)
        if kode is not None:
            kp, ps = kp.filter(desa_kode__in=kode), ps.filter(desa_kode__in=kode)
        terdaftar = _per_desa(kp)
        tersalur = dict(
            ps.values("desa_kode")
            .annotate(n=Count("kepesertaan_id", distinct=True))
            .values_list("desa_kode", "n")
            .order_by()
        )
    panjang = PANJANG[per]
    baris: dict[str, BarisCakupan] = {}
    for sumber, nama in (
        (layak, "layak"),
        (terdaftar, "terdaftar"),
        (tersalur, "tersalur"),
        (celah, "celah"),
    ):
        for desa, n in sumber.items():
            b = baris.setdefault(desa[:panjang], BarisCakupan(desa[:panjang], ""))
            setattr(b, nama, getattr(b, nama) + n)
    nama = dict(Wilayah.objects.filter(kode__in=list(baris)).values_list("kode", "nama"))
    urut = sorted(baris.values(), key=lambda b: b.kode)
    for b in urut:
        b.nama = nama.get(b.kode, "")
    total = BarisCakupan("", "Jumlah")
    for b in urut:
        for k in ("layak", "terdaftar", "tersalur", "celah"):
            setattr(total, k, getattr(total, k) + getattr(b, k))
    return Cakupan(program, periode, per, lingkup, urut, total)


@dataclass
class Perbandingan:
    """A period's distributions beside the pagu and realisation of the kegiatan that pays."""

    periode: Periode
    kegiatan: BarisRenja | None
    disalurkan: int
    pagu: int | None = None
    realisasi: int | None = None
    catatan: list[str] = field(default_factory=list)

    @property
    def selisih_pagu(self) -> int | None:
        return None if self.pagu is None else self.pagu - self.disalurkan

    @property
    def selisih_realisasi(self) -> int | None:
        return None if self.realisasi is None else self.realisasi - self.disalurkan


def kegiatan_berlaku(periode: Periode) -> tuple[BarisRenja | None, list[str]]:
    """The Renja row that pays for a period, in the latest version of its Renja (a row is
    copied with each stage; its code stays)."""
    baris = periode.kegiatan or periode.program.kegiatan
    if baris is None:
        return None, []
    catatan = []
    renja = baris.renja
    terbaru = renja_terbaru(organisasi=renja.organisasi, tahun=renja.tahun)
    if terbaru is not None and terbaru.pk != renja.pk:
        lain = BarisRenja.objects.filter(renja=terbaru, kode=baris.kode).first()
        if lain is None:
            catatan.append(
                _("kegiatan %(kode)s tidak ada lagi pada %(renja)s") % {"kode": baris.kode, "renja": terbaru}
            )
        else:
            baris = lain
    if renja.tahun != periode.mulai.year:
        catatan.append(
            _("kegiatan dari Renja %(tahun)s, periode dimulai %(mulai)s")
            % {"tahun": renja.tahun, "mulai": periode.mulai.year}
        )
    return baris, catatan


def _pagu_dan_realisasi(baris: BarisRenja) -> tuple[int, int]:
    """Pagu of a row (typed, or the sum of its leaves at any depth) and its realisation (the
    quarters recorded on it and on the rows under it)."""
    semua = list(BarisRenja.objects.filter(renja_id=baris.renja_id).values_list("id", "induk_id", "pagu"))
    anak = defaultdict(list)
    for i, induk, _pagu in semua:
        anak[induk].append(i)
    pagu = {i: p for i, _, p in semua}
    bawah = []

    def jalan(i: int) -> int:
        bawah.append(i)
        if not anak[i]:
            return pagu[i] or 0
        return sum(jalan(a) for a in anak[i])

    jumlah = jalan(baris.pk)
    realisasi = RealisasiTriwulan.objects.filter(baris_id__in=bawah).aggregate(s=Sum("rupiah"))["s"] or 0
    return jumlah, realisasi


def perbandingan(periode: Periode) -> Perbandingan:
    disalurkan = Penyaluran.objects.filter(siklus__periode=periode).aggregate(s=Sum("rupiah"))["s"] or 0
    baris, catatan = kegiatan_berlaku(periode)
    hasil = Perbandingan(periode, baris, disalurkan, catatan=catatan)
    if baris is not None:
        hasil.pagu, hasil.realisasi = _pagu_dan_realisasi(baris)
    return hasil


@dataclass
class RekapPengaduan:
    program: Program
    jumlah: int
    terbuka: int
    selesai: int
    rata_tanggap: timedelta | None  # received → first follow-up
    rata_selesai: timedelta | None  # received → closed


def rekap_pengaduan(*, lingkup: str = "") -> list[RekapPengaduan]:
    qs = Pengaduan.objects.all()
    kode = kelayakan.kode_wilayah(lingkup)
    if kode is not None:
        qs = qs.filter(desa_kode__in=kode)
    baris = (
        qs.values("program_id")
        .annotate(
            jumlah=Count("pk"),
            terbuka=Count("pk", filter=~Q(status=StatusPengaduan.SELESAI)),
            selesai=Count("pk", filter=Q(status=StatusPengaduan.SELESAI)),
            tanggap=Avg(F("ditanggapi_pada") - F("diterima_pada")),
            tuntas=Avg(F("ditutup_pada") - F("diterima_pada")),
        )
        .order_by()
    )
    program = Program.objects.in_bulk([b["program_id"] for b in baris])
    return sorted(
        (
            RekapPengaduan(
                program[b["program_id"]], b["jumlah"], b["terbuka"], b["selesai"], b["tanggap"], b["tuntas"]
            )
            for b in baris
        ),
        key=lambda r: r.program.kode,
    )


@dataclass(frozen=True)
class Temuan:
    tingkat: str  # "galat" or "peringatan"
    program: str
    pesan: str


def program_temuan() -> list[Temuan]:
    """What the programme check lists: programmes whose cost no kegiatan carries,
    distributions beyond their kegiatan's pagu, closed cycles whose totals no longer match,
    rules that name retired categories, open periods that have ended."""
    from kesos.registri.models import Kategori

    hasil: list[Temuan] = []
    aktif_kat = set(Kategori.objects.filter(aktif=True).values_list("kode", flat=True))
    hari_ini = timezone.localdate()
    for p in Program.objects.select_related("sumber_dana", "kegiatan").prefetch_related("periode"):
        if p.kegiatan_id is None and not any(per.kegiatan_id for per in p.periode.all()):
            if p.sumber_dana and p.sumber_dana.kode == "APBN":
                hasil.append(
                    Temuan(
                        "peringatan",
                        p.kode,
                        _("dibiayai APBN: tidak ada kegiatan Renja yang menanggung biayanya"),
                    )
                )
            else:
                hasil.append(
                    Temuan(
                        "galat",
                        p.kode,
                        _("tidak ada kegiatan atau sub-kegiatan Renja yang menanggung biayanya"),
                    )
                )
        elif p.kegiatan is not None and p.kegiatan.level not in LEVEL_PEMBIAYA:
            hasil.append(
                Temuan(
                    "galat",
                    p.kode,
                    _("tertaut ke %(kode)s berlevel %(level)s, bukan kegiatan")
                    % {"kode": p.kegiatan.kode, "level": p.kegiatan.level},
                )
            )
        if hilang := [k for k in p.kategori_kode if k not in aktif_kat]:
            hasil.append(
                Temuan(
                    "galat",
                    p.kode,
                    _("aturan memakai kategori yang tidak berlaku: %(kategori)s")
                    % {"kategori": ", ".join(hilang)},
                )
            )
        for per in p.periode.all():
            b = perbandingan(per)
            for c in b.catatan:
                hasil.append(
                    Temuan(
                        "peringatan",
                        p.kode,
                        _("periode %(periode)s: %(catatan)s") % {"periode": per.nama, "catatan": c},
                    )
                )
            if b.pagu is not None and b.disalurkan > b.pagu:
                hasil.append(
                    Temuan(
                        "galat",
                        p.kode,
                        _(
                            "periode %(periode)s: disalurkan %(disalurkan)s melebihi pagu kegiatan "
                            "%(kode)s %(pagu)s"
                        )
                        % {
                            "periode": per.nama,
                            "disalurkan": rupiah(b.disalurkan),
                            "kode": b.kegiatan.kode,
                            "pagu": rupiah(b.pagu),
                        },
                    )
                )
    for s in Siklus.objects.filter(ditutup_pada__isnull=False).select_related("periode__program"):
        t = total_siklus(s)
        if (t.penerima, t.rupiah) != (s.total_penerima, s.total_rupiah):
            hasil.append(
                Temuan(
                    "galat",
                    s.periode.program.kode,
                    _(
                        "siklus %(siklus)s %(periode)s ditutup dengan %(penerima)s penerima/%(rupiah)s, "
                        "kini tercatat %(kini_penerima)s/%(kini_rupiah)s"
                    )
                    % {
                        "siklus": s.nama,
                        "periode": s.periode.nama,
                        "penerima": s.total_penerima,
                        "rupiah": rupiah(s.total_rupiah),
                        "kini_penerima": t.penerima,
                        "kini_rupiah": rupiah(t.rupiah),
                    },
                )
            )
    for s in Siklus.objects.filter(ditutup_pada__isnull=True, selesai__lt=hari_ini).select_related(
        "periode__program"
    ):
        hasil.append(
            Temuan(
                "peringatan",
                s.periode.program.kode,
                _("siklus %(siklus)s %(periode)s sudah lewat tetapi belum ditutup")
                % {"siklus": s.nama, "periode": s.periode.nama},
            )
        )
    return hasil
