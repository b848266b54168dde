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


# One parser for numbers, rupiah, percentages and dates --------------------------------

from datetime import date  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kesos.inti.formats import parse_angka, parse_persen, parse_tanggal, tanggal  # noqa: E402


@pytest.mark.parametrize(
    "teks,hasil",
    [
        ("Rp. 3.976.298.620,00", 3976298620),
        ("Rp3.976.298.620", 3976298620),
        ("3.976.298.620,00", 3976298620),
        ("6,588,429,650", 6588429650),
        ("IDR 1.000", 1000),
        ("1 000 000", 1000000),
        (Decimal("15000"), 15000),
    ],
)
def test_parse_rupiah_reads_what_offices_type(teks, hasil):
    assert parse_rupiah(teks) == hasil


@pytest.mark.parametrize("teks", ["Rp 1.000,50", "1.000,5", "1e5", "12 345 67x", float("nan")])
def test_parse_rupiah_refuses_cents_and_junk(teks):
    with pytest.raises(ValueError):
        parse_rupiah(teks)


@pytest.mark.parametrize(
    "teks,hasil",
    [
        ("1.234.567", Decimal("1234567")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("(1.000)", Decimal("-1000")),
        (7.25, Decimal("7.25")),
    ],
)
def test_parse_angka_reads_indonesian_and_plain_numbers(teks, hasil):
    assert parse_angka(teks) == hasil


@pytest.mark.parametrize("teks", ["", "abc", "1.2.3", "12,5,3", "--1", "1.23.456"])
def test_parse_angka_refuses_what_is_not_a_number(teks):
    with pytest.raises(ValueError):
        parse_angka(teks)


def test_parse_persen_drops_the_sign():
    assert parse_persen("12,5 %") == Decimal("12.5")
    assert parse_persen("80%") == Decimal("80")


@pytest.mark.parametrize(
    "teks",
    [
        "17-08-1945",
        "17/08/1945",
        "17.08.1945",
        "1945-08-17",
        "17 Agustus 1945",
        "17 Agt 1945",
        "17 agu. 1945",
    ],
)
def test_parse_tanggal_reads_the_usual_forms(teks):
    assert parse_tanggal(teks) == date(1945, 8, 17)


@pytest.mark.parametrize("teks", ["31-02-2020", "17 Foo 1945", "1945/08", ""])
def test_parse_tanggal_refuses_impossible_or_unreadable_dates(teks):
    with pytest.raises(ValueError):
        parse_tanggal(teks)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_rupiah_as_written_reads_back(n):
    assert parse_rupiah(angka(n)) == n
    assert parse_rupiah(f"Rp {angka(n)},00") == n


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_number_as_written_reads_back(d):
    assert parse_angka(angka(d, 2)) == d


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_date_as_written_reads_back(d):
    assert parse_tanggal(tanggal(d)) == d
    assert parse_tanggal(d.strftime("%d-%m-%Y")) == d


@given(st.text(max_size=30))
def test_parsers_raise_only_valueerror(teks):
    for parse in (parse_angka, parse_rupiah, parse_persen, parse_tanggal):
        try:
            parse(teks)
        except ValueError:
            pass
