"""SPM: sets as data, computed numerator ÷ denominator, 0/0 never a percentage, the stated
2019 tables and the check that names their contradictions by generic rules."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from kesos.bansos import services as bansos
from kesos.bansos.models import Satuan
from kesos.bansos.tests import pabrik
from kesos.inti.errors import KesosError
from kesos.laporan.spm_xlsx import buat_xlsx_spm
from kesos.spm import queries, ukuran
from kesos.spm.models import BarisTertulis, IndikatorSPM, JenisTabel, SetIndikator, TabelTertulis
from kesos.spm.pemeriksaan import GALAT, Baris, Indikator, baca_nilai, periksa
from kesos.spm.services import nilai_manual_simpan, spm_muat_baku


@pytest.fixture
def spm(registri):
    spm_muat_baku()


def test_sets_and_stated_tables_load_once(spm):
    assert spm_muat_baku() == 0
    assert SetIndikator.objects.count() == 2
    assert IndikatorSPM.objects.filter(set__kode="SPM-SOSIAL-2008").count() == 7
    assert IndikatorSPM.objects.filter(set__kode="SPM-SOSIAL-PP2-2018").count() == 5
    assert TabelTertulis.objects.filter(tahun=2019).count() == 4
    assert BarisTertulis.objects.filter(tabel__kode="ringkasan").count() == 5
    # As stated: the realisation cell keeps its words.
    assert BarisTertulis.objects.get(tabel__kode="realisasi", nomor="1").realisasi.startswith(
        "Rp. 1.500.000/14"
    )


def test_every_indicator_names_known_measures_in_one_unit(spm):
    for i in IndikatorSPM.objects.all():
        a, b = ukuran.cari(i.pembilang), ukuran.cari(i.penyebut)
        assert a is not None and b is not None, i
        assert a.satuan == b.satuan, i


@pytest.mark.parametrize(
    "teks,persen,a,b,sa,sb",
    [
        ("80", Decimal(80), None, None, "", ""),
        ("10,71", Decimal("10.71"), None, None, "", ""),
        (
            "Rp. 1.500.000/14 OrangX 100 =10,71%",
            Decimal("10.71"),
            Decimal(1500000),
            Decimal(14),
            "rupiah",
            "orang",
        ),
        ("9 lksa/9 lksaX100%=100%", Decimal(100), Decimal(9), Decimal(9), "lksa", "lksa"),
        ("45 KPM / 50 kk x 100 % = 90 %", Decimal(90), Decimal(45), Decimal(50), "keluarga", "keluarga"),
        ("tidak ada data", None, None, None, "", ""),
    ],
)
def test_stated_cells_are_read_as_written(teks, persen, a, b, sa, sb):
    v = baca_nilai(teks)
    assert (v.persen, v.pembilang, v.penyebut, v.satuan_pembilang, v.satuan_penyebut) == (
        persen,
        a,
        b,
        sa,
        sb,
    )


def test_the_check_names_the_documents_contradictions(spm):
    temuan = queries.temuan(tahun=2019)
    galat = [t for t in temuan if t.tingkat == GALAT]
    teks = [f"{t.indikator} | {' | '.join(t.tabel)} | {t.pesan}" for t in temuan]

    def ada(*bagian):
        return any(all(b in t for b in bagian) for t in teks)

    assert ada("2. Persentase PMKS", "target nasional berbeda", "80 %", "100 %")  # KUBE: 100 vs 80
    assert ada("1. Persentase PMKS", "pembilang dalam rupiah, penyebut dalam orang")
    assert ada("1. Persentase PMKS", "10.714.285,71 %, bukan 10,71 %")
    assert ada("7. Persentase penyandang cacat", "realisasi berbeda", "80 %", "100 %")
    assert ada("Tabel 2 (nilai dan batas waktu nasional)", "penomoran meloncat: tidak ada nomor 3")
    assert ada("3. Persentase panti", "Tabel 2 (nilai dan batas waktu nasional)", "tidak ada dalam tabel")
    assert ada("2. Persentase PMKS", "100 % di Tabel 1 (ringkasan realisasi)")
    assert ada("5. Persentase korban bencana", "bernomor berbeda")
    assert len(galat) >= 10
    with pytest.raises(CommandError, match="kontradiksi"):
        call_command("spm", "check", "--year", "2019", stdout=io.StringIO())


def test_a_consistent_table_in_another_shape_has_no_error():
    ind = [Indikator("a", 1, "Persentase lansia terlayani"), Indikator("b", 2, "Persentase anak terlayani")]
    baris = [
        Baris("Tabel A", "1", "Lansia", "a", "100", "90", "45 orang / 50 jiwa x 100 % = 90 %"),
        Baris("Tabel A", "2", "Anak", "b", "100", "80", "8/10 x 100 = 80"),
        Baris("Tabel B", "1", "Lansia terlayani", "a", "100 %", "90 %", "90"),
        Baris("Tabel B", "2", "Anak terlayani", "b", "100", "80", "80,00 %"),
    ]
    assert periksa(baris, ind) == []
    salah = [*baris[:3], Baris("Tabel B", "3", "Anak", "b", "100", "80", "7/10 x 100 = 80")]
    temuan = periksa(salah, ind)
    assert [t.pesan for t in temuan if t.tingkat == GALAT] == [
        "realisasi '7/10 x 100 = 80': 7 / 10 × 100 = 70 %, bukan 80 % seperti tertulis"
    ]
    assert any("penomoran meloncat: tidak ada nomor 2" in t.pesan for t in temuan)
    assert any("bernomor berbeda" in t.pesan for t in temuan)


def test_zero_over_zero_is_not_a_percentage_and_disasters_come_from_their_app(spm):
    [lama, baru] = queries.hitung(tahun=2021)
    for h in lama.baris + baru.baris:
        assert h.persen is None and not h.dapat_dihitung
    # The bencana app is installed: its measures count victims, none were recorded in 2021.
    bencana = next(h for h in baru.baris if h.indikator.kode == "bencana")
    assert (bencana.pembilang, bencana.penyebut, bencana.alasan) == (0, 0, "penyebut nol")
    buf = buat_xlsx_spm([baru])
    ws = load_workbook(io.BytesIO(buf)).active
    assert [ws.cell(row=r, column=8).value for r in range(5, 10)] == ["tidak dapat dihitung"] * 5


def test_a_disaster_app_plugs_its_measures_in(spm):
    asli = ukuran.cari("bencana.korban")
    asli_terpenuhi = ukuran.cari("bencana.korban_terpenuhi")
    try:
        ukuran.daftarkan("bencana.korban", "uji", "orang", lambda t, w: Decimal(40), ganti=True)
        ukuran.daftarkan("bencana.korban_terpenuhi", "uji", "orang", lambda t, w: Decimal(30), ganti=True)
        [baru] = queries.hitung(tahun=2021, set_kode="SPM-SOSIAL-PP2-2018")
        h = next(h for h in baru.baris if h.indikator.kode == "bencana")
        assert (h.pembilang, h.penyebut, h.persen) == (30, 40, Decimal(75))
    finally:
        ukuran.daftarkan("bencana.korban", asli.label, asli.satuan, asli.fungsi, ganti=True)
        ukuran.daftarkan(
            "bencana.korban_terpenuhi",
            asli_terpenuhi.label,
            asli_terpenuhi.satuan,
            asli_terpenuhi.fungsi,
            ganti=True,
        )


def test_computed_from_enrolments_and_deliveries_and_compared_with_what_was_stated(spm, persona):
    admin = persona("admin")
    lansia = [pabrik.orang(lahir=date(1950, 1, 1), kategori=("LUT",)) for _ in range(3)]
    pabrik.orang(lahir=date(1990, 1, 1), kategori=("PD",))
    kel = pabrik.keluarga()
    lansia_kel = pabrik.orang(lahir=date(1945, 1, 1), kategori=("LUT",), keluarga=kel)
    p = pabrik.program(admin, kode="LANSIA", kategori_kode=["LUT"])
    per = pabrik.periode(admin, p)
    sik = pabrik.siklus(admin, per)
    for o in lansia[:2]:
        k = bansos.kepesertaan_daftar(pengguna=admin, periode=per, orang=o)
        bansos.penyaluran_catat(
            pengguna=admin,
            siklus=sik,
            kepesertaan=k,
            tanggal=date(2021, 5, 1),
            uraian="Paket",
            rupiah=300_000,
            petugas="TKSK",
        )
    rtlh = pabrik.program(admin, kode="RTLH", satuan=Satuan.KELUARGA)
    per2 = pabrik.periode(admin, rtlh)
    k = bansos.kepesertaan_daftar(pengguna=admin, periode=per2, keluarga=kel)
    bansos.penyaluran_catat(
        pengguna=admin,
        siklus=pabrik.siklus(admin, per2),
        kepesertaan=k,
        tanggal=date(2021, 6, 1),
        uraian="Bahan bangunan",
        rupiah=15_000_000,
        petugas="Dinsos",
    )
    del lansia_kel
    [baru] = queries.hitung(tahun=2021, set_kode="SPM-SOSIAL-PP2-2018")
    h = next(h for h in baru.baris if h.indikator.kode == "lansia")
    assert (h.pembilang, h.penyebut) == (3, 4)  # two directly, one through the household
    assert h.persen == Decimal(75)
    d = next(h for h in baru.baris if h.indikator.kode == "disabilitas")
    assert (d.pembilang, d.penyebut, d.persen) == (0, 1, Decimal(0))  # 0/1 is 0 %, unlike 0/0
    [lama] = queries.hitung(tahun=2021, set_kode="SPM-SOSIAL-2008")
    assert next(h for h in lama.baris if h.indikator.nomor == 7).pembilang == 3
    # A stated table for 2021 that says 100 % is contradicted by the data.
    himpunan = SetIndikator.objects.get(kode="SPM-SOSIAL-PP2-2018")
    t = TabelTertulis.objects.create(
        sumber="uji", kode="r", judul="Realisasi uji", jenis=JenisTabel.REALISASI, tahun=2021, set=himpunan
    )
    BarisTertulis.objects.create(
        tabel=t, urutan=1, nomor="3", uraian="Lansia", indikator=h.indikator, realisasi="100"
    )
    assert any(
        "realisasi tertulis 100 %, dihitung 75 % (3 / 4)" in x.pesan for x in queries.temuan(tahun=2021)
    )


def test_hand_entered_values_are_kept_beside_and_checked(spm, persona):
    i = IndikatorSPM.objects.get(set__kode="SPM-SOSIAL-2008", nomor=5)
    with pytest.raises(KesosError, match="admin, perencana"):
        nilai_manual_simpan(
            pengguna=persona("operator_a"), indikator=i, tahun=2019, pembilang=10, penyebut=10
        )
    with pytest.raises(KesosError, match="penyebut"):
        nilai_manual_simpan(pengguna=persona("perencana"), indikator=i, tahun=2019, pembilang=10, penyebut=-1)
    nilai_manual_simpan(
        pengguna=persona("perencana"),
        indikator=i,
        tahun=2019,
        pembilang=10,
        penyebut=10,
        keterangan="=HYPERLINK()",
    )
    [lama, _] = queries.hitung(tahun=2019)
    h = next(h for h in lama.baris if h.indikator.nomor == 5)
    assert h.persen is None and h.persen_manual == Decimal(100)


def test_export_in_the_documents_shape_is_formula_safe(spm, tmp_path):
    IndikatorSPM.objects.filter(set__kode="SPM-SOSIAL-2008", nomor=1).update(uraian="=SUM(A1:A9)")
    keluar = tmp_path / "spm.xlsx"
    call_command("spm", "export", "--year", "2019", "-o", str(keluar), stdout=io.StringIO())
    wb = load_workbook(keluar)
    ws = wb["SPM-SOSIAL-2008"]
    assert [ws.cell(row=4, column=k).value for k in (1, 3, 4, 5, 8)] == [
        "No",
        "Indikator",
        "Target nasional (%)",
        "Target daerah",
        "Realisasi (%)",
    ]
    sel = ws.cell(row=5, column=3)
    assert sel.value == "=SUM(A1:A9)" and sel.data_type == "s"
    assert ws.cell(row=5, column=5).value == "100"  # the stated regional target of the year
