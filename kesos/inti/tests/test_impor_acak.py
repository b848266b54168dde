"""Every importer fed random and mutated files (Hypothesis): truncated and corrupted zips, wrong
encodings, an XLSX named .csv, huge cells, formulas, wrong types, control characters, random
bytes. Whatever comes in, an importer either stores the whole file or refuses it with a
readable refusal (ImportDitolak, KesosError, ValidationError) and stores nothing: never another
exception (a 500 on a page, a traceback on the command line), never a partial store.

Bounded (``max_examples``) for CI; run with ``--hypothesis-seed`` to vary the draws."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import ImportDitolak, KesosError
from kesos.laporan.evaluasi_xlsx import buat_e81
from kesos.laporan.renja_xlsx import buat_xlsx
from kesos.monev.models import RealisasiTriwulan
from kesos.perencanaan import queries
from kesos.perencanaan.models import BarisRenja, Indikator, Renja
from kesos.registri.models import Keluarga, Klasifikasi, Orang
from kesos.wilayah.models import Wilayah

CONTOH = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
DITOLAK = (ImportDitolak, KesosError, ValidationError)
# The valid file each test starts from, by name (strategies take the name, so that Hypothesis'
# reports print a word instead of the whole file).
ASLI: dict[str, bytes] = {}

# What a hostile or careless cell may hold (openpyxl itself refuses C0 control characters in
# XLSX cells, so those go into the CSV mutations instead).
_teks = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)
NILAI_SEL = st.one_of(
    _teks,
    st.sampled_from(
        [
            '=HYPERLINK("http://contoh.invalid","klik")',
            "=1/0",
            "+1",
            "-2",
            "@SUM(A1:A9)",
            "x" * 131_072,
            "1" + "0" * 40,
            "1e400",
            "NaN",
            "-Infinity",
            "12,5 %",
            "Rp 1.000.000",
            "(1.000)",
            "—",
            "",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=6),
    st.dates(min_value=date(1900, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.booleans(),
    st.none(),
)


def _ubah_xlsx(data: bytes, perubahan: list[tuple[int, int, object]]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    gabung = {c for r in ws.merged_cells.ranges for c in r.cells}
    for baris, kolom, nilai in perubahan:
        if isinstance(nilai, Decimal):
            nilai = float(nilai)
        tempat = (1 + baris % (ws.max_row + 3), 1 + kolom % (ws.max_column + 2))
        if tempat not in gabung:  # a merged cell's value cannot be set
            ws.cell(row=tempat[0], column=tempat[1], value=nilai)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ubah_csv(data: bytes, perubahan: list[tuple[int, int, str]], pengodean: str) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    for baris, kolom, nilai in perubahan:
        row = rows[baris % len(rows)]
        if row:
            row[kolom % len(row)] = nilai
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode(pengodean, errors="replace")


@st.composite
def berkas_xlsx(draw, kunci: str) -> tuple[bytes, str]:
    """A valid XLSX, mutated: cells replaced, the zip cut or corrupted, or named .csv."""
    asli = ASLI[kunci]
    cara = draw(st.sampled_from(["sel", "sel", "sel", "potong", "rusak", "nama_csv", "acak", "kosong"]))
    nama = "berkas.xlsx"
    if cara == "sel":
        ubah = draw(
            st.lists(st.tuples(st.integers(0, 200), st.integers(0, 30), NILAI_SEL), min_size=1, max_size=8)
        )
        data = _ubah_xlsx(asli, ubah)
    elif cara == "potong":
        data = asli[: draw(st.integers(0, len(asli) - 1))]
    elif cara == "rusak":
        data = bytearray(asli)
        for _ in range(draw(st.integers(1, 20))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
        data = bytes(data)
    elif cara == "nama_csv":
        data, nama = asli, "berkas.csv"
    elif cara == "acak":
        data = draw(st.binary(max_size=2000))
    else:
        data = b""
    return data, nama


_teks_csv = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


@st.composite
def berkas_csv(draw, kunci: str) -> tuple[bytes, str]:
    """A valid CSV, mutated: fields replaced (control characters, quotes, huge), another
    encoding, lines cut, an XLSX's bytes, random bytes."""
    asli = ASLI[kunci]
    cara = draw(st.sampled_from(["isian", "isian", "isian", "potong", "xlsx", "acak", "kosong"]))
    nama = "berkas.csv"
    if cara == "isian":
        ubah = draw(
            st.lists(
                st.tuples(
                    st.integers(0, 50),
                    st.integers(0, 12),
                    st.one_of(
                        _teks_csv, st.sampled_from(["x" * 131_072, "=cmd|' /C calc'!A0", "\x00", '"', ";"])
                    ),
                ),
                min_size=1,
                max_size=8,
            )
        )
        data = _ubah_csv(
            asli, ubah, draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"]))
        )
    elif cara == "potong":
        data = asli[: draw(st.integers(0, len(asli) - 1))]
    elif cara == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        for row in csv.reader(io.StringIO(asli.decode())):
            wb.active.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    elif cara == "acak":
        data = draw(st.binary(max_size=2000))
    else:
        data = b""
    return data, nama


def _hitung(*model) -> tuple[int, ...]:
    return tuple((m.data_pribadi if hasattr(m, "data_pribadi") else m.objects).count() for m in model)


def _coba(fungsi) -> bool:
    """Run an import; True if it stored, False if it refused as it should. Any other exception
    fails the test."""
    try:
        fungsi()
    except DITOLAK:
        return False
    return True


@pytest.fixture
def renja_xlsx(renja_demo) -> bytes:
    return buat_xlsx(queries.renja_ringkasan(renja_demo))


def test_renja_import_stores_all_or_nothing(renja_demo, renja_xlsx):
    from kesos.perencanaan.impor import renja_import

    tahun = iter(range(2030, 2100))
    ASLI["renja"] = renja_xlsx

    @CONTOH
    @given(berkas=berkas_xlsx("renja"))
    def uji(berkas):
        data, nama = berkas
        sebelum = _hitung(Renja, BarisRenja, Indikator, AuditLog)
        t = next(tahun)
        disimpan = _coba(
            lambda: renja_import(
                berkas=data, nama_berkas=nama, organisasi=renja_demo.organisasi, tahun=t, pengguna=SISTEM
            )
        )
        if not disimpan:
            assert _hitung(Renja, BarisRenja, Indikator, AuditLog) == sebelum
            assert not Renja.objects.filter(tahun=t).exists()

    uji()


def test_realisation_import_stores_all_or_nothing(renja_demo, renstra_demo):
    from kesos.monev.impor import realisasi_import
    from kesos.monev.queries import e81
    from kesos.perencanaan.services import renja_lanjutkan

    final = renja_lanjutkan(renja=renja_lanjutkan(renja=renja_demo, pengguna=SISTEM), pengguna=SISTEM)
    ASLI["e81"] = buat_e81(e81(final))

    @CONTOH
    @given(berkas=berkas_xlsx("e81"))
    def uji(berkas):
        data, nama = berkas
        sebelum = _hitung(RealisasiTriwulan, AuditLog)
        if not _coba(lambda: realisasi_import(berkas=data, nama_berkas=nama, renja=final, pengguna=SISTEM)):
            assert _hitung(RealisasiTriwulan, AuditLog) == sebelum

    uji()


def test_registry_import_stores_all_or_nothing(registri):
    from kesos.registri.impor import registri_import
    from kesos.registri.sintetis import orang_sintetis

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(
        [
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
        ]
    )
    w.writerows(orang_sintetis(30, seed=5))
    ASLI["registri"] = buf.getvalue().encode()
    ASLI["registri.xlsx"] = _csv_ke_xlsx(ASLI["registri"])

    @CONTOH
    @given(berkas=st.one_of(berkas_csv("registri"), berkas_xlsx("registri.xlsx")))
    def uji(berkas):
        data, nama = berkas
        sebelum = _hitung(Orang, Keluarga, Klasifikasi, AuditLog)
        hasil = None

        def impor():
            nonlocal hasil
            hasil = registri_import(
                berkas=data, nama_berkas=nama, pengguna=SISTEM, pada=date(2026, 6, 1), proses=0
            )

        if _coba(impor) and not hasil.disimpan:
            assert _hitung(Orang, Keluarga, Klasifikasi, AuditLog) == sebelum
            assert hasil.ditolak and hasil.catatan

    uji()


def test_wilayah_import_stores_all_or_nothing(db):
    from kesos.wilayah.services import wilayah_import

    ASLI["wilayah"] = (
        b"kode,nama,tingkat,kode_induk\n"
        b"18,LAMPUNG,provinsi,\n"
        b"18.04,LAMPUNG BARAT,kabupaten,18\n"
        b"18.04.04,BALIK BUKIT,kecamatan,18.04\n"
        b"18.04.04.1001,PASAR LIWA,kelurahan,18.04.04\n"
    )

    @CONTOH
    @given(berkas=berkas_csv("wilayah"))
    def uji(berkas):
        data, nama = berkas
        sebelum = _hitung(Wilayah)
        if not _coba(lambda: wilayah_import(berkas=data, nama_berkas=nama)):
            assert _hitung(Wilayah) == sebelum

    uji()


def _csv_ke_xlsx(data: bytes) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in csv.reader(io.StringIO(data.decode())):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_upload_pages_answer_a_mutated_file_without_a_server_error(login, renja_demo, renja_xlsx):
    """The same files through the Renja upload page: a page with the problems, never a 500."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    c = login("perencana")
    ASLI["renja"] = renja_xlsx

    @settings(CONTOH, max_examples=6)
    @given(berkas=berkas_xlsx("renja"))
    def uji(berkas):
        data, nama = berkas
        r = c.post(
            reverse("perencanaan:impor"),
            {
                "organisasi": renja_demo.organisasi.pk,
                "tahun": 2040,
                "tahap": "rancangan_awal",
                "berkas": SimpleUploadedFile(nama, data),
            },
        )
        assert r.status_code in (200, 302)

    uji()
