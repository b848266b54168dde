"""Reads that aggregate disaster records: stock on hand and its check, near-expiry and
below-minimum lists, the stock card, response times, SPM figures and the Renstra measures."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from kesos.wilayah.models import Wilayah

from .models import (
    AnggotaTagana,
    Barang,
    JenisMutasi,
    KampungSiagaBencana,
    Kejadian,
    Mutasi,
    PenerimaBantuan,
    PesertaPelatihan,
    Saldo,
    TautanRenstra,
    UkuranRenstra,
)

JAM = Decimal(3600)


def _jam(detik: float | Decimal | None) -> Decimal | None:
    if detik is None:
        return None
    return (Decimal(detik) / JAM).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _lingkup(qs, lingkup: str, kolom: str = "desa_kode"):
    if not lingkup:
        return qs
    return qs.filter(Q(**{kolom: lingkup}) | Q(**{f"{kolom}__startswith": lingkup + "."}))


def _tahun(qs, tahun: int | None, kolom: str = "waktu_lapor"):
    """Events of a year in the office's time zone, as a range the column's index answers."""
    if tahun is None:
        return qs
    tz = timezone.get_current_timezone()
    awal = datetime(tahun, 1, 1, tzinfo=tz)
    akhir = datetime(tahun + 1, 1, 1, tzinfo=tz)
    return qs.filter(**{f"{kolom}__gte": awal, f"{kolom}__lt": akhir})


# ---- stock ------------------------------------------------------------------------------------


@dataclass
class BarisStok:
    barang: Barang
    jumlah: int
    per_gudang: dict[str, int] = field(default_factory=dict)

    @property
    def kurang(self) -> bool:
        return self.jumlah < self.barang.stok_minimum


def stok_per_barang() -> list[BarisStok]:
    """Every active item with its stock on hand, in total and per warehouse."""
    hasil = {b.pk: BarisStok(b, 0) for b in Barang.objects.filter(aktif=True)}
    for barang_id, gudang, jumlah in Saldo.objects.values_list("barang_id", "gudang__nama", "jumlah"):
        if barang_id in hasil:
            hasil[barang_id].jumlah += jumlah
            hasil[barang_id].per_gudang[gudang] = jumlah
    return list(hasil.values())


def stok_saldo() -> dict[tuple[int, int], int]:
    """Stock on hand per (item, warehouse) from the running balances."""
    return {(b, g): n for b, g, n in Saldo.objects.values_list("barang_id", "gudang_id", "jumlah")}


def stok_dari_ledger() -> dict[tuple[int, int], int]:
    """Stock on hand per (item, warehouse) summed from the whole ledger."""
    return {
        (r["barang_id"], r["gudang_id"]): r["s"]
        for r in Mutasi.objects.order_by().values("barang_id", "gudang_id").annotate(s=Sum("jumlah"))
    }


def stok_periksa() -> list[str]:
    """Where a running balance differs from its ledger, or the ledger's last 'sisa' from
    either: empty when all agree."""
    saldo, ledger = stok_saldo(), stok_dari_ledger()
    masalah = []
    for kunci in sorted(set(saldo) | set(ledger)):
        s, l_ = saldo.get(kunci, 0), ledger.get(kunci, 0)
        if s != l_:
            masalah.append(f"barang {kunci[0]} gudang {kunci[1]}: saldo {s}, jumlah buku stok {l_}")
        if l_ < 0:
            masalah.append(f"barang {kunci[0]} gudang {kunci[1]}: buku stok di bawah nol ({l_})")
    sisa_terakhir = Mutasi.objects.filter(barang_id=OuterRef("barang_id"), gudang_id=OuterRef("gudang_id"))
    for b, g, s, m in Saldo.objects.annotate(
        m=Subquery(sisa_terakhir.order_by("-id").values("saldo_setelah")[:1])
    ).values_list("barang_id", "gudang_id", "jumlah", "m"):
        if m is not None and m != s:
            masalah.append(f"barang {b} gudang {g}: sisa catatan terakhir {m}, saldo {s}")
    return masalah


def stok_di_bawah_minimum() -> list[BarisStok]:
    return [b for b in stok_per_barang() if b.kurang]


@dataclass(frozen=True)
class Lot:
    barang: Barang
    gudang: str
    kedaluwarsa: date
    diterima: date
    referensi: str
    sisa: int

    @property
    def sudah_lewat(self) -> bool:
        return self.kedaluwarsa < timezone.localdate()


def stok_hampir_kedaluwarsa(*, pada: date | None = None, hari: int = 60) -> list[Lot]:
    """Received lots that are still in stock and expire within ``hari`` days (or already
    have). Issues are taken first-expiry-first-out, so what remains in a warehouse is its
    latest-expiring receipts: the stock on hand is laid over the receipts from the latest
    expiry down (goods without an expiry first)."""
    pada = pada or timezone.localdate()
    batas = pada + timedelta(days=hari)
    pasangan = (
        Mutasi.objects.filter(kedaluwarsa__isnull=False, kedaluwarsa__lte=batas)
        .order_by()
        .values_list("barang_id", "gudang_id")
        .distinct()
    )
    saldo = stok_saldo()
    barang = {b.pk: b for b in Barang.objects.all()}
    hasil = []
    for b_id, g_id in pasangan:
        sisa = saldo.get((b_id, g_id), 0)
        if sisa <= 0:
            continue
        masuk = Mutasi.objects.filter(barang_id=b_id, gudang_id=g_id, jumlah__gt=0).exclude(
            jenis=JenisMutasi.KEMBALI
        )
        tanpa = masuk.filter(kedaluwarsa__isnull=True).aggregate(s=Sum("jumlah"))["s"] or 0
        sisa -= min(sisa, tanpa)
        for m in (
            masuk.filter(kedaluwarsa__isnull=False).select_related("gudang").order_by("-kedaluwarsa", "-id")
        ):
            if sisa <= 0:
                break
            ambil = min(sisa, m.jumlah)
            sisa -= ambil
            if m.kedaluwarsa <= batas:
                hasil.append(Lot(barang[b_id], m.gudang.nama, m.kedaluwarsa, m.tanggal, m.referensi, ambil))
    return sorted(hasil, key=lambda lot: (lot.kedaluwarsa, lot.barang.nama))


def kartu_stok(barang: Barang, gudang) -> list[Mutasi]:
    """The stock card: every entry of one item in one warehouse, in posting order, with the
    balance after it."""
    return list(
        Mutasi.objects.filter(barang=barang, gudang=gudang).order_by("id").select_related("dicatat_oleh")
    )


# ---- response time ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponKejadian:
    kejadian_id: int
    desa_kode: str
    waktu_lapor: datetime
    bantuan_pertama: datetime | None

    @property
    def detik(self) -> float | None:
        if self.bantuan_pertama is None:
            return None
        return (self.bantuan_pertama - self.waktu_lapor).total_seconds()

    @property
    def jam(self) -> Decimal | None:
        return _jam(self.detik)


def _kejadian(qs, tahun: int | None, lingkup: str):
    return _lingkup(_tahun(Kejadian.objects.all() if qs is None else qs, tahun), lingkup).order_by()


def respon_kejadian(*, tahun: int | None = None, lingkup: str = "", qs=None) -> list[ResponKejadian]:
    """Per event: reported at, first aid delivered at (response time = the difference)."""
    baris = _kejadian(qs, tahun, lingkup).values_list("id", "desa_kode", "waktu_lapor", "bantuan_pertama")
    return [ResponKejadian(*r) for r in baris]


def respon_periksa() -> list[str]:
    """Events whose kept first-aid time or response time differs from their deliveries: empty
    when all agree (``kesos bencana respon --periksa``)."""
    masalah = []
    for kid, lapor, pertama, detik, hitung in (
        Kejadian.objects.order_by("id")
        .annotate(hitung=Min("bantuan__waktu"))
        .values_list("id", "waktu_lapor", "bantuan_pertama", "respon_detik", "hitung")
    ):
        harus = None if hitung is None else int((hitung - lapor).total_seconds())
        if pertama != hitung or detik != harus:
            masalah.append(f"kejadian {kid}: bantuan pertama {pertama} / {hitung}, respon {detik} / {harus}")
    return masalah


@dataclass(frozen=True)
class RingkasanRespon:
    label: str
    kejadian: int
    dibantu: int
    rata_jam: Decimal | None
    median_jam: Decimal | None
    tercepat_jam: Decimal | None = None
    terlama_jam: Decimal | None = None

    @property
    def belum_dibantu(self) -> int:
        return self.kejadian - self.dibantu


def _ringkas(label: str, respon: list[int | None]) -> RingkasanRespon:
    """Mean and median over the events that got aid (``respon``: seconds, None = no aid yet)."""
    detik = [d for d in respon if d is not None]
    return RingkasanRespon(
        label=label,
        kejadian=len(respon),
        dibantu=len(detik),
        rata_jam=_jam(statistics.fmean(detik)) if detik else None,
        median_jam=_jam(statistics.median(detik)) if detik else None,
        tercepat_jam=_jam(min(detik)) if detik else None,
        terlama_jam=_jam(max(detik)) if detik else None,
    )


def respon_ringkas(*, tahun: int | None = None, lingkup: str = "", qs=None) -> RingkasanRespon:
    """The office's response time for a year: mean and median over the events that got aid.
    One column of one table (``Kejadian.respon_detik``), whatever the number of deliveries."""
    detik = list(_kejadian(qs, tahun, lingkup).values_list("respon_detik", flat=True))
    return _ringkas(str(tahun or ""), detik)


def respon_tren(*, lingkup: str = "", qs=None) -> list[RingkasanRespon]:
    """Response time per year of report (in the office's time zone), every year with an event."""
    # One range query per year (the report time's index answers it); extracting the year of
    # every row in the database was 0,3-0,4 s over 10.000 events on SQLite.
    semua = _kejadian(qs, None, lingkup)
    r = semua.aggregate(awal=Min("waktu_lapor"), akhir=Max("waktu_lapor"))
    if r["awal"] is None:
        return []
    hasil = []
    for t in range(timezone.localtime(r["awal"]).year, timezone.localtime(r["akhir"]).year + 1):
        detik = list(_tahun(semua, t).values_list("respon_detik", flat=True))
        if detik:
            hasil.append(_ringkas(str(t), detik))
    return hasil


def respon_per_kecamatan(*, tahun: int | None = None, lingkup: str = "", qs=None) -> list[RingkasanRespon]:
    """Per kecamatan (of the event's main desa): events and response time."""
    per = defaultdict(list)
    for desa, detik in _kejadian(qs, tahun, lingkup).values_list("desa_kode", "respon_detik"):
        per[".".join(desa.split(".")[:3])].append(detik)
    nama = dict(Wilayah.objects.filter(kode__in=per).values_list("kode", "nama"))
    return [_ringkas(nama.get(k, k), per[k]) for k in sorted(per)]


# ---- SPM: victims served during the emergency period; evacuated with complete means -------------


@dataclass(frozen=True)
class KorbanKejadian:
    kejadian_id: int
    korban: int
    terbantu_darurat: int
    terbantu: int
    dievakuasi_lengkap: int


def korban_per_kejadian(*, tahun: int, lingkup: str = "", qs=None) -> list[KorbanKejadian]:
    """Per event of the year: victims (the counted total), persons who received aid before the
    emergency period ended (or the event closed), persons who received aid at all, and victims
    evacuated with complete means. A delivery's persons: each registry person once, each
    household with its members, each unnamed group as counted; never more than the victims."""
    kejadian = list(
        _kejadian(qs, tahun, lingkup)
        .annotate(batas=Coalesce("darurat_selesai", "ditutup_pada"))
        .values_list("id", "jiwa_terdampak", "dievakuasi_lengkap", "batas")
    )
    batas = {k[0]: k[3] for k in kejadian}
    darurat: dict[int, list] = defaultdict(lambda: [set(), {}, 0])
    semua: dict[int, list] = defaultdict(lambda: [set(), {}, 0])
    penerima = PenerimaBantuan.objects.filter(bantuan__kejadian_id__in=list(batas)).values_list(
        "bantuan__kejadian_id", "bantuan__waktu", "orang_id", "keluarga_id", "jumlah_jiwa"
    )
    for kid, waktu, orang, keluarga, jiwa in penerima:
        tujuan = [semua[kid]]
        if batas[kid] is None or waktu <= batas[kid]:
            tujuan.append(darurat[kid])
        for t in tujuan:
            if orang is not None:
                t[0].add(orang)
            elif keluarga is not None:
                t[1][keluarga] = max(t[1].get(keluarga, 0), jiwa)
            else:
                t[2] += jiwa

    def jiwa(t: list) -> int:
        return len(t[0]) + sum(t[1].values()) + t[2]

    return [
        KorbanKejadian(
            kid,
            korban,
            min(korban, jiwa(darurat[kid])) if kid in darurat else 0,
            min(korban, jiwa(semua[kid])) if kid in semua else 0,
            lengkap,
        )
        for kid, korban, lengkap, _ in kejadian
    ]


def spm_korban(tahun: int, lingkup: str = "") -> Decimal:
    return Decimal(sum(k.korban for k in korban_per_kejadian(tahun=tahun, lingkup=lingkup)))


def spm_korban_terbantu(tahun: int, lingkup: str = "") -> Decimal:
    return Decimal(sum(k.terbantu_darurat for k in korban_per_kejadian(tahun=tahun, lingkup=lingkup)))


def spm_korban_dievakuasi(tahun: int, lingkup: str = "") -> Decimal:
    return Decimal(sum(k.dievakuasi_lengkap for k in korban_per_kejadian(tahun=tahun, lingkup=lingkup)))


def spm_korban_terpenuhi(tahun: int, lingkup: str = "") -> Decimal:
    return Decimal(sum(k.terbantu for k in korban_per_kejadian(tahun=tahun, lingkup=lingkup)))


@dataclass(frozen=True)
class IndikatorSPM:
    nomor: int
    uraian: str
    pembilang: Decimal
    penyebut: Decimal

    @property
    def persen(self) -> Decimal | None:
        if not self.penyebut:
            return None
        return (self.pembilang / self.penyebut * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def spm_bencana(*, tahun: int, lingkup: str = "", qs=None) -> list[IndikatorSPM]:
    """The two SPM disaster indicators (Permensos 9/2018 numbers 5 and 6) with numerator and
    denominator; a zero denominator gives no percentage ("tidak dapat dihitung")."""
    daftar = korban_per_kejadian(tahun=tahun, lingkup=lingkup, qs=qs)
    korban = Decimal(sum(k.korban for k in daftar))
    return [
        IndikatorSPM(
            5,
            "Persentase korban bencana skala kabupaten/kota yang menerima bantuan sosial "
            "selama masa tanggap darurat",
            Decimal(sum(k.terbantu_darurat for k in daftar)),
            korban,
        ),
        IndikatorSPM(
            6,
            "Persentase korban bencana skala kabupaten/kota yang dievakuasi dengan menggunakan "
            "sarana prasarana tanggap darurat lengkap",
            Decimal(sum(k.dievakuasi_lengkap for k in daftar)),
            korban,
        ),
    ]


# ---- TAGANA, KSB and the Renstra measures -------------------------------------------------------


def ksb_sampai(tahun: int) -> int:
    return KampungSiagaBencana.objects.filter(tanggal_dibentuk__year__lte=tahun).count()


def tagana_terlatih_sampai(tahun: int) -> int:
    return (
        PesertaPelatihan.objects.filter(lulus=True, pelatihan__selesai__year__lte=tahun)
        .values("anggota_id")
        .distinct()
        .count()
    )


def tagana_ringkas() -> dict:
    return AnggotaTagana.objects.aggregate(anggota=Count("id"), aktif=Count("id", filter=Q(aktif=True))) | {
        "terlatih": PesertaPelatihan.objects.filter(lulus=True).values("anggota_id").distinct().count()
    }


def nilai_ukuran_renstra(ukuran: str, tahun: int) -> Decimal | None:
    if ukuran == UkuranRenstra.RESPON_RATA:
        return respon_ringkas(tahun=tahun).rata_jam
    if ukuran == UkuranRenstra.RESPON_MEDIAN:
        return respon_ringkas(tahun=tahun).median_jam
    if ukuran == UkuranRenstra.KSB:
        return Decimal(ksb_sampai(tahun))
    if ukuran == UkuranRenstra.TAGANA:
        return Decimal(tagana_terlatih_sampai(tahun))
    raise ValueError(ukuran)


def target_ksb() -> tuple[Decimal | None, str]:
    """The Renstra's target for KSB (7 by 2022 in Lampiran I), from the linked indicator."""
    t = (
        TautanRenstra.objects.filter(ukuran=UkuranRenstra.KSB)
        .select_related("indikator__baris__renstra")
        .first()
    )
    if t is None:
        return None, ""
    r = t.indikator.baris.renstra
    return t.indikator.target_akhir, f"{r.tahun_mulai}–{r.tahun_akhir}"


# ---- the yearly export ---------------------------------------------------------------------------


@dataclass
class EksporTahun:
    tahun: int
    kejadian: list[dict]
    bantuan: list[dict]
    stok: list[BarisStok]
    mutasi: list[Mutasi]
    respon: RingkasanRespon
    spm: list[IndikatorSPM]


def ekspor_tahun(tahun: int, qs=None) -> EksporTahun:
    """Everything the yearly workbook shows, without names or NIK: events (``qs``: those the
    user reads; all by default), deliveries (items and persons reached), stock on hand and the
    year's ledger."""
    kejadian = list(_kejadian(qs, tahun, "").order_by("waktu_lapor", "id"))
    respon = {r.kejadian_id: r for r in respon_kejadian(tahun=tahun, qs=qs)}
    desa = dict(Wilayah.objects.values_list("kode", "nama"))
    baris_kejadian = [
        {
            "id": k.pk,
            "waktu_lapor": timezone.localtime(k.waktu_lapor).replace(tzinfo=None),
            "jenis": k.get_jenis_display(),
            "uraian": k.uraian,
            "kecamatan": desa.get(".".join(k.desa_kode.split(".")[:3]), ""),
            "desa": desa.get(k.desa_kode, k.desa_kode),
            "lintang": float(k.lintang) if k.lintang is not None else None,
            "bujur": float(k.bujur) if k.bujur is not None else None,
            "status": k.get_status_display(),
            **{f: getattr(k, f) for f in ("kk_terdampak", "jiwa_terdampak", "luka", "meninggal", "hilang")},
            **{f: getattr(k, f) for f in ("mengungsi", "dievakuasi", "dievakuasi_lengkap")},
            "respon_jam": float(respon[k.pk].jam)
            if k.pk in respon and respon[k.pk].jam is not None
            else None,
        }
        for k in kejadian
    ]
    bantuan = []
    from .models import Bantuan

    for b in (
        Bantuan.objects.filter(kejadian__in=kejadian)
        .select_related("kejadian", "gudang")
        .prefetch_related("mutasi__barang", "penerima")
        .order_by("waktu", "id")
    ):
        bantuan.append(
            {
                "waktu": timezone.localtime(b.waktu).replace(tzinfo=None),
                "kejadian": b.kejadian.uraian,
                "gudang": b.gudang.nama if b.gudang else "",
                "barang": "; ".join(f"{m.barang.nama} {-m.jumlah} {m.satuan}" for m in b.mutasi.all()),
                "penerima": len(b.penerima.all()),
                "jiwa": sum(p.jumlah_jiwa for p in b.penerima.all()),
                "keterangan": b.keterangan,
            }
        )
    mutasi = list(
        Mutasi.objects.filter(tanggal__year=tahun)
        .select_related("barang", "gudang")
        .order_by("tanggal", "id")
    )
    return EksporTahun(
        tahun,
        baris_kejadian,
        bantuan,
        stok_per_barang(),
        mutasi,
        respon_ringkas(tahun=tahun, qs=qs),
        spm_bencana(tahun=tahun, qs=qs),
    )
