"""Every kind of eligibility rule, as data: each test changes only the rule, never the code."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kesos.bansos import kelayakan, services
from kesos.bansos.models import Program, Satuan, StatusKepesertaan, SyaratVerval
from kesos.registri import services as registri
from kesos.registri.models import HasilVerval, Orang, Status

from . import pabrik
from .pabrik import DESA_A, DESA_B


@pytest.fixture
def admin(registri, persona):
    return persona("admin")


def _layak(program, periode, **kw):
    return set(kelayakan.layak(program, periode, **kw).values_list("pk", flat=True))


def test_category_rule_admits_only_persons_classified_by_the_period_end(admin):
    miskin = pabrik.orang(kategori=("FM",))
    disabilitas = pabrik.orang(kategori=("PD",))
    terlambat = pabrik.orang(kategori=("FM",), sejak=date(2022, 3, 1))
    tanpa = pabrik.orang()
    p = pabrik.program(admin, kategori_kode=["FM"])
    per = pabrik.periode(admin, p)
    assert _layak(p, per) == {miskin.pk}
    alasan = kelayakan.alasan_tidak_layak(p, per, [disabilitas.pk, terlambat.pk, tanpa.pk])
    assert all("kategori FM" in a[0] for a in alasan.values())
    # The rule changes without code: two categories now.
    p = services.program_simpan(
        pengguna=admin,
        program=p,
        versi=p.versi,
        kode="PKH",
        nama=p.nama,
        jenis_manfaat=p.jenis_manfaat,
        satuan=p.satuan,
        kategori_kode=["FM", "PD"],
    )
    assert _layak(p, per) == {miskin.pk, disabilitas.pk}


@pytest.mark.parametrize(
    "lahir,boleh",
    [
        (date(1956, 1, 1), True),  # 65 on the first day of the period
        (date(1956, 1, 2), False),  # 65 one day later
        (date(1930, 6, 1), True),
    ],
)
def test_minimum_age_on_the_first_day_of_the_period(admin, lahir, boleh):
    o = pabrik.orang(lahir=lahir)
    p = pabrik.program(admin, kode="LANSIA", usia_min=65)
    per = pabrik.periode(admin, p)
    assert (o.pk in _layak(p, per)) is boleh
    if not boleh:
        assert kelayakan.alasan_tidak_layak(p, per, [o.pk])[o.pk] == [
            "belum berusia 65 tahun pada 01-01-2021"
        ]


def test_maximum_age_and_a_leap_day_birth(admin):
    enam_lima = pabrik.orang(lahir=date(1956, 1, 1))
    anak = pabrik.orang(lahir=date(2004, 2, 29))  # 17 on 28-02-2021, 17 still on 01-01-2021
    dewasa = pabrik.orang(lahir=date(2003, 1, 1))  # 18 on 01-01-2021
    p = pabrik.program(admin, kode="ANAK", usia_max=17)
    per = pabrik.periode(admin, p)
    assert _layak(p, per) == {anak.pk}
    assert kelayakan.alasan_tidak_layak(p, per, [dewasa.pk])[dewasa.pk] == [
        "berusia lebih dari 17 tahun pada 01-01-2021"
    ]
    assert enam_lima.pk not in _layak(p, per)


def test_sex_rule(admin):
    perempuan = pabrik.orang(jk="P")
    laki = pabrik.orang(jk="L")
    p = pabrik.program(admin, kode="PRSE", jenis_kelamin="P")
    per = pabrik.periode(admin, p)
    assert _layak(p, per) == {perempuan.pk}
    assert kelayakan.alasan_tidak_layak(p, per, [laki.pk])[laki.pk] == ["bukan perempuan"]


def test_area_rule_and_the_area_a_list_is_limited_to(admin):
    a, b = pabrik.orang(desa=DESA_A), pabrik.orang(desa=DESA_B)
    p = pabrik.program(admin, kode="LOKAL", wilayah_kode="18.04.05")
    per = pabrik.periode(admin, p)
    assert _layak(p, per) == {b.pk}
    semua = pabrik.program(admin, kode="SEMUA")
    per2 = pabrik.periode(admin, semua)
    assert _layak(semua, per2, lingkup="18.04.04") == {a.pk}
    assert _layak(semua, per2) == {a.pk, b.pk}


def test_dead_or_moved_persons_are_never_eligible(admin, persona):
    o = pabrik.orang(kategori=("FM",))
    p = pabrik.program(admin, kategori_kode=["FM"])
    per = pabrik.periode(admin, p)
    registri.orang_ubah_status(orang=o, status=Status.MENINGGAL, pengguna=persona("admin"))
    assert _layak(p, per) == set()
    assert kelayakan.alasan_tidak_layak(p, per, [o.pk])[o.pk] == ["tidak tercatat hidup di registri"]


def test_verval_rules_read_the_latest_round(admin, persona):
    kadis, op = persona("kadis"), persona("operator_a")
    valid, ditolak, belum = pabrik.orang(), pabrik.orang(), pabrik.orang()
    r1 = registri.verval_buka(nama="2020", pengguna=kadis)
    registri.verval_tandai(
        putaran=r1, orang=valid, hasil=HasilVerval.TIDAK_VALID, alasan="sudah_mampu", pengguna=op
    )
    registri.verval_tandai(putaran=r1, orang=ditolak, hasil=HasilVerval.VALID, pengguna=op)
    registri.verval_tutup(putaran=r1, pengguna=kadis)
    r2 = registri.verval_buka(nama="2021", pengguna=kadis)
    registri.verval_tandai(putaran=r2, orang=valid, hasil=HasilVerval.DIKOREKSI, pengguna=op)
    registri.verval_tandai(
        putaran=r2, orang=ditolak, hasil=HasilVerval.TIDAK_VALID, alasan="sudah_mampu", pengguna=op
    )
    p_valid = pabrik.program(admin, kode="V", verval=SyaratVerval.VALID)
    p_tolak = pabrik.program(admin, kode="T", verval=SyaratVerval.TIDAK_DITOLAK)
    assert _layak(p_valid, pabrik.periode(admin, p_valid)) == {valid.pk}
    assert _layak(p_tolak, pabrik.periode(admin, p_tolak)) == {valid.pk, belum.pk}


def test_programmes_that_may_not_overlap_in_a_period(admin, persona):
    op = persona("operator_a")
    kel = pabrik.keluarga()
    kepala = pabrik.orang(kategori=("FM",), keluarga=kel)
    istri = pabrik.orang(jk="P", kategori=("FM",), keluarga=kel)
    lain = pabrik.orang(kategori=("FM",))
    pkh = pabrik.program(admin, kode="PKH", satuan=Satuan.KELUARGA, kategori_kode=["FM"])
    pkh_2021 = pabrik.periode(admin, pkh)
    bst = pabrik.program(admin, kode="BST", kategori_kode=["FM"], tidak_bersama=[pkh])
    bst_2021 = pabrik.periode(admin, bst, mulai=date(2021, 4, 1), selesai=date(2021, 6, 30))
    bst_2022 = pabrik.periode(admin, bst, nama="2022", mulai=date(2022, 1, 1), selesai=date(2022, 3, 31))
    assert _layak(bst, bst_2021) == {kepala.pk, istri.pk, lain.pk}
    k = services.kepesertaan_daftar(pengguna=op, periode=pkh_2021, keluarga=kel)
    assert k.status == StatusKepesertaan.TERDAFTAR
    # Both members of the PKH household are out of BST in an overlapping period, not in 2022.
    assert _layak(bst, bst_2021) == {lain.pk}
    assert _layak(bst, bst_2022) == {kepala.pk, istri.pk, lain.pk}
    assert "PKH" in kelayakan.alasan_tidak_layak(bst, bst_2021, [istri.pk])[istri.pk][0]
    # The other way round: a household with a member in BST is out of a PKH that excludes BST.
    pkh2 = pabrik.program(admin, kode="PKH2", satuan=Satuan.KELUARGA, tidak_bersama=[bst])
    per = pabrik.periode(admin, pkh2)
    kel2 = pabrik.keluarga()
    anggota = pabrik.orang(kategori=("FM",), keluarga=kel2)
    assert kel2.pk in _layak(pkh2, per)
    assert services.kepesertaan_daftar(pengguna=op, periode=bst_2021, orang=anggota).status == "terdaftar"
    assert kel2.pk not in _layak(pkh2, per)


def test_household_unit_is_eligible_through_one_member(admin):
    kel = pabrik.keluarga()
    pabrik.orang(keluarga=kel, lahir=date(1990, 1, 1))
    pabrik.orang(keluarga=kel, lahir=date(1950, 1, 1), kategori=("LUT",))
    kosong = pabrik.keluarga()
    pabrik.orang(keluarga=kosong)
    p = pabrik.program(admin, kode="KLG", satuan=Satuan.KELUARGA, kategori_kode=["LUT"], usia_min=60)
    per = pabrik.periode(admin, p)
    assert _layak(p, per) == {kel.pk}
    assert "tidak ada anggota keluarga" in kelayakan.alasan_keluarga_tidak_layak(p, per, kosong.pk)[0]


@st.composite
def _aturan(draw):
    usia_min = draw(st.none() | st.integers(0, 90))
    usia_max = draw(st.none() | st.integers(usia_min or 0, 100))
    return {
        "kategori_kode": draw(st.sampled_from([[], ["FM"], ["PD"], ["FM", "PD"]])),
        "usia_min": usia_min,
        "usia_max": usia_max,
        "jenis_kelamin": draw(st.sampled_from(["", "L", "P"])),
        "wilayah_kode": draw(st.sampled_from(["", "18.04.04", "18.04.05", DESA_A])),
    }


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(aturan=_aturan())
def test_the_list_and_the_reasons_never_disagree(admin, aturan):
    """For random rules over a fixed set of persons, a person is on the eligible list exactly
    when no reason against them is found."""
    # The persons are made once: the database outlives the examples of one test.
    if not Orang.data_pribadi.exists():
        for lahir, jk, desa, kat in [
            (date(1950, 1, 1), "L", DESA_A, ("FM",)),
            (date(1990, 7, 31), "P", DESA_B, ("PD",)),
            (date(2010, 2, 28), "P", pabrik.DESA_A2, ()),
            (date(1962, 12, 31), "L", DESA_B, ("FM", "PD")),
            (date(2000, 2, 29), "L", DESA_A, ("FM",)),
        ]:
            pabrik.orang(lahir=lahir, jk=jk, desa=desa, kategori=kat)

    kode = f"H{Program.objects.count()}"
    p = pabrik.program(admin, kode=kode, **aturan)
    per = pabrik.periode(admin, p)
    ids = list(Orang.data_pribadi.values_list("pk", flat=True))
    alasan = kelayakan.alasan_tidak_layak(p, per, ids)
    assert _layak(p, per) == {i for i in ids if not alasan[i]}
