"""Import persons from CSV or XLSX, with full validation and a per-row report.

Columns: nik, no_kk, nama, jenis_kelamin (L/P), tanggal_lahir, alamat, kecamatan, desa,
hubungan_keluarga, kategori (names or codes of PMKS/PSKS categories, several separated by
';'). All or nothing unless ``simpan_yang_sah``; importing the same file again updates.
"""

import csv
import difflib
import io
import itertools
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import orjson
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from kesos.akun.models import AuditLog
from kesos.inti.berkas import baris_xlsx
from kesos.wilayah.models import Tingkat, Wilayah

from .models import Keluarga, Klasifikasi, Orang, RiwayatKK, Status
from .nik import periksa_kk, periksa_nik
from .services import OBJEK_ORANG, kategori_aktif, sinkron_klasifikasi, snapshot_orang

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
KEPALA = {"kepala keluarga", "kepala", "kk"}
UKURAN_KELOMPOK = 5000


@dataclass
class CatatanBaris:
    baris: int
    kolom: str
    tingkat: str  # "ditolak" or "peringatan"
    pesan: str


@dataclass
class HasilImportOrang:
    dibaca: int = 0
    dibuat: int = 0
    diperbarui: int = 0
    ditolak: int = 0
    disimpan: bool = False
    catatan: list[CatatanBaris] = field(default_factory=list)

    def tulis_laporan(self, tujuan: str | Path) -> None:
        with open(tujuan, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["baris", "kolom", "tingkat", "pesan"])
            for c in self.catatan:
                w.writerow([c.baris, c.kolom, c.tingkat, c.pesan])


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
                return None, f"{jenis} '{nama}' mirip beberapa nama ({pilihan}); tulis dengan tepat"
        if not kandidat:
            return None, f"{jenis} '{nama}' tidak ditemukan"
        if len({w.kode for w in kandidat}) > 1:
            return None, f"{jenis} '{nama}' lebih dari satu; pakai kode wilayahnya"
        return kandidat[0], None

    def cari(self, kecamatan: str, desa: str) -> tuple[Wilayah | None, str | None, str | None]:
        """(desa, column, message)."""
        # A file names the same few hundred desa over and over: match each spelling once.
        kunci = (kecamatan, desa)
        if kunci not in self._sudah:
            self._sudah[kunci] = self._cari_pasangan(kecamatan, desa)
        return self._sudah[kunci]

    def _cari_pasangan(self, kecamatan: str, desa: str) -> tuple[Wilayah | None, str | None, str | None]:
        kec, pesan = self._cari(self.kecamatan, kecamatan, "kecamatan")
        if kec is None:
            return None, "kecamatan", pesan
        d, pesan = self._cari(self.desa.get(kec.kode, {}), desa, f"desa di kecamatan {kec.nama}")
        return (d, None, None) if d else (None, "desa", pesan)


_TANGGAL_RE = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")


def _tanggal(teks: str) -> date:
    teks = (teks or "").strip()
    m = _TANGGAL_RE.fullmatch(teks)
    if m:  # the common forms without strptime, which costs more than all other checks of a row
        try:
            if m.group(1):
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        except ValueError:
            pass
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(teks, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"tanggal '{teks}' tidak terbaca (pakai DD-MM-YYYY atau YYYY-MM-DD)")


def baca_baris(berkas: str | Path | bytes, nama: str = "") -> tuple[list[str], Iterable[list[str]]]:
    """Header and data rows of a CSV (comma or semicolon) or the first sheet of an XLSX."""
    nama = nama or (str(berkas) if isinstance(berkas, str | Path) else "")
    if nama.lower().endswith(".xlsx"):
        rows = [
            [
                "" if v is None else (v.strftime("%Y-%m-%d") if isinstance(v, datetime | date) else str(v))
                for v in r
            ]
            for r in baris_xlsx(berkas)
        ]
        return (rows[0] if rows else []), rows[1:]
    teks = (
        berkas.decode("utf-8-sig")
        if isinstance(berkas, bytes)
        else Path(berkas).read_text(encoding="utf-8-sig")
    )
    contoh = teks[:4096]
    pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    reader = csv.reader(io.StringIO(teks), delimiter=pemisah)
    kepala = next(reader, [])
    return kepala, reader


Periksaan = tuple[int, str, dict | None, list[CatatanBaris], list[CatatanBaris]]


class PemeriksaBaris:
    """The checks of one row that need nothing but the row: run in worker processes for large
    files. What needs the whole file (the same NIK twice) is checked by the caller."""

    def __init__(self, posisi: dict[str, int], pada: date) -> None:
        self.posisi = posisi
        self.pada = pada
        self.wilayah = PencariWilayah()
        self.kategori = kategori_aktif()

    def periksa_kelompok(self, kelompok: list[tuple[int, list[str]]]) -> list[Periksaan]:
        """(row number, NIK, data to save or None, refusals, warnings) of each non-blank row."""
        return [self.periksa(nomor, row) for nomor, row in kelompok if any(c.strip() for c in row)]

    def periksa(self, nomor: int, row: list[str]) -> Periksaan:
        nilai = {k: (row[i].strip() if i < len(row) else "") for k, i in self.posisi.items()}
        tolak: list[CatatanBaris] = []
        peringatan: list[CatatanBaris] = []
        for k in WAJIB:
            if not nilai.get(k):
                tolak.append(CatatanBaris(nomor, k, "ditolak", "wajib diisi"))
        jk = nilai.get("jenis_kelamin", "").upper()[:1]
        if nilai.get("jenis_kelamin") and jk not in ("L", "P"):
            tolak.append(
                CatatanBaris(nomor, "jenis_kelamin", "ditolak", f"'{nilai['jenis_kelamin']}' bukan L atau P")
            )
        lahir = None
        if nilai.get("tanggal_lahir"):
            try:
                lahir = _tanggal(nilai["tanggal_lahir"])
            except ValueError as e:
                tolak.append(CatatanBaris(nomor, "tanggal_lahir", "ditolak", str(e)))
        nik = nilai.get("nik", "")
        if nik:
            cek = periksa_nik(nik, jenis_kelamin=jk if jk in ("L", "P") else None, tanggal_lahir=lahir)
            tolak += [CatatanBaris(nomor, "nik", "ditolak", p) for p in cek.galat]
            peringatan += [CatatanBaris(nomor, "nik", "peringatan", p) for p in cek.peringatan]
        no_kk = nilai.get("no_kk", "")
        if no_kk:
            tolak += [CatatanBaris(nomor, "no_kk", "ditolak", p) for p in periksa_kk(no_kk)]
        desa = None
        if nilai.get("kecamatan") and nilai.get("desa"):
            desa, kolom, pesan = self.wilayah.cari(nilai["kecamatan"], nilai["desa"])
            if desa is None:
                tolak.append(CatatanBaris(nomor, kolom, "ditolak", pesan))
        kat: list[int] = []
        for teks in filter(None, (t.strip() for t in nilai.get("kategori", "").split(";"))):
            k = self.kategori.get(teks.lower())
            if k is None:
                tolak.append(CatatanBaris(nomor, "kategori", "ditolak", f"kategori '{teks}' tidak dikenal"))
            elif lahir and jk in ("L", "P"):
                langgar = k.langgar(tanggal_lahir=lahir, jenis_kelamin=jk, pada=self.pada)
                if langgar:
                    tolak.append(CatatanBaris(nomor, "kategori", "ditolak", langgar))
                kat.append(k.id)
        if tolak:
            return nomor, nik, None, tolak, peringatan
        data = {
            "nomor": nomor,
            "nik": nik,
            "no_kk": no_kk,
            "nama": nilai["nama"],
            "jenis_kelamin": jk,
            "tanggal_lahir": lahir,
            "alamat": nilai.get("alamat", ""),
            "desa_kode": desa.kode,
            "hubungan_keluarga": nilai.get("hubungan_keluarga", ""),
            "kategori": kat,
        }
        return nomor, nik, data, tolak, peringatan


UKURAN_PERIKSA = 2000
_pemeriksa_proses: PemeriksaBaris | None = None  # the checker a forked worker inherits


def _periksa_di_proses(kelompok: list[tuple[int, list[str]]]) -> list[Periksaan]:
    return _pemeriksa_proses.periksa_kelompok(kelompok)


def _periksa_semua(
    pemeriksa: PemeriksaBaris, rows: Iterable[list[str]], proses: int
) -> Iterator[list[Periksaan]]:
    """The checked rows in file order, a chunk at a time; in ``proses`` worker processes (0: in
    this one). While a worker checks the next chunks, this process saves the last one.
    more than one. Workers are forked so that they inherit the checker (and its look-up
    tables) instead of rebuilding it from the database."""
    kelompok = _kelompokkan(enumerate(rows, start=2), UKURAN_PERIKSA)
    if proses < 1:
        yield from map(pemeriksa.periksa_kelompok, kelompok)
        return
    global _pemeriksa_proses
    _pemeriksa_proses = pemeriksa
    try:
        with multiprocessing.get_context("fork").Pool(proses) as pool:
            yield from pool.imap(_periksa_di_proses, kelompok)
    finally:
        _pemeriksa_proses = None


def _kelompokkan(baris: Iterable, ukuran: int) -> Iterator[list]:
    it = iter(baris)
    while kelompok := list(itertools.islice(it, ukuran)):
        yield kelompok


def proses_bawaan(berkas: str | Path | bytes) -> int:
    """Worker processes for checking a file: one on a machine with two cores or more, once the
    file is large enough (about 10.000 rows) for forking to pay, so that checking and saving
    (with the database server's work) each have a core; none where fork is missing. More
    workers did not help on two cores: they take the cores that saving needs."""
    ukuran = len(berkas) if isinstance(berkas, bytes) else Path(berkas).stat().st_size
    if (
        ukuran < 1_000_000
        or "fork" not in multiprocessing.get_all_start_methods()
        or (os.cpu_count() or 1) < 2
    ):
        return 0
    return 1


def registri_import(
    *,
    berkas: str | Path | bytes,
    nama_berkas: str = "",
    peta_kolom: dict[str, str] | None = None,
    simpan_yang_sah: bool = False,
    pengguna: AbstractBaseUser | None = None,
    kemajuan: Callable[[int], None] | None = None,
    pada: date | None = None,
    proses: int | None = None,
) -> HasilImportOrang:
    """Check every row, then save all valid rows (or, by default, nothing when any row is
    refused). ``proses``: worker processes for the checks, 0 for none (default: ``proses_bawaan``)."""
    pada = pada or timezone.localdate()
    proses = proses_bawaan(berkas) if proses is None else proses
    hasil = HasilImportOrang()
    kepala, rows = baca_baris(berkas, nama_berkas)
    peta = {k.strip().lower(): v.strip().lower() for k, v in (peta_kolom or {}).items()}
    nama_kolom = [peta.get(h.strip().lower(), h.strip().lower()) for h in kepala]
    posisi = {k: nama_kolom.index(k) for k in KOLOM if k in nama_kolom}
    hilang = [k for k in WAJIB if k not in posisi]
    if hilang:
        hasil.catatan = [CatatanBaris(1, k, "ditolak", "kolom wajib tidak ada") for k in hilang]
        hasil.ditolak = 1
        return hasil

    pemeriksa = PemeriksaBaris(posisi, pada)
    nik_dilihat: dict[str, int] = {}
    # Rows are saved chunk by chunk while later chunks are still being checked, inside one
    # transaction that is rolled back at the end when the file must be refused as a whole.
    try:
        with _impor_besar(), transaction.atomic():
            penyimpan = _Penyimpan(_nomor_dalam_berkas(berkas, nama_berkas, posisi), hasil, pengguna, pada)
            for kelompok in _periksa_semua(pemeriksa, rows, proses):
                if kemajuan:
                    kemajuan(len(kelompok))
                sah = []
                for nomor, nik, data, tolak, peringatan in kelompok:
                    hasil.dibaca += 1
                    hasil.catatan += peringatan
                    if nik:
                        if nik in nik_dilihat:
                            tolak.append(
                                CatatanBaris(
                                    nomor, "nik", "ditolak", f"NIK sama dengan baris {nik_dilihat[nik]}"
                                )
                            )
                        nik_dilihat.setdefault(nik, nomor)
                    if tolak:
                        hasil.ditolak += 1
                        hasil.catatan += tolak
                    else:
                        sah.append(data)
                if simpan_yang_sah or not hasil.ditolak:
                    penyimpan.simpan(sah)
            if hasil.ditolak and not simpan_yang_sah:
                raise _Batal
            penyimpan.selesai()
    except _Batal:
        hasil.dibuat = hasil.diperbarui = 0
    else:
        hasil.disimpan = True
    hasil.catatan.sort(key=lambda c: (c.baris, c.kolom))
    if hasil.dibuat + hasil.diperbarui >= 10_000:
        # Fresh statistics after a bulk load, or the planner skips the covering index of the counts.
        with connection.cursor() as c:
            for model in (Orang, Klasifikasi, Keluarga):
                c.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return hasil


class _Batal(Exception):
    """Raised inside the import's transaction to roll back what was saved of a refused file."""


@contextmanager
def _impor_besar() -> Iterator[None]:
    """SQLite: a page cache of 256 MiB for the import instead of 2 MiB, or every index insert
    of a large file reads its page again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as c:
        c.execute("PRAGMA cache_size")
        lama = c.fetchone()[0]
        c.execute("PRAGMA cache_size = -262144")
        try:
            yield
        finally:
            c.execute(f"PRAGMA cache_size = {int(lama)}")


@dataclass
class NomorBerkas:
    """The NIK and KK numbers a file names, read before its rows are checked."""

    nik: dict[str, None]  # in the order of the file: ids follow it, so inserts append to the tables
    kk: set[str]
    kepala: dict[str, str]  # KK number -> NIK of the row that calls itself the head (the last)


def _nomor_dalam_berkas(berkas: str | Path | bytes, nama_berkas: str, posisi: dict[str, int]) -> NomorBerkas:
    """One quick pass over the file for its numbers (digits only: others will be refused), so
    that persons and households on record are found by one join, and new ones get their ids
    before any row is written."""
    nomor = NomorBerkas({}, set(), {})
    _, rows = baca_baris(berkas, nama_berkas)
    i_nik, i_kk, i_hub = posisi["nik"], posisi.get("no_kk"), posisi.get("hubungan_keluarga")
    for row in rows:
        nik = row[i_nik].strip() if i_nik < len(row) else ""
        if not nik.isdigit():
            continue
        nomor.nik[nik] = None
        kk = row[i_kk].strip() if i_kk is not None and i_kk < len(row) else ""
        if kk.isdigit():
            nomor.kk.add(kk)
            if i_hub is not None and i_hub < len(row) and row[i_hub].strip().lower() in KEPALA:
                nomor.kepala[kk] = nik
    return nomor


def _sisip(model, kolom: tuple[str, ...], baris: list[tuple], abaikan_bentrok: bool = False) -> None:
    """INSERT many plain tuples at once: the ORM's bulk_create builds a model instance and compiles
    every value, which made saving six times slower than validating. Same SQL on SQLite and PostgreSQL."""
    if not baris:
        return
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql" and not abaikan_bentrok:
        # COPY is PostgreSQL's bulk path: about four times faster than a pipeline of INSERTs.
        with connection.cursor() as c:
            with c.cursor.copy(
                f"COPY {qn(model._meta.db_table)} ({', '.join(qn(k) for k in kolom)}) FROM STDIN"
            ) as copy:
                for row in baris:
                    copy.write_row(row)
        return
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(k) for k in kolom)}) "
        f"VALUES ({', '.join(['%s'] * len(kolom))})" + (" ON CONFLICT DO NOTHING" if abaikan_bentrok else "")
    )
    with connection.cursor() as c:
        c.executemany(sql, baris)


def _kunci_tabel(*models) -> None:
    """Keep other writers out of these tables until the import's transaction ends (they wait;
    readers do not): ids can then be reserved in one block, and no NIK looked up as new can be
    added by someone else before the import inserts it. SQLite has the same from its
    IMMEDIATE transactions (settings)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            tabel = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            c.execute(f"LOCK TABLE {tabel} IN SHARE ROW EXCLUSIVE MODE")


def _id_menurut_nomor(model, kolom: str, nomor: Iterable[str]) -> dict[str, int]:
    """Ids of the rows whose ``kolom`` is one of ``nomor`` (NIK or KK numbers, digits only as
    checked before), by one join with the numbers loaded into a temporary table: a single pass
    instead of an index probe per number."""
    nomor = list(nomor)
    if not nomor:
        return {}
    qn = connection.ops.quote_name
    with connection.cursor() as c:
        c.execute("CREATE TEMPORARY TABLE kesos_impor_nomor (nomor varchar(40) NOT NULL)")
        try:
            if connection.vendor == "postgresql":
                with c.cursor.copy("COPY kesos_impor_nomor (nomor) FROM STDIN") as copy:
                    copy.write("".join(f"{n}\n" for n in nomor))
                c.execute("ANALYZE kesos_impor_nomor")
            else:
                c.executemany("INSERT INTO kesos_impor_nomor (nomor) VALUES (%s)", [(n,) for n in nomor])
            c.execute(
                f"SELECT t.{qn(kolom)}, t.id FROM {qn(model._meta.db_table)} t "
                f"JOIN kesos_impor_nomor n ON t.{qn(kolom)} = n.nomor"
            )
            return dict(c.fetchall())
        finally:
            c.execute("DROP TABLE kesos_impor_nomor")


def _id_baru(model, n: int) -> list[int]:
    """Ids for ``n`` rows about to be inserted, taken before inserting them so that nothing
    has to be looked up afterwards."""
    if n == 0:
        return []
    tabel = model._meta.db_table
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            # One block from the sequence: safe because _kunci_tabel keeps every other insert
            # (and so every other nextval) out until the transaction ends.
            c.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabel])
            urutan = c.fetchone()[0]
            c.execute("SELECT nextval(%s)", [urutan])
            awal = c.fetchone()[0]
            c.execute("SELECT setval(%s, %s)", [urutan, awal + n - 1])
            return list(range(awal, awal + n))
        # SQLite: transactions begin IMMEDIATE (settings), so the import holds the write lock and
        # no other writer can take these ids; sqlite_sequence keeps ids of deleted rows unused.
        c.execute(
            f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(tabel)}), 0), "
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [tabel],
        )
        awal = c.fetchone()[0] + 1
        return list(range(awal, awal + n))


KOLOM_DATA = ("nama", "jenis_kelamin", "tanggal_lahir", "alamat", "desa_kode", "hubungan_keluarga")


class _Penyimpan:
    """Writes valid rows chunk by chunk. Every id is decided up front: persons and households on
    record are found by one join each, and new persons get ids reserved in one block, so that
    a household names its head when it is written even if the head's row comes later."""

    def __init__(self, nomor: NomorBerkas, hasil: HasilImportOrang, pengguna, pada: date) -> None:
        self.hasil = hasil
        self.pada = pada
        self.user_id = pengguna.pk if pengguna is not None and pengguna.is_authenticated else None
        _kunci_tabel(Orang, Keluarga)
        self.sudah = _id_menurut_nomor(Orang, "nik", nomor.nik)
        baru = [n for n in nomor.nik if n not in self.sudah]
        self.id_orang = dict(zip(baru, _id_baru(Orang, len(baru)), strict=True)) | self.sudah
        self.keluarga = _id_menurut_nomor(Keluarga, "no_kk", nomor.kk)
        self.kk_lama = set(self.keluarga)
        self.kepala = nomor.kepala
        self.nik_tersimpan: set[str] = set()

    def simpan(self, kelompok: list[dict]) -> None:
        kk_baru: dict[str, str] = {}
        for r in kelompok:
            if r["no_kk"] and r["no_kk"] not in self.keluarga:
                kk_baru.setdefault(r["no_kk"], r["desa_kode"])
        self.keluarga.update(zip(kk_baru, _id_baru(Keluarga, len(kk_baru)), strict=True))
        _sisip(
            Keluarga,
            ("id", "no_kk", "desa_kode", "kepala_id", "versi"),
            [
                (self.keluarga[k], k, d, self.id_orang.get(self.kepala.get(k, "")), 1)
                for k, d in kk_baru.items()
            ],
        )
        _sisip(
            RiwayatKK,
            ("keluarga_id", "no_kk", "kepala_nik", "berlaku_sejak", "keterangan"),
            [(self.keluarga[k], k, self.kepala.get(k, ""), self.pada, "impor") for k in kk_baru],
        )
        _simpan_kelompok(
            kelompok, self.hasil, self.user_id, self.pada, self.id_orang, self.sudah, self.keluarga
        )
        self.nik_tersimpan.update(r["nik"] for r in kelompok)

    def selesai(self) -> None:
        # A new household's head whose row was refused is no head: it was never written.
        tanpa_kepala = [
            self.keluarga[k]
            for k, n in self.kepala.items()
            if k in self.keluarga and k not in self.kk_lama and n not in self.nik_tersimpan
        ]
        if tanpa_kepala:
            Keluarga.data_pribadi.filter(id__in=tanpa_kepala).update(kepala=None)
            RiwayatKK.objects.filter(keluarga_id__in=tanpa_kepala).update(kepala_nik="")
        # Households on record whose head this file names.
        _ganti_kepala(
            [
                (self.id_orang[n], self.keluarga[k])
                for k, n in self.kepala.items()
                if k in self.kk_lama and n in self.nik_tersimpan
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


def _simpan_kelompok(
    kelompok: list[dict],
    hasil: HasilImportOrang,
    user_id: int | None,
    pada: date,
    id_orang: dict[str, int],
    sudah: dict[str, int],
    keluarga: dict[str, int],
) -> None:
    """Write one chunk of persons: new ones inserted, those on record (``sudah``) updated where
    the file differs, each with its audit record and classifications."""
    sekarang = timezone.now()
    id_ada = [sudah[r["nik"]] for r in kelompok if r["nik"] in sudah]
    ada = {o.nik: o for o in Orang.data_pribadi.filter(id__in=id_ada)} if id_ada else {}
    buat = [r for r in kelompok if r["nik"] not in sudah]
    _sisip(
        Orang,
        ("id", "nik", *KOLOM_DATA, "keluarga_id", "status", "versi"),
        [
            (
                id_orang[r["nik"]],
                r["nik"],
                *(r[k] for k in KOLOM_DATA),
                keluarga.get(r["no_kk"]),
                Status.HIDUP,
                1,
            )
            for r in buat
        ],
    )
    audit = [
        (
            sekarang,
            user_id,
            AuditLog.Aksi.BUAT,
            OBJEK_ORANG,
            str(id_orang[r["nik"]]),
            "impor",
            None,
            # orjson writes the date as str() does, at a tenth of the json module's cost.
            orjson.dumps(
                {"nik": r["nik"], **{k: r[k] for k in KOLOM_DATA}, "keluarga": keluarga.get(r["no_kk"])}
            ).decode(),
        )
        for r in buat
    ]

    ubah = []
    for r in kelompok:
        o = ada.get(r["nik"])
        if o is None:
            continue
        sebelum = snapshot_orang(o)
        for k in KOLOM_DATA:
            setattr(o, k, r[k])
        o.keluarga_id = keluarga.get(r["no_kk"])
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
                    "impor",
                    orjson.dumps(sebelum).decode(),
                    orjson.dumps(sesudah).decode(),
                )
            )
    if ubah:
        Orang.data_pribadi.bulk_update(ubah, [*KOLOM_DATA, "keluarga", "versi"], batch_size=2000)
        sinkron_klasifikasi([o.pk for o in ubah])
    _sisip(
        AuditLog,
        ("waktu", "pengguna_id", "aksi", "objek", "objek_id", "keterangan", "sebelum", "sesudah"),
        audit,
    )
    kolom_klasifikasi = ("orang_id", "kategori_id", "tanggal", "bukti", "oleh_id", "desa_kode", "hidup")
    _sisip(
        Klasifikasi,
        kolom_klasifikasi,
        [
            (id_orang[r["nik"]], k, pada, "impor", user_id, r["desa_kode"], True)
            for r in buat
            for k in r["kategori"]
        ],
    )
    # A person already on record may already carry the category: keep that classification.
    _sisip(
        Klasifikasi,
        kolom_klasifikasi,
        [
            (o.pk, k, pada, "impor", user_id, r["desa_kode"], o.status == Status.HIDUP)
            for r in kelompok
            if (o := ada.get(r["nik"])) is not None
            for k in r["kategori"]
        ],
        abaikan_bentrok=True,
    )
    hasil.dibuat += len(buat)
    hasil.diperbarui += len(ubah)
