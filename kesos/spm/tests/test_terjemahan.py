"""The SPM check, its computed table and hand-entered values speak English when chosen."""

import pytest
from django.utils import translation

from kesos.inti.errors import KesosError
from kesos.spm import queries
from kesos.spm.models import IndikatorSPM
from kesos.spm.pemeriksaan import GALAT, Baris, Indikator, periksa
from kesos.spm.services import nilai_manual_simpan

from .test_spm import spm  # noqa: F401 - the fixture


def test_the_check_names_contradictions_in_english(katalog_inggris):
    ind = [Indikator("a", 1, "Persentase lansia terlayani"), Indikator("b", 2, "Persentase anak terlayani")]
    baris = [
        Baris("Tabel A", "1", "Lansia", "a", "100", "90", "45 orang / 50 jiwa x 100 % = 90 %"),
        Baris("Tabel A", "2", "Anak", "b", "100", "80", "8/10 x 100 = 80"),
        Baris("Tabel B", "1", "Lansia terlayani", "a", "100 %", "90 %", "90"),
        Baris("Tabel B", "3", "Anak", "b", "100", "80", "7/10 x 100 = 80"),
    ]
    with translation.override("en"):
        temuan = periksa(baris, ind)
    assert [t.pesan for t in temuan if t.tingkat == GALAT] == [
        "realisation '7/10 x 100 = 80': 7 / 10 × 100 = 70 %, not 80 % as written"
    ]
    pesan = [t.pesan for t in temuan]
    assert "numbering skips: there is no number 2 (numbers written 1, 3)" in pesan
    assert any(p.startswith("numbered differently between tables: no. 2 in Tabel A") for p in pesan)


def test_the_table_and_hand_entered_values_refuse_in_english(spm, persona, katalog_inggris):  # noqa: F811
    i = IndikatorSPM.objects.get(set__kode="SPM-SOSIAL-2008", nomor=5)
    with translation.override("en"):
        [_lama, baru] = queries.hitung(tahun=2021)
        bencana = next(h for h in baru.baris if h.indikator.kode == "bencana")
        assert str(bencana.alasan) == "zero denominator"
        with pytest.raises(KesosError, match=r"^SPM values are entered by an admin, a planner or the Head"):
            nilai_manual_simpan(
                pengguna=persona("operator_a"), indikator=i, tahun=2019, pembilang=10, penyebut=10
            )
        with pytest.raises(KesosError, match=r"^numerator and denominator are required\.$"):
            nilai_manual_simpan(
                pengguna=persona("perencana"), indikator=i, tahun=2019, pembilang="", penyebut=1
            )
        with pytest.raises(KesosError, match=r"^year: 2000 to 2100\.$"):
            nilai_manual_simpan(
                pengguna=persona("perencana"), indikator=i, tahun=1999, pembilang=1, penyebut=1
            )
