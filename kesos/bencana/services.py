"""Writes to the disaster records. Each asks ``access``, validates what it stores, is audited,
and runs in one transaction.

The stock can't go wrong: every change to stock on hand goes through ``_posting``, which locks
the item's balance row in that warehouse (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
write transactions are already one at a time), refuses what would take it below zero, and
writes the ledger entry and the new balance together.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone

from kesos.akun.access import pengguna_db
from kesos.akun.models import AuditLog
from kesos.akun.services import audit_catat
from kesos.bansos.models import (
    STATUS_PENOLAKAN,
    JenisManfaat,
    Kepesertaan,
    Penyaluran,
    Periode,
    Program,
    Satuan,
    Siklus,
    StatusKepesertaan,
)
from kesos.inti.errors import KesosError, KonflikEdit, TidakBerhak
from kesos.registri.models import Kategori, Keluarga, Orang
from kesos.wilayah.models import Tingkat, Wilayah

from . import access
from .models import (
    URUTAN_STATUS,
    AnggotaTagana,
    Bantuan,
    Barang,
    Gudang,
    JenisBencana,
    JenisMutasi,
    KampungSiagaBencana,
    KeadaanKorban,
    Kejadian,
    Korban,
    LatihanDapurUmum,
    LokasiKejadian,
    Mutasi,
    PelatihanTagana,
    PenerimaBantuan,
    PeralatanDapurUmum,
    PesertaPelatihan,
    Saldo,
    StatusKejadian,
    StokOpname,
    StokOpnameBaris,
    TautanRenstra,
    UkuranRenstra,
)
from .validasi import MAKS_JIWA, IsianDitolak, bulat, koordinat, tanggal, teks, waktu

Pengguna = AbstractBaseUser | None

KOLOM_ANGKA = (
    "kk_terdampak",
    "jiwa_terdampak",
    "luka",
    "meninggal",
    "hilang",
    "mengungsi",
    "dievakuasi",
    "dievakuasi_lengkap",
)


def _desa(kode: str, kolom: str = "desa") -> str:
    kode = teks(kode, kolom, 20, wajib=True)
    if not Wilayah.objects.filter(kode=kode, tingkat__in=[Tingkat.DESA, Tingkat.KELURAHAN]).exists():
        raise IsianDitolak(kolom, f"'{kode}' bukan kode desa/kelurahan yang dikenal")
    return kode


def _snapshot(k: Kejadian) -> dict:
    return {
        "jenis": k.jenis,
        "uraian": k.uraian,
        "waktu_lapor": k.waktu_lapor.isoformat(),
        "desa_kode": k.desa_kode,
        "lintang": str(k.lintang) if k.lintang is not None else None,
        "bujur": str(k.bujur) if k.bujur is not None else None,
        "status": k.status,
        **{f: getattr(k, f) for f in KOLOM_ANGKA},
        "cara_evakuasi": k.cara_evakuasi,
    }


def _angka_korban(data: dict) -> dict[str, int]:
    hasil = {f: bulat(data.get(f, 0) or 0, f, maksimum=MAKS_JIWA) for f in KOLOM_ANGKA}
    if hasil["dievakuasi_lengkap"] > hasil["dievakuasi"]:
        raise IsianDitolak("dievakuasi_lengkap", "tidak boleh lebih dari jumlah yang dievakuasi")
    for f in ("luka", "meninggal", "hilang", "mengungsi", "dievakuasi"):
        if hasil[f] > hasil["jiwa_terdampak"]:
            raise IsianDitolak(f, "tidak boleh lebih dari jiwa terdampak")
    return hasil


@transaction.atomic
def kejadian_catat(
    *,
    pengguna: Pengguna,
    jenis: str,
    uraian: str,
    waktu_lapor: datetime,
    desa: list[str],
    lintang: object = None,
    bujur: object = None,
    cara_evakuasi: str = "",
    **angka: object,
) -> Kejadian:
    """Record a reported event in one or more desa (the first is the main one)."""
    if jenis not in JenisBencana.values:
        raise IsianDitolak("jenis", "jenis bencana tidak dikenal")
    kode = list(dict.fromkeys(_desa(d) for d in desa if str(d).strip()))
    if not kode:
        raise IsianDitolak("desa", "wajib diisi")
    if len(kode) > 50:
        raise IsianDitolak("desa", "paling banyak 50 desa")
    for d in kode:
        access.pastikan(pengguna, "catat", d)
    lin, buj = koordinat(lintang, "lintang", 90), koordinat(bujur, "bujur", 180)
    if (lin is None) != (buj is None):
        raise IsianDitolak(
            "bujur" if buj is None else "lintang", "lintang dan bujur diisi keduanya atau tidak"
        )
    tidak_dikenal = set(angka) - set(KOLOM_ANGKA)
    if tidak_dikenal:
        raise IsianDitolak(sorted(tidak_dikenal)[0], "isian tidak dikenal")
    k = Kejadian(
        jenis=jenis,
        uraian=teks(uraian, "uraian", 200, wajib=True),
        waktu_lapor=waktu(waktu_lapor, "waktu_lapor"),
        desa_kode=kode[0],
        lintang=lin,
        bujur=buj,
        cara_evakuasi=teks(cara_evakuasi, "cara_evakuasi", 255),
        dicatat_oleh=pengguna_db(pengguna),
        **_angka_korban(angka),
    )
    k.save()
    LokasiKejadian.objects.bulk_create([LokasiKejadian(kejadian=k, desa_kode=d) for d in kode])
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.Kejadian",
        objek_id=k.pk,
        sesudah=_snapshot(k) | {"desa": kode},
        keterangan=f"kejadian {k.get_jenis_display()} dicatat",
    )
    return k


def _kunci_kejadian(kejadian: Kejadian, versi: int | None) -> Kejadian:
    k = Kejadian.objects.select_for_update().get(pk=kejadian.pk)
    if versi is not None and k.versi != versi:
        raise KonflikEdit("Kejadian ini sudah diubah orang lain sejak Anda membukanya; muat ulang halaman.")
    return k


@transaction.atomic
def kejadian_ubah_korban(
    *, pengguna: Pengguna, kejadian: Kejadian, versi: int, cara_evakuasi: str | None = None, **angka: object
) -> Kejadian:
    """Update the counted victims; a count is never below the registry-linked victims it covers."""
    access.pastikan(pengguna, "ubah", kejadian)
    k = _kunci_kejadian(kejadian, versi)
    sebelum = _snapshot(k)
    data = {f: angka.get(f, getattr(k, f)) for f in KOLOM_ANGKA}
    baru = _angka_korban(data)
    tertaut = _korban_tertaut(k)
    for f, n in tertaut.items():
        if baru[f] < n:
            raise IsianDitolak(f, f"tidak boleh kurang dari {n} korban yang sudah tertaut ke registri")
    for f, n in baru.items():
        setattr(k, f, n)
    if cara_evakuasi is not None:
        k.cara_evakuasi = teks(cara_evakuasi, "cara_evakuasi", 255)
    k.versi += 1
    k.save()
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH,
        objek="bencana.Kejadian",
        objek_id=k.pk,
        sebelum=sebelum,
        sesudah=_snapshot(k),
        keterangan="jumlah korban diubah",
    )
    return k


def _korban_tertaut(k: Kejadian) -> dict[str, int]:
    qs = Korban.objects.filter(kejadian=k)
    return {
        "jiwa_terdampak": qs.count(),
        "luka": qs.filter(keadaan=KeadaanKorban.LUKA).count(),
        "meninggal": qs.filter(keadaan=KeadaanKorban.MENINGGAL).count(),
        "hilang": qs.filter(keadaan=KeadaanKorban.HILANG).count(),
        "mengungsi": qs.filter(keadaan=KeadaanKorban.MENGUNGSI).count(),
        "dievakuasi": qs.filter(dievakuasi=True).count(),
        "dievakuasi_lengkap": qs.filter(evakuasi_lengkap=True).count(),
    }


# The time field each status sets, and the field named when that time is refused.
WAKTU_STATUS = {
    StatusKejadian.DIKAJI: "dikaji_pada",
    StatusKejadian.TANGGAP_DARURAT: "darurat_mulai",
    StatusKejadian.PEMULIHAN: "darurat_selesai",
    StatusKejadian.DITUTUP: "ditutup_pada",
}


@transaction.atomic
def kejadian_ubah_status(
    *, pengguna: Pengguna, kejadian: Kejadian, status: str, pada: datetime, versi: int | None = None
) -> Kejadian:
    """Move an event forward: reported → assessed → emergency period (from ``pada``) →
    recovery (the emergency period ends at ``pada``) → closed. Steps may be skipped, never
    reversed; each time is after the report and after the step before it."""
    access.pastikan(pengguna, "ubah", kejadian)
    k = _kunci_kejadian(kejadian, versi)
    if status not in URUTAN_STATUS or status == StatusKejadian.DILAPORKAN:
        raise IsianDitolak("status", "status tidak dikenal")
    if URUTAN_STATUS.index(status) <= URUTAN_STATUS.index(k.status):
        raise IsianDitolak(
            "status", f"kejadian sudah berstatus {k.get_status_display()}; status tidak dapat mundur"
        )
    kolom = WAKTU_STATUS[StatusKejadian(status)]
    pada = waktu(pada, kolom)
    sebelumnya = [k.waktu_lapor, k.dikaji_pada, k.darurat_mulai, k.darurat_selesai]
    terakhir = max(t for t in sebelumnya if t is not None)
    if pada < k.waktu_lapor:
        raise IsianDitolak(kolom, "tidak boleh sebelum waktu kejadian dilaporkan")
    if pada < terakhir:
        raise IsianDitolak(kolom, "tidak boleh sebelum tahap sebelumnya")
    sebelum = _snapshot(k)
    if status == StatusKejadian.PEMULIHAN and k.darurat_mulai is None:
        raise IsianDitolak("darurat_selesai", "masa tanggap darurat belum dimulai")
    if status == StatusKejadian.DITUTUP and k.darurat_mulai is not None and k.darurat_selesai is None:
        k.darurat_selesai = pada
    setattr(k, kolom, pada)
    k.status = status
    k.versi += 1
    k.save()
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.STATUS,
        objek="bencana.Kejadian",
        objek_id=k.pk,
        sebelum=sebelum,
        sesudah=_snapshot(k) | {kolom: pada.isoformat()},
        keterangan=f"status menjadi {k.get_status_display()}",
    )
    return k


def _orang_terlihat(pengguna: Pengguna, orang: Orang, kolom: str) -> None:
    if not access.boleh(pengguna, "lihat_pribadi", orang.desa_kode):
        raise TidakBerhak(f"{kolom}: orang ini di luar wilayah Anda.")


@transaction.atomic
def korban_tautkan(
    *,
    pengguna: Pengguna,
    kejadian: Kejadian,
    orang: Orang,
    keadaan: str,
    dievakuasi: bool = False,
    evakuasi_lengkap: bool = False,
) -> Korban:
    """Link a victim to the registry; the event's counts grow to cover the linked victims."""
    access.pastikan(pengguna, "ubah", kejadian)
    _orang_terlihat(pengguna, orang, "orang")
    if keadaan not in KeadaanKorban.values:
        raise IsianDitolak("keadaan", "keadaan korban tidak dikenal")
    if evakuasi_lengkap and not dievakuasi:
        raise IsianDitolak("evakuasi_lengkap", "hanya untuk korban yang dievakuasi")
    k = _kunci_kejadian(kejadian, None)
    if Korban.objects.filter(kejadian=k, orang=orang).exists():
        raise IsianDitolak("orang", "orang ini sudah tercatat sebagai korban kejadian ini")
    korban = Korban.objects.create(
        kejadian=k, orang=orang, keadaan=keadaan, dievakuasi=dievakuasi, evakuasi_lengkap=evakuasi_lengkap
    )
    tertaut = _korban_tertaut(k)
    sebelum = _snapshot(k)
    for f, n in tertaut.items():
        if getattr(k, f) < n:
            setattr(k, f, n)
    k.versi += 1
    k.save()
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.Korban",
        objek_id=korban.pk,
        sebelum=sebelum,
        sesudah={"kejadian": k.pk, "orang": orang.pk, "keadaan": keadaan, "dievakuasi": dievakuasi},
        keterangan="korban ditautkan ke registri",
    )
    return korban


# ---- the buffer stock ----------------------------------------------------------------------


def _kunci_saldo(barang: Barang, gudang: Gudang) -> Saldo:
    # The row lock that serialises every change to one item in one warehouse: a second issue
    # waits here until the first commits, then reads the balance the first left.
    saldo, _ = Saldo.objects.select_for_update().get_or_create(barang=barang, gudang=gudang)
    return saldo


def _posting(
    *,
    pengguna: Pengguna,
    barang: Barang,
    gudang: Gudang,
    jenis: str,
    tanggal_mutasi: date,
    jumlah: int,
    sumber: str = "",
    referensi: str = "",
    kedaluwarsa: date | None = None,
    alasan: str = "",
    rujukan: Mutasi | None = None,
    bantuan: Bantuan | None = None,
    kolom_jumlah: str = "jumlah",
) -> Mutasi:
    saldo = _kunci_saldo(barang, gudang)
    terakhir = Mutasi.objects.filter(barang=barang, gudang=gudang).aggregate(t=Max("tanggal"))["t"]
    if terakhir is not None and tanggal_mutasi < terakhir:
        raise IsianDitolak(
            "tanggal",
            f"kartu stok {barang.nama} di {gudang.nama} sudah berisi catatan tanggal "
            f"{terakhir:%d-%m-%Y}; catatan baru tidak boleh bertanggal lebih awal",
        )
    baru = saldo.jumlah + jumlah
    if baru < 0:
        raise IsianDitolak(
            kolom_jumlah,
            f"stok {barang.nama} di {gudang.nama} tinggal {saldo.jumlah} {barang.satuan}; "
            f"tidak cukup untuk mengeluarkan {-jumlah}",
        )
    m = Mutasi(
        barang=barang,
        gudang=gudang,
        jenis=jenis,
        tanggal=tanggal_mutasi,
        jumlah=jumlah,
        saldo_setelah=baru,
        satuan=barang.satuan,
        sumber=sumber,
        referensi=referensi,
        kedaluwarsa=kedaluwarsa,
        alasan=alasan,
        rujukan=rujukan,
        bantuan=bantuan,
        dicatat_oleh=pengguna_db(pengguna),
    )
    m.save()
    Saldo.objects.filter(pk=saldo.pk).update(jumlah=baru)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.Mutasi",
        objek_id=m.pk,
        sesudah={
            "barang": barang.kode,
            "gudang": gudang.kode,
            "jenis": jenis,
            "tanggal": str(tanggal_mutasi),
            "jumlah": jumlah,
            "sisa": baru,
            "referensi": referensi,
        },
        keterangan=f"{JenisMutasi(jenis).label} {barang.nama}",
    )
    return m


def _wajib_stok(pengguna: Pengguna) -> None:
    access.pastikan(pengguna, "stok_kelola")


@transaction.atomic
def gudang_simpan(*, pengguna: Pengguna, kode: str, nama: str, desa_kode: str = "") -> Gudang:
    _wajib_stok(pengguna)
    kode = teks(kode, "kode", 20, wajib=True)
    g, dibuat = Gudang.objects.update_or_create(
        kode=kode,
        defaults={
            "nama": teks(nama, "nama", 120, wajib=True),
            "desa_kode": _desa(desa_kode) if desa_kode else "",
        },
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT if dibuat else AuditLog.Aksi.UBAH,
        objek="bencana.Gudang",
        objek_id=g.pk,
        sesudah={"kode": g.kode, "nama": g.nama, "desa_kode": g.desa_kode},
    )
    return g


@transaction.atomic
def barang_simpan(
    *, pengguna: Pengguna, kode: str, nama: str, satuan: str, stok_minimum: object = 0
) -> Barang:
    """Add an item or change its name or minimum; its unit is fixed once the ledger uses it."""
    _wajib_stok(pengguna)
    kode = teks(kode, "kode", 30, wajib=True)
    satuan = teks(satuan, "satuan", 20, wajib=True)
    lama = Barang.objects.filter(kode=kode).first()
    if lama and lama.satuan != satuan and Mutasi.objects.filter(barang=lama).exists():
        raise IsianDitolak(
            "satuan", f"barang ini sudah tercatat dalam {lama.satuan}; satuan tidak dapat diganti"
        )
    b, dibuat = Barang.objects.update_or_create(
        kode=kode,
        defaults={
            "nama": teks(nama, "nama", 120, wajib=True),
            "satuan": satuan,
            "stok_minimum": bulat(stok_minimum, "stok_minimum"),
        },
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT if dibuat else AuditLog.Aksi.UBAH,
        objek="bencana.Barang",
        objek_id=b.pk,
        sesudah={"kode": b.kode, "nama": b.nama, "satuan": b.satuan, "stok_minimum": b.stok_minimum},
    )
    return b


@transaction.atomic
def stok_terima(
    *,
    pengguna: Pengguna,
    gudang: Gudang,
    barang: Barang,
    tanggal_terima: date,
    jumlah: object,
    sumber: str,
    referensi: str = "",
    kedaluwarsa: date | None = None,
) -> Mutasi:
    """A receipt: from a source (APBD purchase, Kemensos, donors), with its expiry if any."""
    _wajib_stok(pengguna)
    tgl = tanggal(tanggal_terima, "tanggal")
    n = bulat(jumlah, "jumlah", minimum=1)
    if kedaluwarsa is not None:
        kedaluwarsa = tanggal(kedaluwarsa, "kedaluwarsa", masa_depan=True)
        if kedaluwarsa < tgl:
            raise IsianDitolak("kedaluwarsa", "tidak boleh sebelum tanggal penerimaan")
    return _posting(
        pengguna=pengguna,
        barang=barang,
        gudang=gudang,
        jenis=JenisMutasi.TERIMA,
        tanggal_mutasi=tgl,
        jumlah=n,
        sumber=teks(sumber, "sumber", 200, wajib=True),
        referensi=teks(referensi, "referensi", 100),
        kedaluwarsa=kedaluwarsa,
    )


@transaction.atomic
def stok_keluar(
    *,
    pengguna: Pengguna,
    gudang: Gudang,
    barang: Barang,
    tanggal_keluar: date,
    jumlah: object,
    tujuan: str,
    referensi: str = "",
) -> Mutasi:
    """An issue outside a recorded delivery (to a posko, another warehouse)."""
    _wajib_stok(pengguna)
    return _posting(
        pengguna=pengguna,
        barang=barang,
        gudang=gudang,
        jenis=JenisMutasi.KELUAR,
        tanggal_mutasi=tanggal(tanggal_keluar, "tanggal"),
        jumlah=-bulat(jumlah, "jumlah", minimum=1),
        sumber=teks(tujuan, "tujuan", 200, wajib=True),
        referensi=teks(referensi, "referensi", 100),
    )


@transaction.atomic
def stok_kembali(
    *, pengguna: Pengguna, rujukan: Mutasi, tanggal_kembali: date, jumlah: object, alasan: str
) -> Mutasi:
    """Goods issued and not used come back: against the issue they left with, never more than
    it took out, never dated before it."""
    _wajib_stok(pengguna)
    if rujukan is None or rujukan.jenis != JenisMutasi.KELUAR:
        raise IsianDitolak("rujukan", "pengembalian harus merujuk catatan pengeluaran")
    tgl = tanggal(tanggal_kembali, "tanggal")
    if tgl < rujukan.tanggal:
        raise IsianDitolak("tanggal", f"tidak boleh sebelum pengeluarannya ({rujukan.tanggal:%d-%m-%Y})")
    n = bulat(jumlah, "jumlah", minimum=1)
    # Lock the balance first, so two returns of the same issue are counted one after the other.
    _kunci_saldo(rujukan.barang, rujukan.gudang)
    sudah = Mutasi.objects.filter(rujukan=rujukan).aggregate(s=Sum("jumlah"))["s"] or 0
    if n + sudah > -rujukan.jumlah:
        raise IsianDitolak(
            "jumlah",
            f"pengeluaran itu {-rujukan.jumlah}, sudah kembali {sudah}; "
            f"paling banyak {-rujukan.jumlah - sudah}",
        )
    return _posting(
        pengguna=pengguna,
        barang=rujukan.barang,
        gudang=rujukan.gudang,
        jenis=JenisMutasi.KEMBALI,
        tanggal_mutasi=tgl,
        jumlah=n,
        sumber=rujukan.sumber,
        referensi=rujukan.referensi,
        alasan=teks(alasan, "alasan", 255, wajib=True),
        rujukan=rujukan,
    )


@dataclass(frozen=True)
class Hitungan:
    barang: Barang
    dihitung: object
    alasan: str = ""


@transaction.atomic
def stok_opname_catat(
    *, pengguna: Pengguna, gudang: Gudang, tanggal_opname: date, hitungan: list[Hitungan], catatan: str = ""
) -> StokOpname:
    """Stock-taking: each count against the derived stock at that moment; a difference is
    posted as an adjustment carrying its reason (required)."""
    _wajib_stok(pengguna)
    tgl = tanggal(tanggal_opname, "tanggal")
    if not hitungan:
        raise IsianDitolak("hitungan", "belum ada barang yang dihitung")
    opname = StokOpname.objects.create(
        gudang=gudang,
        tanggal=tgl,
        catatan=teks(catatan, "catatan", 255),
        dicatat_oleh=pengguna_db(pengguna),
    )
    dilihat = set()
    for i, h in enumerate(hitungan, start=1):
        if h.barang.pk in dilihat:
            raise IsianDitolak(f"baris {i} barang", f"{h.barang.nama} dihitung dua kali")
        dilihat.add(h.barang.pk)
        n = bulat(h.dihitung, f"baris {i} hasil hitung")
        alasan = teks(h.alasan, f"baris {i} alasan", 255)
        saldo = _kunci_saldo(h.barang, gudang)
        selisih = n - saldo.jumlah
        mutasi = None
        if selisih:
            if not alasan:
                raise IsianDitolak(
                    f"baris {i} alasan", f"selisih {selisih:+d} {h.barang.satuan} wajib diberi alasan"
                )
            mutasi = _posting(
                pengguna=pengguna,
                barang=h.barang,
                gudang=gudang,
                jenis=JenisMutasi.PENYESUAIAN,
                tanggal_mutasi=tgl,
                jumlah=selisih,
                sumber=f"Stok opname {tgl:%d-%m-%Y}",
                referensi=f"OPN-{opname.pk}",
                alasan=alasan,
            )
        StokOpnameBaris.objects.create(
            opname=opname, barang=h.barang, tercatat=saldo.jumlah, dihitung=n, alasan=alasan, mutasi=mutasi
        )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.StokOpname",
        objek_id=opname.pk,
        sesudah={"gudang": gudang.kode, "tanggal": str(tgl), "barang": len(hitungan)},
    )
    return opname


# ---- emergency aid ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Penerima:
    orang: Orang | None = None
    keluarga: Keluarga | None = None
    jumlah_jiwa: object = 1
    keterangan: str = ""


@transaction.atomic
def bantuan_catat(
    *,
    pengguna: Pengguna,
    kejadian: Kejadian,
    waktu_serah: datetime,
    barang: list[tuple[Barang, object]],
    penerima: list[Penerima],
    gudang: Gudang | None = None,
    keterangan: str = "",
) -> Bantuan:
    """A delivery of emergency aid: the items leave the warehouse's ledger (refused whole when
    one would go below zero) and the recipients are recorded."""
    access.pastikan(pengguna, "ubah", kejadian)
    # The event's row lock: two deliveries at once keep the first-aid time right.
    k = Kejadian.objects.select_for_update().get(pk=kejadian.pk)
    t = waktu(waktu_serah, "waktu")
    if t < k.waktu_lapor:
        raise IsianDitolak("waktu", "bantuan tidak boleh diserahkan sebelum kejadian dilaporkan")
    if k.ditutup_pada is not None and t > k.ditutup_pada:
        raise IsianDitolak("waktu", "kejadian sudah ditutup sebelum waktu ini")
    if not barang and not penerima:
        raise IsianDitolak("barang", "isi barang yang diserahkan atau penerimanya")
    if barang and gudang is None:
        raise IsianDitolak("gudang", "pilih gudang asal barang")
    if len(barang) > 200 or len(penerima) > 5000:
        raise IsianDitolak("penerima", "terlalu banyak baris dalam satu penyerahan")
    b = Bantuan.objects.create(
        kejadian=k,
        waktu=t,
        gudang=gudang if barang else None,
        keterangan=teks(keterangan, "keterangan", 255),
        dicatat_oleh=pengguna_db(pengguna),
    )
    tgl = timezone.localtime(t).date()
    dilihat = set()
    # Items in a fixed order so that two deliveries lock the same balances in the same order.
    for i, (brg, n) in sorted(enumerate(barang, start=1), key=lambda x: x[1][0].pk):
        if brg.pk in dilihat:
            raise IsianDitolak(f"barang baris {i}", f"{brg.nama} tertulis dua kali")
        dilihat.add(brg.pk)
        _posting(
            pengguna=pengguna,
            barang=brg,
            gudang=gudang,
            jenis=JenisMutasi.KELUAR,
            tanggal_mutasi=tgl,
            jumlah=-bulat(n, f"barang baris {i} jumlah", minimum=1),
            sumber=f"Bantuan: {k.uraian}"[:200],
            referensi=f"BTN-{b.pk}",
            bantuan=b,
            kolom_jumlah=f"barang baris {i} jumlah",
        )
    baris, tertulis = [], set()
    for i, p in enumerate(penerima, start=1):
        if p.orang is not None and p.keluarga is not None:
            raise IsianDitolak(f"penerima baris {i}", "pilih orang atau keluarga, tidak keduanya")
        kunci = ("orang", p.orang.pk) if p.orang else ("keluarga", p.keluarga.pk) if p.keluarga else None
        if kunci in tertulis:
            raise IsianDitolak(f"penerima baris {i}", "penerima ini sudah tertulis di baris lain")
        if kunci:
            tertulis.add(kunci)
        jiwa = bulat(p.jumlah_jiwa, f"penerima baris {i} jumlah jiwa", minimum=1, maksimum=MAKS_JIWA)
        if p.orang is not None:
            _orang_terlihat(pengguna, p.orang, f"penerima baris {i}")
            jiwa = 1
        if p.keluarga is not None:
            if not access.boleh(pengguna, "lihat_pribadi", p.keluarga.desa_kode):
                raise TidakBerhak(f"penerima baris {i}: keluarga ini di luar wilayah Anda.")
            jiwa = max(jiwa, p.keluarga.anggota.count())
        baris.append(
            PenerimaBantuan(
                bantuan=b,
                orang=p.orang,
                keluarga=p.keluarga,
                jumlah_jiwa=jiwa,
                keterangan=teks(p.keterangan, f"penerima baris {i} keterangan", 200),
            )
        )
    PenerimaBantuan.objects.bulk_create(baris)
    if k.bantuan_pertama is None or t < k.bantuan_pertama:
        k.bantuan_pertama = t
        k.respon_detik = int((t - k.waktu_lapor).total_seconds())
        k.save(update_fields=["bantuan_pertama", "respon_detik"])
    _salurkan(b, pengguna)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.Bantuan",
        objek_id=b.pk,
        sesudah={
            "kejadian": k.pk,
            "waktu": t.isoformat(),
            "barang": [[brg.kode, int(n)] for brg, n in barang],
            "penerima": len(baris),
            "jiwa": sum(p.jumlah_jiwa for p in baris),
        },
        keterangan="bantuan tanggap darurat diserahkan",
    )
    return b


# ---- emergency aid as a distribution of the bansos programmes --------------------------------

# The emergency-aid programmes, one per unit (a bansos programme has one).
PROGRAM_DARURAT = {
    Satuan.ORANG: ("BTD", "Bantuan sosial tanggap darurat bencana (perorangan)"),
    Satuan.KELUARGA: ("BTD-KK", "Bantuan sosial tanggap darurat bencana (keluarga)"),
}
SUMBER_BENCANA = "bencana"


def program_darurat(satuan: str) -> Program:
    """The emergency-aid programme of a unit, created the first time aid is delivered."""
    kode, nama = PROGRAM_DARURAT[satuan]
    program, _ = Program.objects.get_or_create(
        kode=kode,
        defaults={
            "nama": nama,
            "jenis_manfaat": JenisManfaat.BARANG,
            "satuan": satuan,
            "keterangan": "Dicatat dari modul bencana: setiap penyerahan bantuan adalah satu siklus.",
        },
    )
    return program


def _periode_darurat(program: Program, tahun: int) -> Periode:
    periode, _ = Periode.objects.get_or_create(
        program=program,
        nama=str(tahun),
        defaults={"mulai": date(tahun, 1, 1), "selesai": date(tahun, 12, 31)},
    )
    return Periode.objects.select_for_update().get(pk=periode.pk)  # numbers cycles one at a time


def _siklus_darurat(periode: Periode, bantuan: Bantuan, tgl: date) -> Siklus:
    nama = f"Bantuan #{bantuan.pk} kejadian #{bantuan.kejadian_id}"[:60]
    ada = Siklus.objects.filter(periode=periode, nama=nama).first()
    if ada is not None:
        return ada
    nomor = (Siklus.objects.filter(periode=periode).aggregate(n=Max("nomor"))["n"] or 0) + 1
    return Siklus.objects.create(periode=periode, nomor=nomor, nama=nama, mulai=tgl, selesai=tgl)


def _kepesertaan_darurat(periode: Periode, kolom: str, penerima, pengguna: Pengguna) -> Kepesertaan:
    ada = (
        Kepesertaan.objects.filter(periode=periode, **{kolom: penerima})
        .exclude(status__in=STATUS_PENOLAKAN)
        .first()
    )
    if ada is not None:
        return ada
    sekarang = timezone.now()
    return Kepesertaan.objects.create(
        program_id=periode.program_id,
        periode=periode,
        desa_kode=penerima.desa_kode,
        status=StatusKepesertaan.TERDAFTAR,
        sumber=SUMBER_BENCANA,
        dibuat_oleh=pengguna_db(pengguna),
        dibuat_pada=sekarang,
        diubah_pada=sekarang,
        **{kolom: penerima},
    )


def _salurkan(bantuan: Bantuan, pengguna: Pengguna) -> list[int]:
    """Record a delivery's registry-linked recipients not yet distributed as ``bansos``
    distributions: the delivery is a cycle of the year's period of the programme of their unit,
    each recipient enrolled there (once a year) and served in it. Returns the new ids."""
    tgl = timezone.localtime(bantuan.waktu).date()
    uraian = "; ".join(
        f"{m.barang.nama} {-m.jumlah} {m.satuan}" for m in bantuan.mutasi.select_related("barang")
    )
    uraian = (uraian or bantuan.keterangan or "Bantuan tanggap darurat")[:200]
    petugas = (getattr(pengguna, "username", "") or "sistem")[:120]
    baru = []
    siklus: dict[str, Siklus] = {}
    belum = bantuan.penerima.filter(penyaluran__isnull=True).filter(
        Q(orang__isnull=False) | Q(keluarga__isnull=False)
    )
    for p in belum.select_related("orang", "keluarga").order_by("id"):
        kolom, penerima = ("orang", p.orang) if p.orang_id else ("keluarga", p.keluarga)
        if kolom not in siklus:
            periode = _periode_darurat(program_darurat(kolom), tgl.year)
            siklus[kolom] = _siklus_darurat(periode, bantuan, tgl)
        s = siklus[kolom]
        kp = _kepesertaan_darurat(s.periode, kolom, penerima, pengguna)
        py = Penyaluran.objects.create(
            siklus=s,
            kepesertaan=kp,
            desa_kode=penerima.desa_kode,
            tanggal=tgl,
            uraian=uraian,
            rupiah=0,
            petugas=petugas,
            dicatat_oleh=pengguna_db(pengguna),
            dicatat_pada=timezone.now(),
        )
        p.penyaluran = py
        p.save(update_fields=["penyaluran"])
        baru.append(py.pk)
    # A delivery is a cycle that is over when it is recorded: closed with its totals, so that
    # the programme check sees neither an open past cycle nor totals that moved.
    for sk in siklus.values():
        total = Penyaluran.objects.filter(siklus=sk).aggregate(
            n=Count("kepesertaan", distinct=True), rp=Sum("rupiah")
        )
        sk.total_penerima, sk.total_rupiah = total["n"] or 0, total["rp"] or 0
        if sk.ditutup_pada is None:
            sk.ditutup_pada, sk.ditutup_oleh = timezone.now(), pengguna_db(pengguna)
        sk.save(update_fields=["total_penerima", "total_rupiah", "ditutup_pada", "ditutup_oleh"])
    if baru:
        audit_catat(
            pengguna=pengguna,
            aksi=AuditLog.Aksi.BUAT,
            objek="bansos.Penyaluran",
            objek_id=baru[0],
            sesudah={"bantuan": bantuan.pk, "penyaluran": baru, "siklus": [s.pk for s in siklus.values()]},
            keterangan=f"bantuan tanggap darurat #{bantuan.pk} dicatat sebagai penyaluran",
        )
    return baru


@transaction.atomic
def penyaluran_isi_dari_bantuan(*, pengguna: Pengguna) -> tuple[int, int]:
    """Backfill: every delivery recorded before aid was a distribution (or whose recipients
    were linked later) gets its ``bansos`` distributions; safe to run twice. Also sets each
    event's first-aid time and response time from its deliveries. Returns (deliveries,
    distributions) written."""
    access.pastikan(pengguna, "penyaluran_isi")
    belum = PenerimaBantuan.objects.filter(penyaluran__isnull=True).filter(
        Q(orang__isnull=False) | Q(keluarga__isnull=False)
    )
    bantuan = Bantuan.objects.filter(pk__in=belum.values("bantuan_id"))
    n_bantuan = n_salur = 0
    for b in bantuan.select_related("kejadian").order_by("waktu", "id"):
        n = len(_salurkan(b, pengguna))
        n_bantuan += 1 if n else 0
        n_salur += n
    # PostgreSQL locks no grouped rows: find the events that differ, then lock and set each.
    for kid, lama, pertama in Kejadian.objects.annotate(pertama=Min("bantuan__waktu")).values_list(
        "id", "bantuan_pertama", "pertama"
    ):
        if lama == pertama:
            continue
        k = Kejadian.objects.select_for_update().get(pk=kid)
        pertama = Bantuan.objects.filter(kejadian=k).aggregate(t=Min("waktu"))["t"]
        k.bantuan_pertama = pertama
        k.respon_detik = None if pertama is None else int((pertama - k.waktu_lapor).total_seconds())
        k.save(update_fields=["bantuan_pertama", "respon_detik"])
    return n_bantuan, n_salur


# ---- TAGANA, KSB, field kitchen -------------------------------------------------------------


def kategori_tagana() -> Kategori:
    k = Kategori.objects.filter(kode="TAGANA", aktif=True).order_by("-versi").first()
    if k is None:
        raise KesosError("Kategori TAGANA belum dimuat di registri (kesos seed-demo memuatnya).")
    return k


@transaction.atomic
def tagana_anggota_catat(
    *, pengguna: Pengguna, orang: Orang, tanggal_bergabung: date, nomor_anggota: str = ""
) -> AnggotaTagana:
    """A person of the registry joins TAGANA: the registry's TAGANA category decides the age
    rule (18–40 on the day of joining), and the person is classified TAGANA there too."""
    from kesos.registri.services import klasifikasi_tambah

    access.pastikan(pengguna, "catat", orang.desa_kode)
    _orang_terlihat(pengguna, orang, "orang")
    tgl = tanggal(tanggal_bergabung, "tanggal_bergabung")
    kategori = kategori_tagana()
    langgar = kategori.langgar(tanggal_lahir=orang.tanggal_lahir, jenis_kelamin=orang.jenis_kelamin, pada=tgl)
    if langgar:
        raise IsianDitolak("tanggal_bergabung", langgar)
    if AnggotaTagana.objects.filter(orang=orang).exists():
        raise IsianDitolak("orang", "orang ini sudah anggota TAGANA")
    a = AnggotaTagana.objects.create(
        orang=orang,
        tanggal_bergabung=tgl,
        nomor_anggota=teks(nomor_anggota, "nomor_anggota", 40),
        desa_kode=orang.desa_kode,
    )
    klasifikasi_tambah(orang=orang, kategori=kategori, tanggal=tgl, bukti="anggota TAGANA", pengguna=pengguna)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.AnggotaTagana",
        objek_id=a.pk,
        sesudah={"orang": orang.pk, "tanggal_bergabung": str(tgl), "desa_kode": a.desa_kode},
    )
    return a


@transaction.atomic
def pelatihan_catat(
    *,
    pengguna: Pengguna,
    nama: str,
    mulai: date,
    selesai: date,
    jenis: str = PelatihanTagana.Jenis.PELATIHAN,
    tempat: str = "",
    peserta: list[AnggotaTagana] = (),
) -> PelatihanTagana:
    access.pastikan(pengguna, "tagana_kelola")
    m, s = tanggal(mulai, "mulai"), tanggal(selesai, "selesai")
    if s < m:
        raise IsianDitolak("selesai", "tidak boleh sebelum tanggal mulai")
    if jenis not in PelatihanTagana.Jenis.values:
        raise IsianDitolak("jenis", "jenis pelatihan tidak dikenal")
    p = PelatihanTagana.objects.create(
        nama=teks(nama, "nama", 200, wajib=True),
        jenis=jenis,
        mulai=m,
        selesai=s,
        tempat=teks(tempat, "tempat", 200),
    )
    for a in peserta:
        if a.tanggal_bergabung > s:
            raise IsianDitolak("peserta", f"anggota #{a.pk} bergabung setelah pelatihan selesai")
    PesertaPelatihan.objects.bulk_create(
        [PesertaPelatihan(pelatihan=p, anggota=a) for a in dict.fromkeys(peserta)]
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.PelatihanTagana",
        objek_id=p.pk,
        sesudah={"nama": p.nama, "mulai": str(m), "selesai": str(s), "peserta": len(peserta)},
    )
    return p


@transaction.atomic
def ksb_catat(
    *, pengguna: Pengguna, desa_kode: str, tanggal_dibentuk: date, nomor_sk: str = "", keterangan: str = ""
) -> KampungSiagaBencana:
    kode = _desa(desa_kode, "desa_kode")
    access.pastikan(pengguna, "catat", kode)
    if KampungSiagaBencana.objects.filter(desa_kode=kode).exists():
        raise IsianDitolak("desa_kode", "desa ini sudah tercatat sebagai Kampung Siaga Bencana")
    ksb = KampungSiagaBencana.objects.create(
        desa_kode=kode,
        tanggal_dibentuk=tanggal(tanggal_dibentuk, "tanggal_dibentuk"),
        nomor_sk=teks(nomor_sk, "nomor_sk", 100),
        keterangan=teks(keterangan, "keterangan", 255),
    )
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.KampungSiagaBencana",
        objek_id=ksb.pk,
        sesudah={"desa_kode": kode, "tanggal_dibentuk": str(ksb.tanggal_dibentuk), "nomor_sk": ksb.nomor_sk},
    )
    return ksb


@transaction.atomic
def dapur_umum_catat(
    *,
    pengguna: Pengguna,
    tanggal_latihan: date,
    desa_kode: str,
    uraian: str,
    jumlah_peserta: object = 0,
    porsi: object = 0,
    peralatan: list[tuple[str, object, str]] = (),
) -> LatihanDapurUmum:
    """A field-kitchen drill with the equipment it used: (name, number, condition)."""
    kode = _desa(desa_kode, "desa_kode")
    access.pastikan(pengguna, "catat", kode)
    lat = LatihanDapurUmum.objects.create(
        tanggal=tanggal(tanggal_latihan, "tanggal"),
        desa_kode=kode,
        uraian=teks(uraian, "uraian", 200, wajib=True),
        jumlah_peserta=bulat(jumlah_peserta, "jumlah_peserta", maksimum=MAKS_JIWA),
        porsi=bulat(porsi, "porsi", maksimum=MAKS_JIWA),
    )
    alat = []
    for i, (nama, jumlah, kondisi) in enumerate(peralatan, start=1):
        if kondisi not in PeralatanDapurUmum.Kondisi.values:
            raise IsianDitolak(f"peralatan baris {i} kondisi", "kondisi tidak dikenal")
        alat.append(
            PeralatanDapurUmum(
                latihan=lat,
                nama=teks(nama, f"peralatan baris {i} nama", 120, wajib=True),
                jumlah=bulat(jumlah, f"peralatan baris {i} jumlah", minimum=1, maksimum=MAKS_JIWA),
                kondisi=kondisi,
            )
        )
    PeralatanDapurUmum.objects.bulk_create(alat)
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.BUAT,
        objek="bencana.LatihanDapurUmum",
        objek_id=lat.pk,
        sesudah={"tanggal": str(lat.tanggal), "desa_kode": kode, "peralatan": len(alat)},
    )
    return lat


# ---- the Renstra indicators fed from the records --------------------------------------------


@transaction.atomic
def tautan_renstra_simpan(*, pengguna: Pengguna, indikator, ukuran: str) -> TautanRenstra:
    access.pastikan(pengguna, "renstra")
    if ukuran not in UkuranRenstra.values:
        raise IsianDitolak("ukuran", "ukuran tidak dikenal")
    t, _ = TautanRenstra.objects.update_or_create(indikator=indikator, defaults={"ukuran": ukuran})
    audit_catat(
        pengguna=pengguna,
        aksi=AuditLog.Aksi.UBAH,
        objek="bencana.TautanRenstra",
        objek_id=t.pk,
        sesudah={"indikator": indikator.pk, "ukuran": ukuran},
    )
    return t


SUMBER_CAPAIAN = "kesos: dihitung dari catatan bencana"


@transaction.atomic
def capaian_renstra_perbarui(*, pengguna: Pengguna, tahun: int) -> list[tuple[TautanRenstra, Decimal | None]]:
    """Write the year's realisation of every linked Renstra indicator into ``CapaianTahunan``
    (which T-C.29 and E.81 read). A figure a document stated (another ``sumber``) is left alone."""
    from kesos.monev.models import CapaianTahunan

    from . import queries

    access.pastikan(pengguna, "renstra")
    tahun = bulat(tahun, "tahun", minimum=2000, maksimum=2100)
    hasil = []
    for t in TautanRenstra.objects.select_related("indikator"):
        nilai = queries.nilai_ukuran_renstra(t.ukuran, tahun)
        c = CapaianTahunan.objects.filter(indikator=t.indikator, tahun=tahun, sampai_dengan=False).first()
        if c is not None and c.realisasi is not None and c.sumber != SUMBER_CAPAIAN:
            hasil.append((t, None))
            continue
        if c is None:
            c = CapaianTahunan(indikator=t.indikator, tahun=tahun, sampai_dengan=False)
        sebelum = str(c.realisasi) if c.realisasi is not None else None
        c.realisasi = nilai
        c.sumber = SUMBER_CAPAIAN
        c.save()
        audit_catat(
            pengguna=pengguna,
            aksi=AuditLog.Aksi.UBAH,
            objek="monev.CapaianTahunan",
            objek_id=c.pk,
            sebelum={"realisasi": sebelum},
            sesudah={"realisasi": str(nilai) if nilai is not None else None, "ukuran": t.ukuran},
            keterangan=f"realisasi {tahun} dari catatan bencana",
        )
        hasil.append((t, nilai))
    return hasil
