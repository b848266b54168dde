"""Counts from the registry: living persons per area and category; small counts hidden from the public."""

from dataclasses import dataclass

from django.db.models import Count, F
from django.db.models.functions import Left

from kesos.wilayah.models import Wilayah

from .models import JumlahTercatat, Kategori, Klasifikasi, Orang, Status, Verval

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
    wilayah = list(Wilayah.objects.filter(kode__startswith=lingkup).exclude(kode=lingkup).order_by("kode"))
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
