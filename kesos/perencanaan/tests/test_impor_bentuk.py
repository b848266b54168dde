"""Renja tables as other offices file them: the national code shape with sub-kegiatan, split
code columns, amounts as text, JUMLAH rows, CSV — and files that must be refused."""

import io
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kesos.akun.access import SISTEM
from kesos.inti.errors import ImportDitolak
from kesos.inti.formats import angka
from kesos.laporan.renja_xlsx import buat_xlsx
from kesos.perencanaan import queries
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import BarisRenja, Organisasi, Renja, SkemaKode, Tahap
from kesos.perencanaan.pemeriksaan import KOLOM_KODE
from kesos.perencanaan.services import sumber_dana_baku


@dataclass
class Baris:
    kode: str
    nama: str
    pagu: int | None = None
    maju: int | None = None
    indikator: str = ""
    target: str = ""
    anak: list["Baris"] = field(default_factory=list)

    def jumlah(self) -> int:
        return self.pagu if not self.anak else sum(a.jumlah() for a in self.anak)

    def jumlah_maju(self) -> int:
        return (self.maju or 0) if not self.anak else sum(a.jumlah_maju() for a in self.anak)

    def urut(self):
        yield self
        for a in self.anak:
            yield from a.urut()


def renja_nasional() -> list[Baris]:
    """Two programs of Urusan Sosial in the national shape, pagu on the sub-kegiatan."""
    return [
        Baris(
            "1",
            "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
            anak=[
                Baris(
                    "1.06",
                    "URUSAN PEMERINTAHAN BIDANG SOSIAL",
                    anak=[
                        Baris(
                            "1.06.01",
                            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
                            indikator="Persentase dokumen tepat waktu",
                            target="100 %",
                            anak=[
                                Baris(
                                    "1.06.01.2.01",
                                    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                                    anak=[
                                        Baris(
                                            "1.06.01.2.01.0001",
                                            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                                            25_000_000,
                                            27_000_000,
                                            "Jumlah dokumen",
                                            "2 Dokumen",
                                        ),
                                        Baris(
                                            "1.06.01.2.01.0002",
                                            "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
                                            12_500_000,
                                            13_000_000,
                                            "Jumlah dokumen",
                                            "1 Dokumen",
                                        ),
                                    ],
                                )
                            ],
                        ),
                        Baris(
                            "1.06.04",
                            "PROGRAM REHABILITASI SOSIAL",
                            anak=[
                                Baris(
                                    "1.06.04.2.01",
                                    "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar",
                                    anak=[
                                        Baris(
                                            "1.06.04.2.01.0001",
                                            "Penyediaan Permakanan",
                                            3_976_298_620,
                                            4_000_000_000,
                                            "Jumlah penyandang disabilitas",
                                            "150 Orang",
                                        )
                                    ],
                                )
                            ],
                        ),
                    ],
                )
            ],
        )
    ]


SEGMEN = {1: (0, 1), 2: (1, 2), 3: (2, 3), 5: (3, 5), 6: (5, 6)}


def _pecah(kode: str, penuh: bool) -> list[str]:
    """The code over urusan | bidang | program | kegiatan | sub-kegiatan columns."""
    s = kode.split(".")
    hasil = []
    for awal, akhir in SEGMEN.values():
        if len(s) < akhir:
            hasil.append("")
        else:
            hasil.append(".".join(s[:akhir]) if penuh else ".".join(s[awal:akhir]))
    return hasil


def tulis_sipd(
    akar: list[Baris],
    *,
    kode_pecah: bool = True,
    kode_penuh: bool = False,
    rupiah_teks: bool = True,
    jumlah: str = "JUMLAH",
    judul: str = "Dinas Sosial Kabupaten Pesisir Barat",
    ubah: dict | None = None,
    page_break: bool = True,
) -> bytes:
    """A table laid out as SIPD and most offices file it."""
    ubah = ubah or {}
    wb = Workbook()
    ws = wb.active
    ws.append([f"RENCANA KERJA (RENJA) {judul.upper()} TAHUN 2022"])
    ws.append([])
    kode_kol = 5 if kode_pecah else 1
    kepala1 = ["Kode"] + [None] * (kode_kol - 1) + ["Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan"]
    kepala1 += ["Indikator Kinerja", "Rencana Tahun 2022", None, "Prakiraan Maju Tahun 2023", None]
    kepala2 = (["Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan"] if kode_pecah else [None]) + [
        None,
        None,
    ]
    kepala2 += ["Target", "Pagu Indikatif (Rp)", "Target", "Pagu Indikatif (Rp)"]
    for k in (kepala1, kepala2):
        ws.append(k)
    if kode_pecah:
        ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=5)
    n = kode_kol
    for c in (n + 1, n + 2):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells(start_row=3, start_column=n + 3, end_row=3, end_column=n + 4)
    ws.merge_cells(start_row=3, start_column=n + 5, end_row=3, end_column=n + 6)
    ws.append(["1.06.0.00.0.00.01.0000" if not kode_pecah else "", None, None, None, None][:kode_kol])
    ws.cell(ws.max_row, kode_kol + 1, judul)

    def uang(v):
        if v is None:
            return None
        return f"Rp {angka(v)},00" if rupiah_teks else v

    semua = [b for a in akar for b in a.urut()]
    for i, b in enumerate(semua):
        if page_break and i == len(semua) // 2:
            ws.append([])
            ws.append(kepala1)
            ws.append(kepala2)
        kode = _pecah(b.kode, kode_penuh) if kode_pecah else [b.kode]
        pagu = ubah.get((b.kode, "pagu"), b.jumlah())
        maju = b.jumlah_maju()
        ws.append(
            [*kode, b.nama, b.indikator or None, b.target or None, uang(pagu), b.target or None, uang(maju)]
        )
    total = ubah.get(("TOTAL", "pagu"), sum(a.jumlah() for a in akar))
    baris_jumlah = [None] * kode_kol + [
        jumlah,
        None,
        None,
        uang(total),
        None,
        uang(sum(a.jumlah_maju() for a in akar)),
    ]
    ws.append(baris_jumlah)
    ws.append([])
    ws.append([None] * (kode_kol + 4) + ["Kepala Dinas Sosial"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def kantor(db):
    sumber_dana_baku()
    return Organisasi.objects.create(
        kode="1.06.0.00.0.00.01.0000", nama="Dinas Sosial Kabupaten Pesisir Barat"
    )


def _pohon(renja):
    return [
        (b.kode, b.level, b.pagu_hitung, b.pagu_maju_hitung)
        for b in queries.renja_ringkasan(renja).pohon.urut
    ]


HARAPAN = [
    ("1", "urusan", 4_013_798_620, 4_040_000_000),
    ("1.06", "bidang", 4_013_798_620, 4_040_000_000),
    ("1.06.01", "program", 37_500_000, 40_000_000),
    ("1.06.01.2.01", "kegiatan", 37_500_000, 40_000_000),
    ("1.06.01.2.01.0001", "sub_kegiatan", 25_000_000, 27_000_000),
    ("1.06.01.2.01.0002", "sub_kegiatan", 12_500_000, 13_000_000),
    ("1.06.04", "program", 3_976_298_620, 4_000_000_000),
    ("1.06.04.2.01", "kegiatan", 3_976_298_620, 4_000_000_000),
    ("1.06.04.2.01.0001", "sub_kegiatan", 3_976_298_620, 4_000_000_000),
]


@pytest.mark.parametrize(
    "gaya",
    [
        {"kode_pecah": True, "kode_penuh": False, "rupiah_teks": True, "jumlah": "JUMLAH"},
        {"kode_pecah": True, "kode_penuh": True, "rupiah_teks": False, "jumlah": "Jumlah Total"},
        {"kode_pecah": False, "rupiah_teks": True, "jumlah": "TOTAL"},
    ],
)
def test_national_shape_in_the_layouts_offices_file(kantor, gaya):
    hasil = renja_import(
        pengguna=SISTEM, berkas=tulis_sipd(renja_nasional(), **gaya), organisasi=kantor, tahun=2022
    )
    assert hasil.renja.skema.kode == "nasional-050-5889"
    assert _pohon(hasil.renja) == HARAPAN
    assert hasil.renja.total_tertulis == 4_013_798_620
    # Pagu is typed on the sub-kegiatan only; every row above carries the sum.
    ketik = BarisRenja.objects.filter(renja=hasil.renja, pagu__isnull=False)
    assert {b.level for b in ketik} == {"sub_kegiatan"}
    # The check finds nothing wrong with codes and levels (this layout has no sumber dana).
    assert not [t for t in queries.renja_temuan(hasil.renja) if t.kolom == KOLOM_KODE]


def test_csv_with_semicolons_in_windows_encoding(kantor):
    wb = load_workbook(io.BytesIO(tulis_sipd(renja_nasional(), kode_pecah=False, page_break=False)))
    baris = [";".join("" if c.value is None else str(c.value) for c in r) for r in wb.active.iter_rows()]
    data = "\r\n".join(baris).replace("Pesisir", "Pésisir").encode("cp1252")
    kantor.nama = "Dinas Sosial Kabupaten Pésisir Barat"
    kantor.save()
    hasil = renja_import(pengguna=SISTEM, berkas=data, organisasi=kantor, tahun=2022, nama_berkas="renja.csv")
    assert _pohon(hasil.renja) == HARAPAN


def _jumlah():
    return Renja.objects.count(), BarisRenja.objects.count()


def test_subtotal_that_differs_from_its_rows_names_the_row_both_amounts_and_the_difference(kantor):
    data = tulis_sipd(renja_nasional(), ubah={("1.06.01", "pagu"): 38_500_000})
    sebelum = _jumlah()
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=data, organisasi=kantor, tahun=2022)
    assert _jumlah() == sebelum
    assert [m.pesan for m in e.value.masalah] == [
        "program 1.06.01: tertulis Rp 38.500.000, jumlah baris di bawahnya Rp 37.500.000, "
        "selisih Rp 1.000.000"
    ]


def test_stated_total_that_differs_is_refused(kantor):
    data = tulis_sipd(renja_nasional(), ubah={("TOTAL", "pagu"): 4_013_798_621})
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=data, organisasi=kantor, tahun=2022)
    assert [m.pesan for m in e.value.masalah] == [
        "TOTAL: tertulis Rp 4.013.798.621, jumlah baris di bawahnya Rp 4.013.798.620, selisih Rp 1"
    ]


def test_file_of_another_regency_is_refused_naming_both_offices(kantor):
    data = tulis_sipd(renja_nasional(), judul="Dinas Sosial Kabupaten Tanggamus")
    sebelum = _jumlah()
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=data, organisasi=kantor, tahun=2022)
    assert _jumlah() == sebelum
    pesan = str(e.value.masalah[0])
    assert "Kabupaten Tanggamus" in pesan and "Dinas Sosial Kabupaten Pesisir Barat" in pesan


def test_another_office_row_in_the_table_is_refused(kantor):
    kantor.nama = "Dinas Sosial"  # a name that does not say the regency
    kantor.save()
    wb = load_workbook(io.BytesIO(tulis_sipd(renja_nasional(), kode_pecah=False, judul="Dinas Sosial")))
    ws = wb.active
    ws.cell(5, 1).value = "1.06.0.00.0.00.02.0000"
    ws.cell(5, 2).value = "Dinas Pemberdayaan Masyarakat dan Desa"
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=buf.getvalue(), organisasi=kantor, tahun=2022)
    assert "Dinas Pemberdayaan Masyarakat dan Desa" in e.value.masalah[0].pesan
    assert "Dinas Sosial (1.06.0.00.0.00.01.0000)" in e.value.masalah[0].pesan


def test_local_codes_of_another_office_are_refused(renja_demo):
    data = buat_xlsx(queries.renja_ringkasan(renja_demo))
    lain = Organisasi.objects.create(kode="1.6.2.1", nama="Dinas Sosial")
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=data, organisasi=lain, tahun=2022)
    assert "milik perangkat daerah 1.6.1.1, bukan Dinas Sosial (1.6.2.1)" in e.value.masalah[0].pesan


def test_codes_that_fit_no_scheme_level_are_named(kantor):
    data = tulis_sipd(renja_nasional(), kode_pecah=False)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    baris = next(r for r in ws.iter_rows() if r[0].value == "1.06.04.2.01")
    baris[0].value = "1.06.04.2.001"
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ImportDitolak) as e:
        renja_import(pengguna=SISTEM, berkas=buf.getvalue(), organisasi=kantor, tahun=2022)
    kode = {m.nilai for m in e.value.masalah}
    assert "1.06.04.2.001" in kode
    assert any("tidak sesuai skema Nasional" in m.pesan for m in e.value.masalah)
    # Its sub-kegiatan has lost its parent and is named too, not silently moved elsewhere.
    assert any("1.06.04.2.01.0001 tidak punya baris induk" in m.pesan for m in e.value.masalah)


def test_named_scheme_that_the_codes_do_not_fit_refuses_every_row(kantor):
    lokal = SkemaKode.objects.get(kode="lokal-2021")
    with pytest.raises(ImportDitolak) as e:
        renja_import(
            pengguna=SISTEM, berkas=tulis_sipd(renja_nasional()), organisasi=kantor, tahun=2022, skema=lokal
        )
    assert len(e.value.masalah) >= 5


def _sel(data: bytes) -> list[list]:
    return [[c.value for c in r] for r in load_workbook(io.BytesIO(data)).active.iter_rows(min_row=5)]


def test_national_export_import_export_gives_the_same_cells(kantor):
    hasil = renja_import(pengguna=SISTEM, berkas=tulis_sipd(renja_nasional()), organisasi=kantor, tahun=2022)
    pertama = buat_xlsx(queries.renja_ringkasan(hasil.renja))
    lagi = renja_import(pengguna=SISTEM, berkas=pertama, organisasi=kantor, tahun=2022, tahap=Tahap.RANCANGAN)
    assert _pohon(lagi.renja) == HARAPAN
    assert _sel(buat_xlsx(queries.renja_ringkasan(lagi.renja))) == _sel(pertama)


# Property: any national tree, written in any of the layouts, reads back as the same tree. -----

_nama = st.text(alphabet="abcdefghijklmnoprstuwy ", min_size=3, max_size=20).map(lambda s: "N " + s.strip())


@st.composite
def pohon_acak(draw) -> list[Baris]:
    program = []
    for p in draw(st.lists(st.integers(1, 30), min_size=1, max_size=3, unique=True)):
        kode_p = f"1.06.{p:02d}"
        kegiatan = []
        for k in draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True)):
            kode_k = f"{kode_p}.2.{k:02d}"
            sub = [
                Baris(
                    f"{kode_k}.{s:04d}",
                    draw(_nama),
                    draw(st.integers(0, 10**12)),
                    draw(st.integers(0, 10**12)),
                )
                for s in draw(st.lists(st.integers(1, 200), min_size=1, max_size=3, unique=True))
            ]
            kegiatan.append(Baris(kode_k, draw(_nama), anak=sub))
        program.append(Baris(kode_p, draw(_nama), anak=kegiatan))
    return [Baris("1", "URUSAN WAJIB", anak=[Baris("1.06", "BIDANG SOSIAL", anak=program)])]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    akar=pohon_acak(),
    kode_pecah=st.booleans(),
    kode_penuh=st.booleans(),
    rupiah_teks=st.booleans(),
    jumlah=st.sampled_from(["JUMLAH", "TOTAL", "Jumlah Total"]),
)
def test_any_national_tree_in_any_layout_reads_back(
    kantor, akar, kode_pecah, kode_penuh, rupiah_teks, jumlah
):
    Renja.objects.filter(organisasi=kantor).delete()
    data = tulis_sipd(
        akar, kode_pecah=kode_pecah, kode_penuh=kode_penuh, rupiah_teks=rupiah_teks, jumlah=jumlah
    )
    hasil = renja_import(pengguna=SISTEM, berkas=data, organisasi=kantor, tahun=2022)
    harapan = [(b.kode, b.jumlah()) for a in akar for b in a.urut()]
    assert [(b[0], b[2]) for b in _pohon(hasil.renja)] == harapan


def test_upload_page_reads_a_national_csv_and_shows_problems_with_their_values(kantor, login):
    wb = load_workbook(io.BytesIO(tulis_sipd(renja_nasional(), kode_pecah=False, page_break=False)))
    csv = "\n".join(
        ";".join("" if c.value is None else str(c.value) for c in r) for r in wb.active.iter_rows()
    )
    klien = login("perencana")
    data = {"organisasi": kantor.pk, "tahun": 2022, "tahap": "rancangan_awal"}
    r = klien.post(
        "/renja/impor/", {**data, "berkas": io.BytesIO(csv.encode()), "skema": ""}, format="multipart"
    )
    assert r.status_code == 200 and "9 baris diimpor" in r.content.decode()
    rusak = csv.replace("Rp 25.000.000,00", "Rp 25.000.000,50")
    berkas = io.BytesIO(rusak.encode())
    berkas.name = "renja.csv"
    r = klien.post("/renja/impor/", {**data, "tahun": 2023, "berkas": berkas})
    halaman = r.content.decode()
    assert 'id="masalah"' in halaman and "Rp 25.000.000,50" in halaman and "bukan rupiah utuh" in halaman
    assert not Renja.objects.filter(tahun=2023).exists()
