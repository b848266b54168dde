"""Code schemes: a row's level read from its code, enforced by the services for every level."""

import io

import pytest
from django.core.exceptions import ValidationError

from kesos.akun.access import SISTEM
from kesos.perencanaan import queries, services
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import BarisRenja, Organisasi, SkemaKode, TingkatKode
from kesos.perencanaan.skema import Skema, lebar_segmen, skema_dari


@pytest.fixture
def nasional(db):
    return skema_dari(SkemaKode.objects.get(kode="nasional-050-5889"))


@pytest.mark.parametrize(
    "kode,level",
    [
        ("1", "urusan"),
        ("1.06", "bidang"),
        ("1.06.02", "program"),
        ("X.XX.01", "program"),
        ("1.06.02.2.01", "kegiatan"),
        ("1 06 02 2 01", "kegiatan"),
        ("1.06.02.2.01.0001", "sub_kegiatan"),
        ("1.6.2", None),
        ("1.06.02.2", None),
        ("1.06.02.2.01.01", None),
        ("1.06.02.2.01.00001", None),
        ("1.06.0.00.0.00.01.0000", None),
    ],
)
def test_national_level_comes_from_the_code(nasional, kode, level):
    assert nasional.level_kode(kode) == level


def test_local_scheme_reads_the_document_codes(db):
    lokal = skema_dari(SkemaKode.objects.get(kode="lokal-2021"))
    assert [lokal.level_kode(k) for k in ("1", "1 6", "1.6.1.1.15", "1.6.1.1.15.4", "1.6.1", "1.6.1.1")] == [
        "urusan",
        "bidang",
        "program",
        "kegiatan",
        None,
        None,
    ]
    assert lokal.kode_induk("1.6.1.1.15.4") == "1.6.1.1.15"


def test_parent_code_and_examples(nasional):
    assert nasional.kode_induk("1.06.02.2.01.0001") == "1.06.02.2.01"
    assert nasional.kode_induk("1.06.02") == "1.06"
    assert nasional.contoh("kegiatan") == "1.01.01.1.01"
    assert nasional.wajib_induk("kegiatan") and not nasional.wajib_induk("program")


@pytest.mark.parametrize("teks", ["", "a", "0", "2-1", "1,,2", "1-"])
def test_segment_widths_are_validated(teks):
    with pytest.raises(ValueError):
        lebar_segmen(teks)
    with pytest.raises(ValidationError):
        TingkatKode(segmen=teks).clean()


def test_an_admin_scheme_for_a_later_kepmendagri_works_without_code(db):
    """A later regulation with five-digit sub-kegiatan: added as data, imported at once."""
    skema = SkemaKode.objects.create(kode="nasional-baru", nama="Nasional (baru)", prioritas=99)
    for i, (level, segmen) in enumerate(
        [("urusan", "1"), ("bidang", "2"), ("program", "2"), ("kegiatan", "1,2"), ("sub_kegiatan", "5")], 1
    ):
        TingkatKode.objects.create(skema=skema, urutan=i, level=level, nama=level, segmen=segmen)
    from openpyxl import Workbook

    services.sumber_dana_baku()
    org = Organisasi.objects.create(kode="X1", nama="Dinas Sosial Kota Contoh")
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode", "Uraian", "Pagu Indikatif"])
    ws.append(["1.06.03", "Program", None])
    ws.append(["1.06.03.2.01", "Kegiatan", None])
    ws.append(["1.06.03.2.01.00001", "Sub", 5000])
    buf = io.BytesIO()
    wb.save(buf)
    hasil = renja_import(pengguna=SISTEM, berkas=buf.getvalue(), organisasi=org, tahun=2027)
    assert hasil.renja.skema == skema
    assert [b.level for b in queries.renja_ringkasan(hasil.renja).pohon.urut] == [
        "program",
        "kegiatan",
        "sub_kegiatan",
    ]


@pytest.fixture
def renja_nasional(db):
    services.sumber_dana_baku()
    org = Organisasi.objects.create(kode="1.06.0.00.0.00.01.0000", nama="Dinas Sosial Kabupaten Contoh")
    return services.renja_buat(
        pengguna=SISTEM, organisasi=org, tahun=2027, skema=SkemaKode.objects.get(kode="nasional-050-5889")
    )


def test_services_build_a_national_tree_at_every_level(renja_nasional):
    u = services.baris_tambah(
        pengguna=SISTEM, renja=renja_nasional, level="urusan", kode="1", nama="Urusan Wajib"
    )
    b = services.baris_tambah(
        pengguna=SISTEM, renja=renja_nasional, level="bidang", kode="1.06", nama="Sosial", induk=u
    )
    p = services.baris_tambah(
        pengguna=SISTEM, renja=renja_nasional, level="program", kode="1.06.02", nama="P", induk=b
    )
    k = services.baris_tambah(
        pengguna=SISTEM, renja=renja_nasional, level="kegiatan", kode="1.06.02.2.01", nama="K", induk=p
    )
    services.baris_tambah(
        pengguna=SISTEM,
        renja=renja_nasional,
        level="sub_kegiatan",
        kode="1.06.02.2.01.0001",
        nama="S",
        induk=k,
        pagu=7000,
    )
    pohon = queries.renja_ringkasan(renja_nasional).pohon
    assert [(x.level, x.pagu_hitung) for x in pohon.urut] == [
        ("urusan", 7000),
        ("bidang", 7000),
        ("program", 7000),
        ("kegiatan", 7000),
        ("sub_kegiatan", 7000),
    ]
    assert pohon.total == 7000


@pytest.mark.parametrize(
    "level,kode,induk,pesan",
    [
        ("kegiatan", "1.06.02.2.01.0001", "program", "adalah kode Sub Kegiatan"),
        ("kegiatan", "1.6.2.2.1", "program", "tidak sesuai skema"),
        ("kegiatan", "1.06.02.2.02", None, "harus berada di bawah Program"),
        ("sub_kegiatan", "1.06.02.2.01.0001", "program", "tidak dapat berada di bawah Program"),
        ("kegiatan", "1.06.03.2.01", "program", "harus diawali kode induknya 1.06.02"),
    ],
)
def test_services_refuse_a_code_that_does_not_fit_its_level_or_parent(
    renja_nasional, level, kode, induk, pesan
):
    p = services.baris_tambah(
        pengguna=SISTEM, renja=renja_nasional, level="program", kode="1.06.02", nama="P"
    )
    sebelum = BarisRenja.objects.count()
    with pytest.raises(ValidationError) as e:
        services.baris_tambah(
            pengguna=SISTEM,
            renja=renja_nasional,
            level=level,
            kode=kode,
            nama="X",
            induk=p if induk else None,
        )
    assert any(pesan in m for ms in e.value.message_dict.values() for m in ms), e.value.message_dict
    assert BarisRenja.objects.count() == sebelum


def test_heading_rows_carry_no_pagu_of_their_own(renja_nasional):
    with pytest.raises(ValidationError) as e:
        services.baris_tambah(
            pengguna=SISTEM, renja=renja_nasional, level="bidang", kode="1.06", nama="Sosial", pagu=5
        )
    assert "hanya menjumlah" in e.value.message_dict["pagu"][0]


def test_schemes_round_trip_through_the_plain_form(nasional):
    assert Skema.dari_model(SkemaKode.objects.get(kode=nasional.kode)) == nasional


def test_tree_page_offers_the_next_level_of_each_row(renja_nasional, login):
    p = services.baris_tambah(
        pengguna=SISTEM, renja=renja_nasional, level="program", kode="1.06.02", nama="Program P"
    )
    k = services.baris_tambah(
        pengguna=SISTEM, renja=renja_nasional, level="kegiatan", kode="1.06.02.2.01", nama="K", induk=p
    )
    halaman = login("perencana").get(f"/renja/{renja_nasional.pk}/").content.decode()
    assert f"kegiatan/?induk={p.pk}" in halaman and f"sub_kegiatan/?induk={k.pk}" in halaman
    assert 'title="Tambah Sub Kegiatan"' in halaman and "Nasional (Kepmendagri 050-5889" in halaman
    form = (
        login("perencana")
        .get(f"/renja/{renja_nasional.pk}/tambah/sub_kegiatan/?induk={k.pk}")
        .content.decode()
    )
    assert "1.01.01.1.01.0001" in form  # the example code of a sub-kegiatan under this scheme


def test_admin_adds_a_scheme_with_its_levels_and_cannot_change_one_in_use(client, persona, renja_nasional):
    admin = persona("admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    data = {
        "kode": "nasional-2027",
        "nama": "Nasional 2027",
        "pemisah": ".",
        "prioritas": 5,
        "tingkat-TOTAL_FORMS": 5,
        "tingkat-INITIAL_FORMS": 0,
    }
    for i, (level, segmen) in enumerate(
        [("urusan", "1"), ("bidang", "2"), ("program", "2"), ("kegiatan", "1,2"), ("sub_kegiatan", "x")]
    ):
        data |= {f"tingkat-{i}-urutan": i + 1, f"tingkat-{i}-level": level, f"tingkat-{i}-nama": level}
        data[f"tingkat-{i}-segmen"] = segmen
    r = client.post("/admin/perencanaan/skemakode/add/", data)
    assert r.status_code == 200 and not SkemaKode.objects.filter(kode="nasional-2027").exists()  # "x"
    data["tingkat-4-segmen"] = "5"
    assert client.post("/admin/perencanaan/skemakode/add/", data).status_code == 302
    assert (
        skema_dari(SkemaKode.objects.get(kode="nasional-2027")).level_kode("1.06.01.2.01.00001")
        == "sub_kegiatan"
    )
    dipakai = renja_nasional.skema
    halaman = client.get(f"/admin/perencanaan/skemakode/{dipakai.pk}/change/").content.decode()
    assert 'name="tingkat-0-segmen"' not in halaman  # levels of a scheme in use are read-only
