"""Counts from the registry: living persons per area and category; small counts hidden from the public."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _

from kesos.akun.models import AuditLog
from kesos.akun.riwayat import EntriRiwayat, nilai_dalam, susun
from kesos.inti.formats import tanggal
from kesos.wilayah.models import Wilayah

from .models import (
    AlasanTidakValid,
    HasilVerval,
    JumlahTercatat,
    Kategori,
    Keluarga,
    Klasifikasi,
    Orang,
    PutaranVerval,
    Status,
    Verval,
)

AMBANG_PUBLIK = 5  # a count below this is not shown to the public


@dataclass(frozen=True)
class BarisRekap:
    kode_wilayah: str
    nama_wilayah: str
    kategori: str
    jumlah: int


def rekap(*, per: str = "kecamatan", lingkup: str = "", tahun: int | None = None) -> list[BarisRekap]:
    """Living persons per area (kecamatan or desa) and category, derived from person records;
    with ``tahun``, only classifications made by the end of that year."""
    panjang = {"kecamatan": 8, "desa": 13}[per]  # '18.04.04' / '18.04.04.2002'
    qs = Klasifikasi.objects.filter(hidup=True, kategori__aktif=True)
    if tahun:
        qs = qs.filter(tanggal__year__lte=tahun)
    if lingkup:
        qs = qs.filter(desa_kode__startswith=lingkup)
    hasil = (
        qs.annotate(kode=Left(F("desa_kode"), panjang))
        .values("kode", "kategori__nama")
        .annotate(jumlah=Count("id"))  # one classification per person and category (unique)
        .order_by("kode", "kategori__nama")
    )
    nama = dict(Wilayah.objects.filter(kode__in={r["kode"] for r in hasil}).values_list("kode", "nama"))
    return [BarisRekap(r["kode"], nama.get(r["kode"], ""), r["kategori__nama"], r["jumlah"]) for r in hasil]


def untuk_publik(baris: list[BarisRekap]) -> list[tuple[BarisRekap, str]]:
    """Each count as the public may see it: under 5 it is shown as '< 5'."""
    return [(b, str(b.jumlah) if b.jumlah >= AMBANG_PUBLIK else f"< {AMBANG_PUBLIK}") for b in baris]


@dataclass
class TabelTercatat:
    tahun: list[int]
    baris: list[tuple[Kategori, list[int | None], int]]  # category, counts as entered, count derived


def tabel_tercatat(*, jenis: str, wilayah_kode: str = "18.04") -> TabelTercatat:
    """The PMKS or PSKS table per year as entered (None = unknown), beside what the person records give."""
    data = list(JumlahTercatat.objects.filter(wilayah_kode=wilayah_kode))
    tahun = sorted({d.tahun for d in data})
    per = {(d.kategori_kode, d.tahun): d.jumlah for d in data}
    turunan = dict(
        Klasifikasi.objects.filter(hidup=True, desa_kode__startswith=wilayah_kode)
        .values("kategori__kode")
        .annotate(n=Count("orang_id", distinct=True))
        .values_list("kategori__kode", "n")
    )
    baris = []
    for k in Kategori.objects.filter(jenis=jenis, aktif=True).order_by("id"):
        baris.append((k, [per.get((k.kode, t)) for t in tahun], turunan.get(k.kode, 0)))
    return TabelTercatat(tahun, baris)


@dataclass
class KemajuanVerval:
    kode: str
    nama: str
    jumlah_orang: int
    diverval: int
    desa: list["KemajuanVerval"] | None = None

    @property
    def persen(self) -> float:
        return 100.0 * self.diverval / self.jumlah_orang if self.jumlah_orang else 0.0

    @property
    def belum_mulai(self) -> bool:
        return self.jumlah_orang > 0 and self.diverval == 0


def kemajuan_verval(putaran, lingkup: str = "18.04") -> list[KemajuanVerval]:
    """Per kecamatan, with its desa: persons on record (living at the time) and how many were verified."""
    orang = dict(
        Orang.agregat.filter(desa_kode__startswith=lingkup)
        .exclude(status=Status.PINDAH)
        .values("desa_kode")
        .annotate(n=Count("id"))
        .values_list("desa_kode", "n")
    )
    sudah = dict(
        Verval.objects.filter(putaran=putaran, desa_kode__startswith=lingkup)
        .values("desa_kode")
        .annotate(n=Count("id"))
        .values_list("desa_kode", "n")
    )
    # The area itself is kept when it is a kecamatan (an operator's), and a desa's kecamatan
    # is read beside it, so that an operator of a kecamatan or a desa sees their own progress.
    kode_kec = lingkup.rsplit(".", 1)[0] if lingkup.count(".") >= 3 else lingkup
    wilayah = list(Wilayah.objects.filter(Q(kode__startswith=lingkup) | Q(kode=kode_kec)).order_by("kode"))
    kec = {w.kode: KemajuanVerval(w.kode, w.nama, 0, 0, []) for w in wilayah if w.tingkat == "kecamatan"}
    for w in wilayah:
        if w.tingkat in ("desa", "kelurahan"):
            k = kec.get(w.kode.rsplit(".", 1)[0])
            if k is None:
                continue
            d = KemajuanVerval(w.kode, w.nama, orang.get(w.kode, 0), sudah.get(w.kode, 0))
            k.desa.append(d)
            k.jumlah_orang += d.jumlah_orang
            k.diverval += d.diverval
    return list(kec.values())


def belum_diverval(qs, putaran):
    """The persons of ``qs`` still to verify in ``putaran``: living or dead (not moved away, as
    the progress counts them) and without a result in it."""
    return qs.exclude(status=Status.PINDAH).exclude(
        pk__in=Verval.objects.filter(putaran=putaran).values("orang_id")
    )


def verval_berikutnya(qs, orang, putaran):
    """The next person of the same desa (in ``qs``, already limited to the user's area) still
    to verify in ``putaran``, after ``orang`` in the list's order; the first one if none follows."""
    sisa = belum_diverval(qs.filter(desa_kode=orang.desa_kode), putaran).exclude(pk=orang.pk).order_by("id")
    return sisa.filter(pk__gt=orang.pk).first() or sisa.first()


def putaran_terkini() -> "PutaranVerval | None":
    """The open verval round, else the last one closed, else None."""
    return PutaranVerval.objects.order_by(F("ditutup_pada").desc(nulls_first=True), "-dibuka_pada").first()


@dataclass
class Menunggu:
    """Persons of an area that an open round has not verified yet: how many, and the first few."""

    jumlah: int
    orang: list[Orang]


def menunggu_verval(putaran: PutaranVerval, orang: QuerySet[Orang], batas: int = 10) -> Menunggu:
    """Of ``orang`` (already limited to what the user may see), those on record (not moved away)
    that ``putaran`` has not verified; two queries."""
    qs = belum_diverval(orang, putaran)
    return Menunggu(qs.count(), list(qs.order_by("desa_kode", "nama", "id")[:batas]))


@dataclass
class TrenTercatat:
    """The office's recorded PMKS or PSKS counts summed per year (unknown counts left out)."""

    jenis: str
    tahun: list[int]
    jumlah: list[int]

    @property
    def terakhir(self) -> int | None:
        return self.jumlah[-1] if self.jumlah else None

    @property
    def perubahan(self) -> int | None:
        """The last year's total minus the year before's."""
        return self.jumlah[-1] - self.jumlah[-2] if len(self.jumlah) > 1 else None


def tren_tercatat(wilayah_kode: str = "18.04") -> dict[str, TrenTercatat]:
    """Per kind (PMKS, PSKS), the recorded totals per year of the active categories; two queries."""
    jenis = dict(Kategori.objects.filter(aktif=True).values_list("kode", "jenis"))
    per: dict[str, dict[int, int]] = {}
    for kode, tahun, n in JumlahTercatat.objects.filter(
        wilayah_kode=wilayah_kode, jumlah__isnull=False
    ).values_list("kategori_kode", "tahun", "jumlah"):
        if kode in jenis:
            per.setdefault(jenis[kode], {}).setdefault(tahun, 0)
            per[jenis[kode]][tahun] += n
    return {
        j: TrenTercatat(j, sorted(per.get(j, {})), [per[j][t] for t in sorted(per.get(j, {}))])
        for j in sorted(set(jenis.values()))
    }


OBJEK_ORANG = "registri.Orang"  # as the services write it in the audit trail

_LABEL_ORANG = {
    "desa_kode": _("desa/kelurahan"),
    "keluarga": _("keluarga (nomor KK)"),
    "klasifikasi": _("klasifikasi"),
    "tanggal": _("tanggal klasifikasi"),
    "bukti": _("bukti"),
    "verval": _("hasil verval"),
    "alasan": _("alasan"),
    "putaran": _("putaran verval"),
}


def nama_wilayah(kode: set[str]) -> dict[str, str]:
    """Each desa code as people say it, with its kecamatan: 'Pasar Liwa, Balik Bukit'; one query."""
    induk = {k.rsplit(".", 1)[0] for k in kode if k.count(".") >= 3}
    nama = dict(Wilayah.objects.filter(kode__in=set(kode) | induk).values_list("kode", "nama"))
    hasil = {}
    for k in kode:
        if k not in nama:
            continue
        kec = nama.get(k.rsplit(".", 1)[0]) if k.count(".") >= 3 else None
        hasil[k] = f"{nama[k]}, {kec}" if kec else nama[k]
    return hasil


def riwayat_orang(orang: Orang) -> list[EntriRiwayat]:
    """The audit trail of a person in the office's words: field labels, the desa and the
    category by name, the family by its KK number, dates in Indonesian, choices by their
    labels. For the person's own page (whoever may see it may see the KK number too); a fixed
    number of queries whatever the length of the trail."""
    log = list(AuditLog.objects.filter(objek=OBJEK_ORANG, objek_id=str(orang.pk)).select_related("pengguna"))
    desa = nama_wilayah({k for k in nilai_dalam(log, "desa_kode") if isinstance(k, str)})
    kk = dict(
        Keluarga.data_pribadi.filter(
            pk__in=[k for k in nilai_dalam(log, "keluarga") if isinstance(k, int)]
        ).values_list("pk", "no_kk")
    )
    kategori = dict(
        Kategori.objects.filter(kode__in=nilai_dalam(log, "klasifikasi")).values_list("kode", "nama")
    )
    pilihan = {
        "jenis_kelamin": dict(Orang._meta.get_field("jenis_kelamin").choices),
        "status": dict(Status.choices),
        "verval": dict(HasilVerval.choices),
        "alasan": dict(AlasanTidakValid.choices),
    }
    label = {f.name: str(f.verbose_name) for f in Orang._meta.get_fields() if hasattr(f, "verbose_name")}
    label |= {k: str(v) for k, v in _LABEL_ORANG.items()}
    label = {k: v[:1].upper() + v[1:] for k, v in label.items()}

    def tampil(kunci: str, nilai: object) -> str:
        if kunci in pilihan:
            return str(pilihan[kunci].get(nilai, nilai))
        if kunci in ("tanggal_lahir", "tanggal") and isinstance(nilai, str):
            try:
                return tanggal(date.fromisoformat(nilai))
            except ValueError:
                return nilai
        if kunci == "desa_kode":
            return desa.get(nilai, str(nilai))
        if kunci == "keluarga":
            return kk.get(nilai, str(nilai))
        if kunci == "klasifikasi":
            return kategori.get(nilai, str(nilai))
        return str(nilai)

    return susun(log, label=label, tampil=tampil)
