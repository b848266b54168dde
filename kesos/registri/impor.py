"""Import persons from CSV or XLSX, with full validation and a per-row report.

Columns: nik, no_kk, nama, jenis_kelamin (L/P), tanggal_lahir, alamat, kecamatan, desa,
hubungan_keluarga, kategori (names or codes of PMKS/PSKS categories, several separated by
';'). All or nothing unless ``simpan_yang_sah``; importing the same file again updates.
"""

import csv
import difflib
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from kesos.akun.models import AuditLog
from kesos.inti.berkas import baris_xlsx
from kesos.wilayah.models import Tingkat, Wilayah

from .models import Kategori, Keluarga, Klasifikasi, Orang, RiwayatKK, Status
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


def registri_import(
    *,
    berkas: str | Path | bytes,
    nama_berkas: str = "",
    peta_kolom: dict[str, str] | None = None,
    simpan_yang_sah: bool = False,
    pengguna: AbstractBaseUser | None = None,
    kemajuan: Callable[[int], None] | None = None,
    pada: date | None = None,
) -> HasilImportOrang:
    pada = pada or timezone.localdate()
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

    wilayah = PencariWilayah()
    kategori = kategori_aktif()
    sah: list[dict] = []
    nik_dilihat: dict[str, int] = {}
    for nomor, row in enumerate(rows, start=2):
        if kemajuan and nomor % 1000 == 0:
            kemajuan(1000)
        if not any(c.strip() for c in row):
            continue
        hasil.dibaca += 1
        nilai = {k: (row[i].strip() if i < len(row) else "") for k, i in posisi.items()}
        tolak: list[CatatanBaris] = []
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
            hasil.catatan += [CatatanBaris(nomor, "nik", "peringatan", p) for p in cek.peringatan]
            if nik in nik_dilihat:
                tolak.append(
                    CatatanBaris(nomor, "nik", "ditolak", f"NIK sama dengan baris {nik_dilihat[nik]}")
                )
            nik_dilihat.setdefault(nik, nomor)
        no_kk = nilai.get("no_kk", "")
        if no_kk:
            tolak += [CatatanBaris(nomor, "no_kk", "ditolak", p) for p in periksa_kk(no_kk)]
        desa = None
        if nilai.get("kecamatan") and nilai.get("desa"):
            desa, kolom, pesan = wilayah.cari(nilai["kecamatan"], nilai["desa"])
            if desa is None:
                tolak.append(CatatanBaris(nomor, kolom, "ditolak", pesan))
        kat: list[Kategori] = []
        for teks in filter(None, (t.strip() for t in nilai.get("kategori", "").split(";"))):
            k = kategori.get(teks.lower())
            if k is None:
                tolak.append(CatatanBaris(nomor, "kategori", "ditolak", f"kategori '{teks}' tidak dikenal"))
            elif lahir and jk in ("L", "P"):
                langgar = k.langgar(tanggal_lahir=lahir, jenis_kelamin=jk, pada=pada)
                if langgar:
                    tolak.append(CatatanBaris(nomor, "kategori", "ditolak", langgar))
                kat.append(k)
        if tolak:
            hasil.ditolak += 1
            hasil.catatan += tolak
            continue
        sah.append(
            {
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
        )
    hasil.catatan.sort(key=lambda c: (c.baris, c.kolom))
    if hasil.ditolak and not simpan_yang_sah:
        return hasil
    with transaction.atomic():
        for mulai in range(0, len(sah), UKURAN_KELOMPOK):
            _simpan_kelompok(sah[mulai : mulai + UKURAN_KELOMPOK], hasil, pengguna, pada)
    hasil.disimpan = True
    if hasil.dibuat + hasil.diperbarui >= 10_000:
        # Fresh statistics after a bulk load, or the planner skips the covering index of the counts.
        with connection.cursor() as c:
            for model in (Orang, Klasifikasi, Keluarga):
                c.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return hasil


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


def _id_menurut(model, kolom: str, nilai: Iterable[str]) -> dict[str, int]:
    nilai = list(nilai)
    if not nilai:
        return {}
    if connection.vendor == "postgresql":  # one array parameter instead of thousands of placeholders
        qn = connection.ops.quote_name
        with connection.cursor() as c:
            c.execute(
                f"SELECT {qn(kolom)}, id FROM {qn(model._meta.db_table)} WHERE {qn(kolom)} = ANY(%s)", [nilai]
            )
            return dict(c.fetchall())
    return dict(model._base_manager.filter(**{f"{kolom}__in": nilai}).values_list(kolom, "id"))


KOLOM_DATA = ("nama", "jenis_kelamin", "tanggal_lahir", "alamat", "desa_kode", "hubungan_keluarga")


def _simpan_kelompok(kelompok: list[dict], hasil: HasilImportOrang, pengguna, pada: date) -> None:
    user_id = pengguna.pk if pengguna is not None and pengguna.is_authenticated else None
    sekarang = timezone.now()
    # Which NIKs exist, by a light look-up; only those records are loaded whole.
    sudah = _id_menurut(Orang, "nik", [r["nik"] for r in kelompok])
    ada = {o.nik: o for o in Orang.data_pribadi.filter(id__in=sudah.values())} if sudah else {}

    # Households: new KK numbers become new households, with their first history entry.
    no_kk = {r["no_kk"] for r in kelompok if r["no_kk"]}
    keluarga = _id_menurut(Keluarga, "no_kk", no_kk)
    baru_kk = {r["no_kk"]: r["desa_kode"] for r in kelompok if r["no_kk"] and r["no_kk"] not in keluarga}
    _sisip(Keluarga, ("no_kk", "desa_kode", "versi"), [(k, d, 1) for k, d in baru_kk.items()])
    keluarga.update(_id_menurut(Keluarga, "no_kk", baru_kk))
    _sisip(
        RiwayatKK,
        ("keluarga_id", "no_kk", "kepala_nik", "berlaku_sejak", "keterangan"),
        [(keluarga[k], k, "", pada, "impor") for k in baru_kk],
    )

    buat = [r for r in kelompok if r["nik"] not in ada]
    _sisip(
        Orang,
        ("nik", *KOLOM_DATA, "keluarga_id", "status", "versi"),
        [(r["nik"], *(r[k] for k in KOLOM_DATA), keluarga.get(r["no_kk"]), Status.HIDUP, 1) for r in buat],
    )
    id_orang = _id_menurut(Orang, "nik", [r["nik"] for r in buat])
    audit = [
        (
            sekarang,
            user_id,
            AuditLog.Aksi.BUAT,
            OBJEK_ORANG,
            str(id_orang[r["nik"]]),
            "impor",
            None,
            json.dumps(
                {"nik": r["nik"], **{k: str(r[k]) for k in KOLOM_DATA}, "keluarga": keluarga.get(r["no_kk"])}
            ),
        )
        for r in buat
    ]

    ubah = []
    for r in kelompok:
        o = ada.get(r["nik"])
        if o is None:
            continue
        id_orang[r["nik"]] = o.pk
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
                    json.dumps(sebelum),
                    json.dumps(sesudah),
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

    kepala = [
        (id_orang[r["nik"]], keluarga[r["no_kk"]])
        for r in kelompok
        if r["no_kk"] and r["hubungan_keluarga"].strip().lower() in KEPALA
    ]
    if kepala:
        tabel = connection.ops.quote_name(Keluarga._meta.db_table)
        with connection.cursor() as c:
            if connection.vendor == "postgresql":
                c.execute(
                    f"UPDATE {tabel} SET kepala_id = v.o FROM unnest(%s::bigint[], %s::bigint[]) AS v(o, k) "
                    f"WHERE {tabel}.id = v.k",
                    [[o for o, _ in kepala], [k for _, k in kepala]],
                )
            else:
                c.executemany(f"UPDATE {tabel} SET kepala_id = %s WHERE id = %s", kepala)
    _sisip(
        Klasifikasi,
        ("orang_id", "kategori_id", "tanggal", "bukti", "oleh_id", "desa_kode", "hidup"),
        [
            (
                id_orang[r["nik"]],
                k.id,
                pada,
                "impor",
                user_id,
                r["desa_kode"],
                r["nik"] not in ada or ada[r["nik"]].status == Status.HIDUP,
            )
            for r in kelompok
            for k in r["kategori"]
        ],
        abaikan_bentrok=True,
    )
    hasil.dibuat += len(buat)
    hasil.diperbarui += len(ubah)
