"""Recipient lists from the centre (PKH, BPNT, PBI …) matched to the registry by NIK, then
by KK: each row is matched, or refused with its reason (unknown NIK, another regency, not
eligible by our rule, dead or moved, twice in the file, outside the user's area); a row of
someone already enrolled is noted, not refused. All or nothing, or keep the valid rows;
either way a per-row report (with the reason our rule refuses a person). Read through the
shared table reader (``inti.tabel``).

Nothing here loops over the registry: the file's numbers are looked up in bulk, the
programme's eligible set is one query, the enrolments one INSERT."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kesos.akun.access import pengguna_db, wilayah_boleh
from kesos.inti.ekspor import penulis_csv
from kesos.inti.errors import KesosError, Masalah
from kesos.inti.tabel import Berkas, Kolom, baca_tabel
from kesos.registri import massal
from kesos.registri.models import Keluarga, Orang, Status
from kesos.registri.nik import periksa_kk, periksa_nik
from kesos.wilayah.models import Tingkat, Wilayah

from . import kelayakan
from .access import pastikan
from .models import STATUS_PENOLAKAN, Kepesertaan, Periode, Satuan, StatusKepesertaan
from .services import OBJEK_KEPESERTAAN, _audit_massal

KOLOM = (
    Kolom("nik", "NIK", ("nik", "nomor induk kependudukan", "no ktp", "nomor ktp")),
    Kolom("no_kk", "No. KK", ("no kk", "nomor kk", "kk", "kartu keluarga"), wajib=False, bukan=("nama",)),
    Kolom(
        "nama",
        "Nama",
        ("nama", "nama penerima", "nama kpm"),
        wajib=False,
        bukan=("ibu", "kk", "keluarga", "desa"),
    ),
)

COCOK = "cocok"
SUDAH = "sudah_terdaftar"
# Outcomes in the office's language; a report gives them in the user's (translated at use).
HASIL = {
    COCOK: gettext_noop("cocok, didaftarkan"),
    SUDAH: gettext_noop("sudah terdaftar pada periode ini"),
    "nik_salah": gettext_noop("NIK tidak sah"),
    "nik_tidak_dikenal": gettext_noop("NIK tidak dikenal di registri"),
    "luar_kabupaten": gettext_noop("NIK terdaftar di kabupaten/kota lain"),
    "tidak_layak": gettext_noop("tidak layak menurut aturan program"),
    "meninggal": gettext_noop("tercatat meninggal"),
    "pindah": gettext_noop("tercatat pindah"),
    "ganda": gettext_noop("muncul lebih dari sekali dalam berkas"),
    "luar_wilayah": gettext_noop("di luar wilayah pengguna"),
    "tanpa_keluarga": gettext_noop("orang tanpa keluarga tercatat"),
}
DITERIMA = (COCOK, SUDAH)


@dataclass
class BarisLaporan:
    baris: int
    nik: str
    no_kk: str
    hasil: str
    pesan: str


@dataclass
class HasilImpor:
    dibaca: int = 0
    didaftarkan: int = 0
    disimpan: bool = False
    laporan: list[BarisLaporan] = field(default_factory=list)

    @property
    def rekap(self) -> Counter:
        return Counter(b.hasil for b in self.laporan)

    @property
    def ditolak(self) -> int:
        return sum(1 for b in self.laporan if b.hasil not in DITERIMA)

    @property
    def masalah(self) -> list[Masalah]:
        return [Masalah(b.baris, "nik", b.pesan, b.nik) for b in self.laporan if b.hasil not in DITERIMA]

    def tulis_laporan(self, tujuan: str | Path) -> None:
        with open(tujuan, "w", encoding="utf-8", newline="") as f:
            w = penulis_csv(f)
            w.writerow(["baris", "nik", "no_kk", "hasil", "pesan"])
            w.writerows([b.baris, b.nik, b.no_kk, b.hasil, b.pesan] for b in self.laporan)


def _cari(model, kolom: str, nomor: Iterable[str], pilih: tuple[str, ...]) -> dict[str, tuple]:
    """Rows whose ``kolom`` is one of ``nomor`` (digits only), as number -> values of ``pilih``:
    one array parameter on PostgreSQL, chunks on SQLite."""
    nomor = list(dict.fromkeys(nomor))
    if not nomor:
        return {}
    qn = connection.ops.quote_name
    tabel = qn(model._meta.db_table)
    kolom_sql = ", ".join(qn(k) for k in (kolom, *pilih))
    hasil: dict[str, tuple] = {}
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(f"SELECT {kolom_sql} FROM {tabel} WHERE {qn(kolom)} = ANY(%s)", [nomor])
            hasil.update((r[0], r[1:]) for r in c.fetchall())
        else:
            for i in range(0, len(nomor), 900):
                bagian = nomor[i : i + 900]
                tanda = ", ".join(["%s"] * len(bagian))
                c.execute(f"SELECT {kolom_sql} FROM {tabel} WHERE {qn(kolom)} IN ({tanda})", bagian)
                hasil.update((r[0], r[1:]) for r in c.fetchall())
    return hasil


def _kabupaten() -> set[str]:
    return {
        k.replace(".", "")
        for k in Wilayah.objects.filter(tingkat=Tingkat.KABUPATEN).values_list("kode", flat=True)
    }


def daftar_impor(
    *,
    berkas: Berkas,
    periode: Periode,
    nama_berkas: str = "",
    simpan_yang_sah: bool = False,
    pengguna: AbstractBaseUser | None = None,
) -> HasilImpor:
    """Match a recipient list and enrol its valid rows (all or nothing unless
    ``simpan_yang_sah``). Refused rows, those our rule does not admit among them, are kept in
    the per-row report with their reason, as the registry import keeps its refusals; writing
    each as a refused enrolment cost as much as the enrolments themselves."""
    pastikan(pengguna, "impor")
    program = periode.program
    if program.satuan == Satuan.KELOMPOK:
        raise KesosError(_("Daftar penerima program kelompok tidak diimpor; daftarkan kelompoknya."))
    if not program.aktif:
        raise KesosError(_("Program %(kode)s tidak aktif.") % {"kode": program.kode})
    tabel = baca_tabel(berkas, kolom=KOLOM, nama=nama_berkas)
    rows = [(b.nomor, tabel.teks(b, "nik"), tabel.teks(b, "no_kk")) for b in tabel.baris()]
    hasil = HasilImpor(dibaca=len(rows))
    per_keluarga = program.satuan == Satuan.KELUARGA

    orang = _cari(
        Orang,
        "nik",
        (n for _, n, _ in rows if n.isascii() and n.isdigit()),
        ("id", "desa_kode", "status", "keluarga_id"),
    )
    kk_dicari = (k for _, n, k in rows if k.isascii() and k.isdigit() and n not in orang)
    keluarga = _cari(Keluarga, "no_kk", kk_dicari, ("id", "desa_kode"))
    kabupaten = _kabupaten()
    layak = set(kelayakan.layak(program, periode).values_list("pk", flat=True))
    kolom_penerima = "keluarga_id" if per_keluarga else "orang_id"
    sudah = set(
        Kepesertaan.objects.filter(periode=periode)
        .exclude(status__in=STATUS_PENOLAKAN)
        .values_list(kolom_penerima, flat=True)
    )
    keluarga_desa = {}
    dilihat: dict[int, int] = {}  # recipient id -> row that took it
    cocok: list[tuple[int, str]] = []  # (recipient id, desa)
    tidak_layak: list[tuple[int, int, str]] = []  # (row index in report, person id, desa)

    teks_hasil = {k: _(v) for k, v in HASIL.items()}

    def lapor(nomor, nik, kk, kode, pesan=""):
        hasil.laporan.append(BarisLaporan(nomor, nik, kk, kode, pesan or teks_hasil[kode]))

    for nomor, nik, kk in rows:
        o = orang.get(nik)
        if o is None:
            cek = periksa_nik(nik)
            if cek.galat:
                lapor(
                    nomor,
                    nik,
                    kk,
                    "nik_salah",
                    _("NIK tidak sah: %(galat)s") % {"galat": "; ".join(cek.galat)},
                )
                continue
            k = keluarga.get(kk) if kk and not periksa_kk(kk) else None
            if per_keluarga and k is not None:
                penerima, desa = k[0], k[1]
            elif nik[:4] not in kabupaten:
                lapor(
                    nomor,
                    nik,
                    kk,
                    "luar_kabupaten",
                    _("NIK berkode kabupaten/kota %(kode)s: terdaftar di kabupaten/kota lain")
                    % {"kode": f"{nik[:2]}.{nik[2:4]}"},
                )
                continue
            else:
                petunjuk = (
                    _("; KK %(kk)s cocok dengan keluarga #%(keluarga)s") % {"kk": kk, "keluarga": k[0]}
                    if k is not None
                    else ""
                )
                lapor(nomor, nik, kk, "nik_tidak_dikenal", teks_hasil["nik_tidak_dikenal"] + petunjuk)
                continue
        else:
            orang_id, desa, status, keluarga_id = o
            if status in (Status.MENINGGAL, Status.PINDAH):
                lapor(nomor, nik, kk, status)
                continue
            if status != Status.HIDUP:
                lapor(
                    nomor, nik, kk, "nik_tidak_dikenal", _("catatan orang ini sudah digabung ke catatan lain")
                )
                continue
            if per_keluarga:
                if keluarga_id is None:
                    lapor(nomor, nik, kk, "tanpa_keluarga")
                    continue
                penerima = keluarga_id
                if keluarga_id not in keluarga_desa:
                    keluarga_desa[keluarga_id] = None
            else:
                penerima = orang_id
        if pengguna is not None and not wilayah_boleh(
            pengguna, desa if o is None or not per_keluarga else desa
        ):
            lapor(
                nomor,
                nik,
                kk,
                "luar_wilayah",
                _("desa %(desa)s di luar wilayah %(wilayah)s")
                % {"desa": desa, "wilayah": pengguna.wilayah_kode},
            )
            continue
        if penerima in dilihat:
            lapor(
                nomor,
                nik,
                kk,
                "ganda",
                _("penerima yang sama dengan baris %(baris)s") % {"baris": dilihat[penerima]},
            )
            continue
        dilihat[penerima] = nomor
        if penerima in sudah:
            lapor(nomor, nik, kk, SUDAH)
            continue
        if penerima not in layak:
            lapor(nomor, nik, kk, "tidak_layak")
            if not per_keluarga:
                tidak_layak.append((len(hasil.laporan) - 1, penerima, desa))
            continue
        lapor(nomor, nik, kk, COCOK)
        cocok.append((penerima, desa))

    if per_keluarga and keluarga_desa:
        # A household's recipient desa is the household's own.
        desa_kel = dict(
            Keluarga.data_pribadi.filter(pk__in=list(keluarga_desa)).values_list("pk", "desa_kode")
        )
        cocok = [(k, desa_kel.get(k, d)) for k, d in cocok]
    _isi_alasan(hasil, program, periode, tidak_layak)
    if hasil.ditolak and not simpan_yang_sah:
        return hasil
    with transaction.atomic():
        ids = _sisip(
            periode, kolom_penerima, [(p, d, "") for p, d in cocok], StatusKepesertaan.TERDAFTAR, pengguna
        )
        hasil.didaftarkan = len(ids)
        _audit(pengguna, ids, periode, nama_berkas)
    hasil.disimpan = True
    return hasil


def _isi_alasan(hasil: HasilImpor, program, periode, tidak_layak) -> None:
    """The reason of each person refused as not eligible, from the rule's own expressions."""
    for i in range(0, len(tidak_layak), 10_000):
        bagian = tidak_layak[i : i + 10_000]
        alasan = kelayakan.alasan_tidak_layak(program, periode, [o for _, o, _ in bagian])
        for idx, orang_id, _desa in bagian:
            if alasan.get(orang_id):
                hasil.laporan[idx].pesan = f"{_(HASIL['tidak_layak'])}: {'; '.join(alasan[orang_id])}"


def _sisip(periode, kolom: str, penerima: list[tuple[int, str, str]], status, pengguna) -> list[int]:
    """Insert enrolments, skipping any a concurrent writer made meanwhile; their ids."""
    if not penerima:
        return []
    sekarang = timezone.now()
    user_id = getattr(pengguna_db(pengguna), "pk", None)
    kolom_sql = (
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
    )
    baris = [
        (periode.program_id, periode.pk, p, d, status, alasan, "impor", user_id, sekarang, sekarang, 1)
        for p, d, alasan in penerima
    ]
    qn = connection.ops.quote_name
    tabel = qn(Kepesertaan._meta.db_table)
    daftar = ", ".join(qn(k) for k in kolom_sql)
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(
                f"CREATE TEMPORARY TABLE kesos_impor_peserta AS SELECT {daftar} FROM {tabel} WITH NO DATA"
            )
            with c.cursor.copy(f"COPY kesos_impor_peserta ({daftar}) FROM STDIN") as copy:
                copy.write(massal.teks_copy(baris))  # one string: half the cost of write_row
            c.execute(
                f"INSERT INTO {tabel} ({daftar}) SELECT {daftar} FROM kesos_impor_peserta "
                "ON CONFLICT DO NOTHING RETURNING id"
            )
            ids = [r[0] for r in c.fetchall()]
            c.execute("DROP TABLE kesos_impor_peserta")
            return ids
        ids = []
        tanda = ", ".join(["%s"] * len(kolom_sql))
        sql = f"INSERT INTO {tabel} ({daftar}) VALUES ({tanda}) ON CONFLICT DO NOTHING RETURNING id"
        for r in baris:
            c.execute(sql, r)
            ids += [x[0] for x in c.fetchall()]
        return ids


def _audit(pengguna, ids: list[int], periode: Periode, nama_berkas: str) -> None:
    _audit_massal(
        pengguna,
        OBJEK_KEPESERTAAN,
        ids,
        {"periode": periode.pk, "sumber": "impor", "berkas": nama_berkas[:200]},
        f"impor daftar penerima {periode.program.kode} {periode.nama} {nama_berkas}"[:255],
    )
