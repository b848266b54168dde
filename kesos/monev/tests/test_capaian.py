"""Every kind of indicator, worked by hand from the document's own figures."""

from decimal import Decimal as D

import pytest

from kesos.monev.capaian import (
    TIDAK_DAPAT_DIHITUNG,
    bulat,
    capaian,
    persen,
    predikat,
    rata_rata,
    realisasi_sampai,
)


def test_rising_indicator_is_realisation_over_target():
    # Lampiran I, Pengadaan Kendaraan Dinas: Renstra to date 17 of a target of 21 motorcycles.
    assert bulat(capaian("naik", 21, 17)) == D("80.95")


def test_rising_indicator_is_never_capped_at_100():
    assert capaian("naik", 10, 12) == D(120)


def test_falling_indicator_is_target_over_realisation():
    # Aid delivered in 2 days against a target of 3: better than the target.
    assert capaian("turun", 3, 2) == D(150)
    # 12 neglected people where 8 were targeted: worse.
    assert bulat(capaian("turun", 8, 12)) == D("66.67")


def test_percentage_and_last_value_indicators():
    assert capaian("persen", D("80"), D("100")) == D(125)
    assert capaian("terakhir", 12, 12) == D(100)


@pytest.mark.parametrize("jenis", ["naik", "turun", "persen", "terakhir"])
def test_zero_target_with_zero_realisation_cannot_be_computed(jenis):
    # Lampiran I, DAK Bidang Sosial 2019: target 0, realisation 0; the document says 0 %.
    assert capaian(jenis, 0, 0) is None
    assert predikat(capaian(jenis, 0, 0)) == TIDAK_DAPAT_DIHITUNG


def test_missing_figures_cannot_be_computed():
    assert capaian("naik", None, 5) is None
    assert capaian("naik", 5, None) is None
    assert persen(5, 0) is None


def test_realisation_to_date_sums_cumulative_and_keeps_last_otherwise():
    # Jasa Surat Menyurat: 1.000 to 2018, 1.000 in 2019, 2.000 targeted in 2020 -> 4.000.
    assert realisasi_sampai(True, [1000, 1000, 2000]) == 4000
    # LKSA under guidance: 12 every year is 12, not 36.
    assert realisasi_sampai(False, [12, 12, 12]) == 12
    assert realisasi_sampai(False, [5, None]) == 5
    assert realisasi_sampai(True, [None, None]) is None


def test_budget_realisation_2019_of_the_document():
    assert bulat(persen(6_258_855_530, 6_627_182_650)) == D("94.44")
    # Sosialisasi Pendampingan Penyaluran Rastra: Rp 186.219.000 of Rp 425.599.000.
    assert bulat(persen(186_219_000, 425_599_000)) == D("43.75")


@pytest.mark.parametrize(
    "nilai,hasil",
    [
        (D(100), "Sangat Tinggi"),
        (D(91), "Sangat Tinggi"),
        (D("90.6"), "Sangat Tinggi"),
        (D(90), "Tinggi"),
        (D(76), "Tinggi"),
        (D(75), "Sedang"),
        (D(66), "Sedang"),
        (D(65), "Rendah"),
        (D(51), "Rendah"),
        (D(50), "Sangat Rendah"),
        (D(0), "Sangat Rendah"),
        (D(150), "Sangat Tinggi"),
    ],
)
def test_default_rating_bands(nilai, hasil):
    assert predikat(nilai) == hasil


def test_rating_bands_are_configurable():
    assert predikat(D(80), [(D(80), "Baik"), (D(0), "Kurang")]) == "Baik"
    assert predikat(D(79), [(D(80), "Baik"), (D(0), "Kurang")]) == "Kurang"


def test_average_ignores_what_cannot_be_computed():
    assert rata_rata([D(100), None, D(50)]) == D(75)
    assert rata_rata([None]) is None
