from decimal import Decimal

import pytest

from kesos.inti.formats import angka, parse_rupiah, parse_target, rupiah


def test_rupiah_uses_dots_for_thousands():
    assert rupiah(5694430455) == "Rp 5.694.430.455"
    assert rupiah(0) == "Rp 0"
    assert rupiah(-1500) == "-Rp 1.500"


def test_angka_with_decimals_uses_comma():
    assert angka(Decimal("94.44"), 2) == "94,44"
    assert angka(1234567) == "1.234.567"


@pytest.mark.parametrize(
    "teks,hasil",
    [("5.694.430.455", 5694430455), ("1250000", 1250000), ("Rp 1.000", 1000), (475000, 475000), (12.0, 12)],
)
def test_parse_rupiah_accepts_office_formats(teks, hasil):
    assert parse_rupiah(teks) == hasil


@pytest.mark.parametrize("teks", ["12.5x", "12,5", "1.2345", "abc", 12.5, True])
def test_parse_rupiah_refuses_anything_but_whole_rupiah(teks):
    with pytest.raises(ValueError):
        parse_rupiah(teks)


@pytest.mark.parametrize(
    "teks,angka_,satuan",
    [
        ("100 %", Decimal("100"), "%"),
        ("15 Kecamatan", Decimal("15"), "Kecamatan"),
        ("1000 Surat", Decimal("1000"), "Surat"),
        ("1.000 Surat", Decimal("1000"), "Surat"),
        ("12,5 %", Decimal("12.5"), "%"),
        ("0 %", Decimal("0"), "%"),
    ],
)
def test_parse_target_splits_number_and_unit(teks, angka_, satuan):
    assert parse_target(teks) == (angka_, satuan)


def test_parse_target_without_number():
    assert parse_target("Satu Tahun") == (None, "Satu Tahun")
