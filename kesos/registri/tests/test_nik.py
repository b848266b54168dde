from datetime import date

import pytest

from kesos.registri.nik import periksa_kk, periksa_nik, samarkan

# Synthetic numbers: Balik Bukit (18.04.04), a man born 12-03-1985 and a woman born 24-12-1988.
NIK_L = "1804041203850001"
NIK_P = "1804046412880002"


def test_valid_numbers_pass():
    assert periksa_nik(NIK_L, jenis_kelamin="L", tanggal_lahir=date(1985, 3, 12)).sah
    assert periksa_nik(NIK_P, jenis_kelamin="P", tanggal_lahir=date(1988, 12, 24)).sah


@pytest.mark.parametrize(
    "nik,jk,lahir,bagian",
    [
        ("180404120385001", "L", None, "16 angka"),
        ("18040412038500A1", "L", None, "hanya boleh berisi angka"),
        ("9904041203850001", "L", None, "kode provinsi NIK 99"),
        ("1804041213850001", "L", None, "bulan lahir dalam NIK 13"),
        ("1804043202850001", "L", None, "tanggal lahir dalam NIK 32"),
        ("1804047202850001", "P", None, "perempuan: tanggal + 40"),
        (NIK_L, "P", None, "jenis kelamin tidak sesuai NIK"),
        (NIK_P, "L", None, "jenis kelamin tidak sesuai NIK"),
        (NIK_L, "L", date(1985, 3, 13), "tidak sesuai NIK (digit 7-12 menyebut 12-03-85)"),
        ("1804041203850000", "L", None, "digit 13-16"),
    ],
)
def test_wrong_numbers_say_which_part_is_wrong(nik, jk, lahir, bagian):
    hasil = periksa_nik(nik, jenis_kelamin=jk, tanggal_lahir=lahir)
    assert not hasil.sah
    assert any(bagian in g for g in hasil.galat), hasil.galat


def test_unknown_kecamatan_is_a_warning_not_a_refusal():
    # 18.04.99 is not in the national list; an old NIK may still carry such a code.
    hasil = periksa_nik("1804991203850001", jenis_kelamin="L")
    assert hasil.sah and "tidak ada dalam daftar" in hasil.peringatan[0]
    # Pesisir Barat (18.13) was formed from Lampung Barat: its codes are in the list today.
    assert periksa_nik("1813011203850001", jenis_kelamin="L").peringatan == []


def test_29_february_only_in_leap_years():
    assert periksa_nik("1804042902880001", jenis_kelamin="L", tanggal_lahir=date(1988, 2, 29)).sah
    assert not periksa_nik("1804042902870001", jenis_kelamin="L").sah


def test_kk_and_masking():
    assert periksa_kk("1804040000010001") == []
    assert "16 angka" in periksa_kk("12345")[0]
    assert samarkan(NIK_L) == "1804••••••••0001"
