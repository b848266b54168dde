"""Import persons from CSV or XLSX, with full validation and a per-row report.

Columns: nik, no_kk, nama, jenis_kelamin (L/P), tanggal_lahir, alamat, kecamatan, desa,
hubungan_keluarga, kategori (names or codes of PMKS/PSKS categories, several separated by
';'). All or nothing unless ``simpan_yang_sah``; importing the same file again updates.
"""

import difflib
import gc
import itertools
import multiprocessing
import os
import re
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import orjson
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.akun.access import kode_dalam
from kesos.akun.models import AuditLog
from kesos.inti.ekspor import penulis_csv
from kesos.inti.errors import ImportDitolak, KesosError, Masalah
from kesos.inti.formats import parse_tanggal
from kesos.inti.tabel import Kolom, Tabel, baca_tabel, normal, teks_sel
from kesos.inti.validasi import karakter_kendali
from kesos.wilayah.models import Tingkat, Wilayah

from . import massal
from .access import ORANG
from .models import Keluarga, Klasifikasi, Orang, RiwayatKK, Status
from .nik import periksa_kk, periksa_nik
from .services import KEPALA_KELUARGA, OBJEK_ORANG, kategori_aktif, sinkron_klasifikasi, snapshot_orang

KOLOM = (
    "nik",
    "no_kk",
    "nama",
    "jenis_kelamin",
    "tanggal_lahir",
    "alamat",
    "kecamatan",
    "desa",
    "hubungan_keluarga",
    "kategori",
)
WAJIB = ("nik", "nama", "jenis_kelamin", "tanggal_lahir", "kecamatan", "desa")
SINONIM = {
    "nik": ("no nik", "nomor nik", "nomor induk kependudukan", "nik ktp"),
    "no_kk": ("no kk", "nomor kk", "no kartu keluarga", "nomor kartu keluarga", "kk"),
    "nama": ("nama lengkap",),
    "jenis_kelamin": ("jk", "l p", "kelamin"),
    "tanggal_lahir": ("tgl lahir", "tanggal lahir dd mm yyyy"),
    "kecamatan": ("nama kecamatan",),
    "desa": ("desa kelurahan", "pekon", "kelurahan", "nama desa", "desa pekon", "pekon kelurahan"),
    "hubungan_keluarga": ("hubungan dalam keluarga", "shdk", "status hubungan", "hubungan"),
    "kategori": ("kategori pmks", "kategori psks", "jenis pmks"),
}
KEPALA = KEPALA_KELUARGA
# Lengths of the person's text columns (the model's), checked per row: SQLite would store a
# longer text and PostgreSQL would refuse the whole chunk with a database error.
KETERANGAN_IMPOR = "impor"
KETERANGAN_IMPOR_SISTEM = "impor [sistem]"  # by a command run without --pengguna
PANJANG = {"nama": 120, "alamat": 255, "hubungan_keluarga": 40}


def _tolak(nomor: int, kolom: str, pesan: str) -> Masalah:
    return Masalah(nomor, kolom, pesan, tingkat="ditolak")


def _peringatan(nomor: int, kolom: str, pesan: str) -> Masalah:
    return Masalah(nomor, kolom, pesan, tingkat="peringatan")


@dataclass
class HasilImportOrang:
    dibaca: int = 0
    dibuat: int = 0
    diperbarui: int = 0
    ditolak: int = 0
    disimpan: bool = False
    catatan: list[Masalah] = field(default_factory=list)

    def tulis_laporan(self, tujuan: str | Path) -> None:
        with open(tujuan, "w", encoding="utf-8", newline="") as f:
            w = penulis_csv(f)
            w.writerow(["baris", "kolom", "tingkat", "pesan", "isian"])
            for c in self.catatan:
                w.writerow([c.baris, c.kolom, c.tingkat, c.pesan, c.nilai])


def _normal(teks: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (teks or "").lower())


class PencariWilayah:
    """Finds a kecamatan by name or code within the regency, and a desa within its kecamatan,
    tolerating case, spacing and small typos; an ambiguous or unknown name is not guessed."""

    def __init__(self) -> None:
        self.kecamatan: dict[str, list[Wilayah]] = {}
        self.desa: dict[str, dict[str, list[Wilayah]]] = {}
        self._sudah: dict[tuple[str, str], tuple[Wilayah | None, str | None, str | None]] = {}
        for w in Wilayah.objects.filter(tingkat__in=[Tingkat.KECAMATAN, Tingkat.DESA, Tingkat.KELURAHAN]):
            if w.tingkat == Tingkat.KECAMATAN:
                self.kecamatan.setdefault(_normal(w.nama), []).append(w)
                self.kecamatan.setdefault(_normal(w.kode), []).append(w)
            else:
                induk = w.kode.rsplit(".", 1)[0]
                self.desa.setdefault(induk, {}).setdefault(_normal(w.nama), []).append(w)
                self.desa[induk].setdefault(_normal(w.kode), []).append(w)

    @staticmethod
    def _cari(indeks: dict[str, list[Wilayah]], nama: str, jenis: str) -> tuple[Wilayah | None, str | None]:
        kunci = _normal(nama)
        kandidat = indeks.get(kunci)
        if kandidat is None:
            mirip = difflib.get_close_matches(kunci, list(indeks), n=2, cutoff=0.85)
            if len(mirip) == 1:
                kandidat = indeks[mirip[0]]
            elif len(mirip) > 1:
                pilihan = ", ".join(sorted({w.nama for m in mirip for w in indeks[m]}))
                return None, _(
                    "%(jenis)s '%(nama)s' mirip beberapa nama (%(pilihan)s); tulis dengan tepat"
                ) % {
                    "jenis": jenis,
                    "nama": nama,
                    "pilihan": pilihan,
                }
        if not kandidat:
            return None, _("%(jenis)s '%(nama)s' tidak ditemukan") % {"jenis": jenis, "nama": nama}
        if len({w.kode for w in kandidat}) > 1:
            return None, _("%(jenis)s '%(nama)s' lebih dari satu; pakai kode wilayahnya") % {
                "jenis": jenis,
                "nama": nama,
            }
        return kandidat[0], None

    def cari(self, kecamatan: str, desa: str) -> tuple[Wilayah | None, str | None, str | None]:
        """(desa, column, message)."""
        # A file names the same few hundred desa over and over: match each spelling once.
        kunci = (kecamatan, desa)
        if kunci not in self._sudah:
            self._sudah[kunci] = self._cari_pasangan(kecamatan, desa)
        return self._sudah[kunci]

    def _cari_pasangan(self, kecamatan: str, desa: str) -> tuple[Wilayah | None, str | None, str | None]:
        kec, pesan = self._cari(self.kecamatan, kecamatan, _("kecamatan"))
        if kec is None:
            return None, "kecamatan", pesan
        d, pesan = self._cari(
            self.desa.get(kec.kode, {}), desa, _("desa di kecamatan %(kecamatan)s") % {"kecamatan": kec.nama}
        )
        return (d, None, None) if d else (None, "desa", pesan)


def kolom_tabel(peta_kolom: dict[str, str] | None = None) -> list[Kolom]:
    """The columns a registry file may have, by the names offices give them; ``peta_kolom``
    adds a file's own names (``--map "NIK KTP=nik"``)."""
    tambahan: dict[str, list[str]] = {}
    for nama, kunci in (peta_kolom or {}).items():
        tambahan.setdefault(kunci.strip().lower(), []).append(normal(nama))
    return [
        Kolom(k, k, (normal(k), *SINONIM.get(k, ()), *tambahan.get(k, ())), wajib=k in WAJIB, persis=True)
        for k in KOLOM
    ]


Periksaan = tuple[str, dict | None, list[Masalah], list[Masalah]]


class PemeriksaBaris:
    """The checks of one row that need nothing but the row and the reference tables."""

    def __init__(self, posisi: dict[str, int], pada: date, lingkup: set[str] | None = None) -> None:
        self.lingkup = lingkup  # desa codes the user may write, None for every desa
        self.posisi = posisi
        self.lebar = max(posisi.values()) + 1
        self.pada = pada
        self.wilayah = PencariWilayah()
        self.kategori = kategori_aktif()

    def periksa(self, nomor: int, row: Sequence[str]) -> Periksaan:
        """(NIK, data to save or None, refusals, warnings) of one row."""
        if len(row) < self.lebar:
            row = [*row, *[""] * (self.lebar - len(row))]
        nilai = dict.fromkeys(KOLOM, "")
        for k, i in self.posisi.items():
            nilai[k] = row[i].strip()
        tolak: list[Masalah] = []
        peringatan: list[Masalah] = []
        for k in WAJIB:
            if not nilai[k]:
                tolak.append(_tolak(nomor, k, _("wajib diisi")))
        for k, maks in PANJANG.items():
            if len(nilai[k]) > maks:
                tolak.append(
                    _tolak(
                        nomor,
                        k,
                        _("paling banyak %(maks)s karakter (tertulis %(n)s)")
                        % {"maks": maks, "n": len(nilai[k])},
                    )
                )
        if karakter_kendali("\n".join(nilai.values())):
            for k, teks in nilai.items():
                if karakter_kendali(teks):
                    tolak.append(_tolak(nomor, k, _("berisi karakter kendali (mis. NUL)")))
        jk = nilai["jenis_kelamin"].upper()[:1]
        if nilai["jenis_kelamin"] and jk not in ("L", "P"):
            tolak.append(
                _tolak(
                    nomor,
                    "jenis_kelamin",
                    _("'%(nilai)s' bukan L atau P") % {"nilai": nilai["jenis_kelamin"]},
                )
            )
        lahir = None
        if nilai["tanggal_lahir"]:
            try:
                lahir = parse_tanggal(nilai["tanggal_lahir"])
            except ValueError as e:
                tolak.append(_tolak(nomor, "tanggal_lahir", str(e)))
        nik = nilai["nik"]
        if nik:
            cek = periksa_nik(nik, jenis_kelamin=jk if jk in ("L", "P") else None, tanggal_lahir=lahir)
            if cek.galat:
                tolak += [_tolak(nomor, "nik", p) for p in cek.galat]
            if cek.peringatan:
                peringatan = [_peringatan(nomor, "nik", p) for p in cek.peringatan]
        no_kk = nilai["no_kk"]
        if no_kk and (galat_kk := periksa_kk(no_kk)):
            tolak += [_tolak(nomor, "no_kk", p) for p in galat_kk]
        desa = None
        if nilai["kecamatan"] and nilai["desa"]:
            desa, kolom, pesan = self.wilayah.cari(nilai["kecamatan"], nilai["desa"])
            if desa is None:
                tolak.append(_tolak(nomor, kolom, pesan))
            elif self.lingkup is not None and desa.kode not in self.lingkup:
                tolak.append(
                    _tolak(nomor, "desa", _("desa %(desa)s di luar wilayah Anda") % {"desa": desa.nama})
                )
        kat: list[int] = []
        for teks in (
            filter(None, (t.strip() for t in nilai["kategori"].split(";"))) if nilai["kategori"] else ()
        ):
            k = self.kategori.get(teks.lower())
            if k is None:
                tolak.append(
                    _tolak(nomor, "kategori", _("kategori '%(kategori)s' tidak dikenal") % {"kategori": teks})
                )
            elif lahir and jk in ("L", "P"):
                langgar = k.langgar(tanggal_lahir=lahir, jenis_kelamin=jk, pada=self.pada)
                if langgar:
                    tolak.append(_tolak(nomor, "kategori", langgar))
                kat.append(k.id)
        if tolak:
            return nik, None, tolak, peringatan
        data = {
            "nomor": nomor,
            "nik": nik,
            "no_kk": no_kk,
            "nama": nilai["nama"],
            "jenis_kelamin": jk,
            "tanggal_lahir": lahir,
            "alamat": nilai["alamat"],
            "desa_kode": desa.kode,
            "hubungan_keluarga": nilai["hubungan_keluarga"],
            "kategori": kat,
        }
        return nik, data, tolak, peringatan


def registri_import(
    *,
    berkas: str | Path | bytes,
    nama_berkas: str = "",
    peta_kolom: dict[str, str] | None = None,
    simpan_yang_sah: bool = False,
    pengguna: AbstractBaseUser,
    kemajuan: Callable[[int], None] | None = None,
    pada: date | None = None,
    proses: int | None = None,
) -> HasilImportOrang:
    """Check every row and save the valid ones; by default nothing is saved when any row is
    refused. ``proses``: 1 to check the rows in a worker process while this one saves, 0 to
    do both here (default: ``proses_bawaan``). An operator imports persons of their own area
    only: a row of another desa, or a NIK on record in another area, is refused."""
    ORANG.pastikan(pengguna, "impor")
    lingkup = set(kode_dalam(pengguna.wilayah_kode)) if pengguna.wilayah_kode else None
    pada = pada or timezone.localdate()
    proses = proses_bawaan(berkas) if proses is None else proses
    user_id = pengguna.pk if pengguna is not None and pengguna.is_authenticated else None
    hasil = HasilImportOrang()
    if not nama_berkas and isinstance(berkas, str | Path):
        nama_berkas = str(berkas)
    try:
        tabel = baca_tabel(berkas, kolom=kolom_tabel(peta_kolom), nama=nama_berkas)
    except ImportDitolak as e:
        return _ditolak_seluruhnya(hasil, e)
    posisi = {k: tabel.kolom[k][0] for k in KOLOM if k in tabel.kolom}

    # Chunks are written as they are checked, inside one transaction that is rolled back at
    # the end when the file is refused as a whole.
    try:
        penyusun = Penyusun(PemeriksaBaris(posisi, pada, lingkup), user_id, pada)
        with (
            massal.tanpa_gc(),
            massal.cache_besar(),
            transaction.atomic(),
            massal.kunci_asing_segera(
                (Orang, Keluarga, RiwayatKK, Klasifikasi, AuditLog), kecuali=(Keluarga, Orang)
            ),
            _pemeriksaan(penyusun, tabel, proses) as susun,
        ):
            # The worker (if any) is checking rows already; it gets the ids when they are known.
            rencana = _rencana(tabel, posisi, lingkup)
            penyimpan = _Penyimpan(rencana, hasil, user_id, pada)
            for kelompok in susun(rencana):
                if kemajuan:
                    kemajuan(kelompok.dibaca)
                hasil.dibaca += kelompok.dibaca
                hasil.ditolak += kelompok.ditolak
                hasil.catatan += kelompok.catatan
                if simpan_yang_sah or not hasil.ditolak:
                    penyimpan.tulis(kelompok)
            if hasil.ditolak and not simpan_yang_sah:
                raise _Batal
            penyimpan.selesai()
    except _Batal:
        hasil.dibuat = hasil.diperbarui = 0
    except ImportDitolak as e:  # the file itself could not be read to its end
        return _ditolak_seluruhnya(hasil, e)
    else:
        hasil.disimpan = True
    hasil.catatan.sort(key=lambda c: (c.baris, c.kolom))
    if hasil.dibuat + hasil.diperbarui >= 10_000:
        # Fresh statistics after a bulk load, or the planner misjudges the tables' sizes.
        with connection.cursor() as c:
            for model in (Orang, Klasifikasi, Keluarga):
                c.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return hasil


def _ditolak_seluruhnya(hasil: HasilImportOrang, e: ImportDitolak) -> HasilImportOrang:
    hasil.catatan = list(e.masalah)
    hasil.ditolak = max(hasil.ditolak, 1)
    hasil.dibuat = hasil.diperbarui = 0
    hasil.disimpan = False
    return hasil


def baris_teks(tabel: Tabel) -> Iterator[tuple[int, Sequence[str]]]:
    """Data rows as text: a CSV's cells as they are, a workbook's values written as text."""
    if tabel.teks_saja:
        return tabel.baris()  # a BarisTabel is already (number, cells)
    return ((b.nomor, tuple(teks_sel(v) for v in b.nilai)) for b in tabel.baris())


def proses_bawaan(berkas: str | Path | bytes) -> int:
    """1 (check in a worker process) on a machine with two cores or more, once the file is large
    enough (about 10.000 rows) for forking to pay; 0 otherwise, or where fork is missing."""
    ukuran = len(berkas) if isinstance(berkas, bytes) else Path(berkas).stat().st_size
    if ukuran < 1_000_000 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return 1 if (os.cpu_count() or 1) >= 2 else 0


class _Batal(Exception):
    """Raised inside the import's transaction to roll back what was saved of a refused file."""


def _kepala_keluarga(hubungan: str) -> bool:
    return hubungan.strip().lower() in KEPALA


@dataclass
class Rencana:
    """What is decided before any row is checked: the ids of persons and households on record,
    ids reserved for the new ones (so that rows can be written without looking anything up,
    and a household can name a head whose row comes later), and the heads the file names."""

    sudah: dict[str, int]  # NIK -> id of the person on record
    id_orang: dict[str, int]  # NIK -> id, on record or reserved
    keluarga: dict[str, int]  # KK number -> household id, on record or reserved
    kk_lama: set[str]  # KK numbers of households on record
    kepala: dict[str, str]  # KK number -> NIK of the first row that calls itself the head
    luar_wilayah: set[str] = field(default_factory=set)  # NIKs on record outside the user's area
    kepala_baris: dict[str, int] = field(default_factory=dict)  # KK number -> that row's number
    kepala_lama: dict[str, str] = field(default_factory=dict)  # KK on record -> its head's NIK


def _rencana(tabel: Tabel, posisi: dict[str, int], lingkup: set[str] | None = None) -> Rencana:
    """One quick pass over the file for its numbers (only digits: anything else will be
    refused by the checks), then one join each to find those on record."""
    nik: dict[str, None] = {}  # in the order of the file: ids follow it, so inserts append
    kk: dict[str, None] = {}
    kepala: dict[str, str] = {}
    kepala_baris: dict[str, int] = {}
    i_nik, i_kk, i_hub = posisi["nik"], posisi.get("no_kk"), posisi.get("hubungan_keluarga")
    for nomor, row in baris_teks(tabel):
        n = row[i_nik].strip() if i_nik < len(row) else ""
        if not n.isdigit():
            continue
        nik[n] = None
        k = row[i_kk].strip() if i_kk is not None and i_kk < len(row) else ""
        if k.isdigit():
            kk[k] = None
            if i_hub is not None and i_hub < len(row) and _kepala_keluarga(row[i_hub]) and k not in kepala:
                kepala[k], kepala_baris[k] = n, nomor
    massal.kunci_tabel(Orang, Keluarga)
    sudah = massal.id_menurut_nomor(Orang, "nik", nik)
    baru = [n for n in nik if n not in sudah]
    keluarga = massal.id_menurut_nomor(Keluarga, "no_kk", kk)
    kk_lama = set(keluarga)
    kk_baru = [k for k in kk if k not in kk_lama]
    keluarga.update(zip(kk_baru, massal.id_baru(Keluarga, len(kk_baru)), strict=True))
    id_orang = dict(zip(baru, massal.id_baru(Orang, len(baru)), strict=True)) | sudah
    luar = set()
    if lingkup is not None and sudah:
        luar = {
            n
            for n, desa in Orang.data_pribadi.filter(id__in=sudah.values()).values_list("nik", "desa_kode")
            if desa not in lingkup
        }
    # One KK has one head: the heads of households on record, to refuse a second one.
    kepala_lama: dict[str, str] = {}
    id_lama = [keluarga[k] for k in kk_lama]
    for i in range(0, len(id_lama), 5000):
        kepala_lama.update(
            Keluarga.data_pribadi.filter(id__in=id_lama[i : i + 5000], kepala__isnull=False).values_list(
                "no_kk", "kepala__nik"
            )
        )
    return Rencana(sudah, id_orang, keluarga, kk_lama, kepala, luar, kepala_baris, kepala_lama)


@dataclass
class Kelompok:
    """A chunk of checked rows, as the checker hands it to the writer: report lines, and the
    rows to insert in each table, ready to write."""

    dibaca: int = 0
    ditolak: int = 0
    catatan: list[Masalah] = field(default_factory=list)
    # Rows per table; for PostgreSQL turned into COPY text by the checker (see Penyusun.susun).
    keluarga: list[tuple] | str = field(default_factory=list)
    riwayat: list[tuple] | str = field(default_factory=list)
    orang: list[tuple] | str = field(default_factory=list)
    audit: list[tuple] | str = field(default_factory=list)
    klasifikasi: list[tuple] | str = field(default_factory=list)
    dibuat: int = 0  # new persons
    kk_baru: list[str] = field(default_factory=list)  # KK numbers of the new households
    ubah: list[dict] = field(default_factory=list)  # rows of persons on record
    kepala: list[tuple[str, str]] = field(default_factory=list)  # (KK, NIK) of accepted heads


UKURAN_KELOMPOK = 5000
KOLOM_DATA = ("nama", "jenis_kelamin", "tanggal_lahir", "alamat", "desa_kode", "hubungan_keluarga")
KOLOM_KELUARGA = ("id", "no_kk", "desa_kode", "kepala_id", "versi")
KOLOM_RIWAYAT = ("keluarga_id", "no_kk", "kepala_nik", "berlaku_sejak", "keterangan")
KOLOM_ORANG = ("id", "nik", *KOLOM_DATA, "keluarga_id", "status", "versi")
KOLOM_AUDIT = ("waktu", "pengguna_id", "aksi", "objek", "objek_id", "keterangan", "sebelum", "sesudah")
KOLOM_KLASIFIKASI = ("orang_id", "kategori_id", "tanggal", "bukti", "oleh_id", "desa_kode", "hidup")


class Penyusun:
    """Checks the rows of a file in order and turns the valid ones into table rows. Needs no
    database, so it can run in a worker process; it also finds the same NIK twice. Checking
    needs nothing else; turning rows into table rows needs the ids (``rencana``)."""

    def __init__(self, pemeriksa: PemeriksaBaris, user_id: int | None, pada: date) -> None:
        self.pemeriksa = pemeriksa
        self.rencana: Rencana | None = None
        self.user_id = user_id
        self.keterangan = KETERANGAN_IMPOR if user_id is not None else KETERANGAN_IMPOR_SISTEM
        self.pada = pada
        self.nik_dilihat: dict[str, int] = {}
        self.kk_dibuat: set[str] = set()
        self.teks_copy = connection.vendor == "postgresql"

    def periksa(self, rows: Iterable[tuple[int, Sequence[str]]]) -> Iterator[list[tuple[int, Periksaan]]]:
        """The checked non-blank rows (numbered as in the file), a chunk at a time."""
        it = iter(rows)
        while potongan := list(itertools.islice(it, UKURAN_KELOMPOK)):
            yield [
                (nomor, self.pemeriksa.periksa(nomor, row))
                for nomor, row in potongan
                if any(map(str.strip, row))
            ]

    def susun(self, diperiksa: list[tuple[int, Periksaan]]) -> Kelompok:
        """One chunk of checked rows as rows of the tables."""
        k = Kelompok()
        sekarang = timezone.now()
        if self.teks_copy:
            sekarang = str(sekarang)  # once, not for every audit row
        for nomor, periksaan in diperiksa:
            self._baris(k, nomor, periksaan, sekarang)
        k.dibuat = len(k.orang)
        k.kk_baru = [row[1] for row in k.keluarga]
        if self.teks_copy:
            # The importing process then only passes text on: its time goes to waiting for
            # the database server, which is the slowest part on PostgreSQL.
            for nama in ("keluarga", "riwayat", "orang", "audit", "klasifikasi"):
                setattr(k, nama, massal.teks_copy(getattr(k, nama)))
        return k

    def _kepala_kedua(self, nomor: int, nik: str, kk: str) -> list[Masalah]:
        """One KK, one head: a second row calling itself head of a KK is refused."""
        rencana = self.rencana
        lama = rencana.kepala_lama.get(kk)
        if lama is not None and lama != nik:
            return [
                _tolak(
                    nomor,
                    "hubungan_keluarga",
                    _(
                        "KK %(kk)s sudah punya kepala keluarga lain; "
                        "ganti kepala keluarga pada data keluarganya"
                    )
                    % {"kk": kk},
                )
            ]
        if lama is None and rencana.kepala.get(kk, nik) != nik:
            return [
                _tolak(
                    nomor,
                    "hubungan_keluarga",
                    _("KK %(kk)s sudah punya kepala keluarga di baris %(baris)s")
                    % {"kk": kk, "baris": rencana.kepala_baris[kk]},
                )
            ]
        return []

    def _baris(self, k: Kelompok, nomor: int, periksaan: Periksaan, sekarang: datetime | str) -> None:
        k.dibaca += 1
        nik, r, tolak, peringatan = periksaan
        k.catatan += peringatan
        if nik:
            if nik in self.nik_dilihat:
                tolak.append(
                    _tolak(
                        nomor, "nik", _("NIK sama dengan baris %(baris)s") % {"baris": self.nik_dilihat[nik]}
                    )
                )
            else:
                self.nik_dilihat[nik] = nomor
            if nik in self.rencana.luar_wilayah:
                tolak.append(_tolak(nomor, "nik", _("NIK ini tercatat di wilayah lain")))
            if r is not None and r["no_kk"] and _kepala_keluarga(r["hubungan_keluarga"]):
                tolak += self._kepala_kedua(nomor, nik, r["no_kk"])
        if tolak:
            k.ditolak += 1
            k.catatan += tolak
            return
        rencana = self.rencana
        kk = r["no_kk"]
        id_keluarga = rencana.keluarga.get(kk) if kk else None
        if kk and kk not in rencana.kk_lama and kk not in self.kk_dibuat:
            self.kk_dibuat.add(kk)
            kepala = rencana.kepala.get(kk, "")
            k.keluarga.append((id_keluarga, kk, r["desa_kode"], rencana.id_orang.get(kepala), 1))
            k.riwayat.append((id_keluarga, kk, kepala, self.pada, "impor"))
        if kk and _kepala_keluarga(r["hubungan_keluarga"]):
            k.kepala.append((kk, nik))
        if nik in rencana.sudah:
            k.ubah.append(r)
            return
        id_orang = rencana.id_orang[nik]
        data = tuple(r[c] for c in KOLOM_DATA)
        k.orang.append((id_orang, nik, *data, id_keluarga, Status.HIDUP.value, 1))
        # orjson writes the date as str() does, at a tenth of the json module's cost.
        sesudah = orjson.dumps(
            {"nik": nik, **{c: r[c] for c in KOLOM_DATA}, "keluarga": id_keluarga}
        ).decode()
        k.audit.append(
            (
                sekarang,
                self.user_id,
                AuditLog.Aksi.BUAT.value,
                OBJEK_ORANG,
                str(id_orang),
                self.keterangan,
                None,
                sesudah,
            )
        )
        for kategori in r["kategori"]:
            k.klasifikasi.append((id_orang, kategori, self.pada, "impor", self.user_id, r["desa_kode"], True))


@contextmanager
def _pemeriksaan(
    penyusun: Penyusun, tabel: Tabel, proses: int
) -> Iterator[Callable[[Rencana], Iterator[Kelompok]]]:
    """A function from the ids (``Rencana``) to the file's chunks, checked and ready to write.
    With ``proses`` 1 a forked worker (which inherits the checker and its tables) starts
    checking at once, receives the ids when the caller has them, and builds the chunks while
    the caller writes the previous ones. The pipe holds a few chunks: a worker that is ahead
    waits."""
    if proses < 1:

        def susun_di_sini(rencana: Rencana) -> Iterator[Kelompok]:
            penyusun.rencana = rencana
            for diperiksa in penyusun.periksa(baris_teks(tabel)):
                yield penyusun.susun(diperiksa)

        yield susun_di_sini
        return
    ctx = multiprocessing.get_context("fork")
    sini, sana = ctx.Pipe()
    pekerja = ctx.Process(target=_pekerja, args=(penyusun, tabel, sana), daemon=True)
    pekerja.start()
    sana.close()

    def susun_di_pekerja(rencana: Rencana) -> Iterator[Kelompok]:
        sini.send(rencana)
        while (pesan := sini.recv()) is not None:
            if isinstance(pesan, ImportDitolak):
                raise ImportDitolak(pesan.masalah)
            if isinstance(pesan, str):
                raise KesosError(_("Pemeriksaan berkas gagal: %(sebab)s") % {"sebab": pesan})
            yield pesan

    try:
        yield susun_di_pekerja
    finally:
        sini.close()
        if pekerja.is_alive():
            pekerja.terminate()
        pekerja.join()


def _pekerja(penyusun: Penyusun, tabel: Tabel, sambungan) -> None:
    gc.disable()  # as in the importing process (massal.tanpa_gc); this process ends with the file
    try:
        diperiksa = penyusun.periksa(baris_teks(tabel))
        dahulu = []  # checked before the ids came
        while not sambungan.poll() and (potongan := next(diperiksa, None)) is not None:
            dahulu.append(potongan)
        penyusun.rencana = sambungan.recv()
        for potongan in itertools.chain(dahulu, diperiksa):
            sambungan.send(penyusun.susun(potongan))
        sambungan.send(None)
    except (BrokenPipeError, EOFError):  # the importing process stopped listening
        pass
    except ImportDitolak as e:  # the rest of the file cannot be read: the file is refused
        sambungan.send(e)
    except Exception:  # noqa: BLE001 -- handed to the importing process, which raises it
        sambungan.send(traceback.format_exc())
    finally:
        sambungan.close()


class _Penyimpan:
    """Writes checked chunks: inserts as they come, persons on record updated where the file
    differs; at the end, the heads of households as the accepted rows name them."""

    def __init__(self, rencana: Rencana, hasil: HasilImportOrang, user_id: int | None, pada: date) -> None:
        self.rencana = rencana
        self.hasil = hasil
        self.user_id = user_id
        self.pada = pada
        self.kepala: dict[str, str] = {}  # KK -> NIK of the last accepted row naming itself head
        self.kk_dibuat: set[str] = set()

    def tulis(self, k: Kelompok) -> None:
        massal.sisip(Keluarga, KOLOM_KELUARGA, k.keluarga)
        massal.sisip(RiwayatKK, KOLOM_RIWAYAT, k.riwayat)
        massal.sisip(Orang, KOLOM_ORANG, k.orang)
        massal.sisip(AuditLog, KOLOM_AUDIT, k.audit)
        massal.sisip(Klasifikasi, KOLOM_KLASIFIKASI, k.klasifikasi)
        if k.ubah:
            self.hasil.diperbarui += _perbarui(k.ubah, self.rencana, self.user_id, self.pada)
        self.hasil.dibuat += k.dibuat
        self.kk_dibuat.update(k.kk_baru)
        self.kepala.update(k.kepala)

    def selesai(self) -> None:
        rencana = self.rencana
        # New households were written with the head the file names; where that row was refused
        # (or a later accepted row names another head), set the head the accepted rows give.
        for kk in self.kk_dibuat:
            kepala = self.kepala.get(kk, "")
            if kepala != rencana.kepala.get(kk, ""):
                Keluarga.data_pribadi.filter(pk=rencana.keluarga[kk]).update(
                    kepala=rencana.id_orang.get(kepala)
                )
                RiwayatKK.objects.filter(keluarga_id=rencana.keluarga[kk]).update(kepala_nik=kepala)
        # Households on record whose head this file names.
        _ganti_kepala(
            [
                (rencana.id_orang[n], rencana.keluarga[kk])
                for kk, n in self.kepala.items()
                if kk in rencana.kk_lama
            ]
        )


def _ganti_kepala(pasangan: list[tuple[int, int]]) -> None:
    """Set the head (person id) of households (id)."""
    if not pasangan:
        return
    tabel = connection.ops.quote_name(Keluarga._meta.db_table)
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(
                f"UPDATE {tabel} SET kepala_id = v.o FROM unnest(%s::bigint[], %s::bigint[]) AS v(o, k) "
                f"WHERE {tabel}.id = v.k",
                [[o for o, _ in pasangan], [k for _, k in pasangan]],
            )
        else:
            c.executemany(f"UPDATE {tabel} SET kepala_id = %s WHERE id = %s", pasangan)


def _perbarui(baris: list[dict], rencana: Rencana, user_id: int | None, pada: date) -> int:
    """Update persons on record where the file differs, each change audited with before and
    after; add the file's classifications they do not have yet. Returns how many changed."""
    sekarang = timezone.now()
    ada = {o.nik: o for o in Orang.data_pribadi.filter(id__in=[rencana.sudah[r["nik"]] for r in baris])}
    ubah, audit = [], []
    for r in baris:
        o = ada[r["nik"]]
        sebelum = snapshot_orang(o)
        for k in KOLOM_DATA:
            setattr(o, k, r[k])
        o.keluarga_id = rencana.keluarga.get(r["no_kk"])
        sesudah = snapshot_orang(o)
        if sesudah != sebelum:
            o.versi += 1
            ubah.append(o)
            audit.append(
                (
                    sekarang,
                    user_id,
                    AuditLog.Aksi.UBAH,
                    OBJEK_ORANG,
                    str(o.pk),
                    KETERANGAN_IMPOR if user_id is not None else KETERANGAN_IMPOR_SISTEM,
                    orjson.dumps(sebelum).decode(),
                    orjson.dumps(sesudah).decode(),
                )
            )
    if ubah:
        Orang.data_pribadi.bulk_update(ubah, [*KOLOM_DATA, "keluarga", "versi"], batch_size=2000)
        sinkron_klasifikasi([o.pk for o in ubah])
    massal.sisip(AuditLog, KOLOM_AUDIT, audit)
    # A person on record may carry the category already: that classification is kept.
    massal.sisip(
        Klasifikasi,
        KOLOM_KLASIFIKASI,
        [
            (
                ada[r["nik"]].pk,
                k,
                pada,
                "impor",
                user_id,
                r["desa_kode"],
                ada[r["nik"]].status == Status.HIDUP,
            )
            for r in baris
            for k in r["kategori"]
        ],
        abaikan_bentrok=True,
    )
    return len(ubah)
