"""Pages per role: operators act in their own area, readers see masked lists, admin defines."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from kesos.bansos import services
from kesos.bansos.models import Kepesertaan, Penyaluran, Program

from . import pabrik
from .pabrik import DESA_B


@pytest.fixture
def data(registri, persona):
    admin = persona("admin")
    p = pabrik.program(admin, kategori_kode=["FM"], nilai_manfaat=750_000)
    per = pabrik.periode(admin, p)
    sik = pabrik.siklus(admin, per)
    a = pabrik.orang(kategori=("FM",))
    a2 = pabrik.orang(kategori=("FM",))
    b = pabrik.orang(desa=DESA_B, kategori=("FM",))
    k = services.kepesertaan_daftar(pengguna=admin, periode=per, orang=a)
    return {"p": p, "per": per, "sik": sik, "a": a, "a2": a2, "b": b, "k": k}


def test_every_reader_role_sees_the_pages_and_anonymous_is_sent_to_login(client, login, data):
    per = data["per"]
    halaman = [
        "/bansos/",
        f"/bansos/program/{data['p'].pk}/",
        f"/bansos/periode/{per.pk}/cakupan/",
        f"/bansos/periode/{per.pk}/belum/",
        f"/bansos/periode/{per.pk}/peserta/",
        "/bansos/pengaduan/",
        "/bansos/periksa/",
    ]
    for url in halaman:
        assert client.get(url).status_code == 302
    for nama in ("admin", "perencana", "kadis", "reviewer", "operator_a"):
        c = login(nama)
        for url in halaman:
            assert c.get(url).status_code == 200, (nama, url)
        # The upload page is for those who may import: admin and operators.
        harap = 200 if nama in ("admin", "operator_a") else 403
        assert c.get(f"/bansos/periode/{per.pk}/impor/").status_code == harap, nama


def test_operator_sees_and_enrols_only_in_their_area(login, data):
    c = login("operator_a")
    r = c.get(f"/bansos/periode/{data['per'].pk}/belum/")
    html = r.content.decode()
    assert data["a2"].nik in html and data["b"].nik not in html
    c.post(f"/bansos/periode/{data['per'].pk}/daftar/", {"penerima": data["a2"].pk})
    assert Kepesertaan.objects.get(orang=data["a2"]).status == "terdaftar"
    r = c.post(f"/bansos/periode/{data['per'].pk}/daftar/", {"penerima": data["b"].pk})
    assert r.status_code == 404  # another area's person is not even confirmed to exist
    assert not Kepesertaan.objects.filter(orang=data["b"]).exists()


def test_readers_without_personal_data_get_the_list_masked(login, data):
    for nama in ("perencana", "reviewer"):
        html = login(nama).get(f"/bansos/periode/{data['per'].pk}/belum/").content.decode()
        assert data["a2"].nik not in html and data["a2"].nik[:4] + "••••" in html
        assert data["a2"].nama not in html
        r = login(nama).get(f"/bansos/periode/{data['per'].pk}/belum.xlsx")
        ws = load_workbook(io.BytesIO(r.content)).active
        nomor = [ws.cell(row=i, column=2).value for i in range(5, ws.max_row + 1)]
        assert nomor and all("••••" in n for n in nomor)


def test_delivery_from_the_recipients_page_and_cycle_closing(login, data):
    c = login("operator_a")
    r = c.post(
        f"/bansos/kepesertaan/{data['k'].pk}/salur/",
        {
            "siklus": data["sik"].pk,
            "tanggal": "2021-02-10",
            "uraian": "Tahap 1",
            "rupiah": "750.000",
            "petugas": "Bank",
        },
    )
    assert r.status_code == 302
    assert Penyaluran.objects.get().rupiah == 750_000
    c.post(
        f"/bansos/kepesertaan/{data['k'].pk}/salur/",
        {
            "siklus": data["sik"].pk,
            "tanggal": "2021-02-11",
            "uraian": "lagi",
            "rupiah": "-5",
            "petugas": "Bank",
        },
    )
    assert Penyaluran.objects.count() == 1
    c.post(f"/bansos/siklus/{data['sik'].pk}/tutup/")
    data["sik"].refresh_from_db()
    assert data["sik"].terbuka  # operators may not close a cycle
    login("kadis").post(f"/bansos/siklus/{data['sik'].pk}/tutup/")
    data["sik"].refresh_from_db()
    assert data["sik"].total_rupiah == 750_000


def test_coverage_page_chart_and_xlsx(login, data):
    c = login("operator_b")
    html = c.get(f"/bansos/periode/{data['per'].pk}/cakupan/").content.decode()
    assert 'id="total-layak">1<' in html  # only kecamatan B is theirs
    assert c.get(f"/bansos/periode/{data['per'].pk}/cakupan.svg").content.startswith(b"<?xml")
    ws = load_workbook(io.BytesIO(c.get(f"/bansos/periode/{data['per'].pk}/cakupan.xlsx").content)).active
    assert ws.cell(row=5, column=2).value == "Sumber Jaya" and ws.cell(row=5, column=3).value == 1


def test_only_admin_defines_programmes_on_the_page(login, data):
    r = login("perencana").post(
        "/bansos/program/baru/",
        {"kode": "X", "nama": "X", "jenis_manfaat": "tunai", "satuan": "orang", "verval": "semua"},
    )
    assert r.status_code == 403 and not Program.objects.filter(kode="X").exists()
    r = login("admin").post(
        "/bansos/program/baru/",
        {
            "kode": "LANSIA",
            "nama": "Bantuan lansia",
            "jenis_manfaat": "barang",
            "satuan": "orang",
            "verval": "semua",
            "usia_min": "65",
            "aktif": "on",
        },
    )
    assert r.status_code == 302
    assert Program.objects.get(kode="LANSIA").usia_min == 65
    r = login("admin").post(
        f"/bansos/program/{Program.objects.get(kode='LANSIA').pk}/periode/",
        {"periode-nama": "2021", "periode-mulai": "2021-12-01", "periode-selesai": "2021-01-01"},
    )
    assert not Program.objects.get(kode="LANSIA").periode.exists()


def test_upload_page_reports_rows(login, data):
    c = login("admin")
    f = io.BytesIO(f"NIK;Nama\n{data['a2'].nik};A\n3201012505900009;B\n".encode())
    f.name = "daftar.csv"
    html = c.post(f"/bansos/periode/{data['per'].pk}/impor/", {"berkas": f}).content.decode()
    assert "kabupaten/kota lain" in html and "tidak ada yang disimpan" in html
    assert not Kepesertaan.objects.filter(orang=data["a2"]).exists()


def test_complaints_page(login, data):
    c = login("operator_a")
    c.post(
        "/bansos/pengaduan/",
        {"program": data["p"].pk, "desa_kode": DESA_B, "jenis": "sasaran", "uraian": "x"},
    )
    from kesos.bansos.models import Pengaduan

    assert not Pengaduan.objects.exists()  # another area's desa
    c.post(
        "/bansos/pengaduan/",
        {"program": data["p"].pk, "desa_kode": pabrik.DESA_A, "jenis": "sasaran", "uraian": "Salah sasaran"},
    )
    p = Pengaduan.objects.get()
    c.post(f"/bansos/pengaduan/{p.pk}/", {"tindak_lanjut": "Dicek", "tutup": "1"})
    p.refresh_from_db()
    assert p.status == "selesai" and p.ditutup_pada is not None
    assert date.today().year >= 2021


def test_programme_page_lists_groups_and_houses_of_the_users_area(login, persona, registri):
    from kesos.bansos.models import JenisManfaat, Satuan

    admin = persona("admin")
    kube = pabrik.program(admin, kode="KUBE", satuan=Satuan.KELOMPOK, jenis=JenisManfaat.HIBAH_KELOMPOK)
    services.kelompok_buat(
        pengguna=admin,
        program=kube,
        nama="KUBE Maju",
        desa_kode=pabrik.DESA_A,
        jenis_usaha="Ternak",
        dibentuk=date(2021, 1, 5),
        anggota=[(pabrik.orang(), "ketua")],
    )
    services.kelompok_buat(
        pengguna=admin,
        program=kube,
        nama="KUBE Jaya",
        desa_kode=DESA_B,
        jenis_usaha="Kopi",
        dibentuk=date(2021, 1, 5),
        anggota=[(pabrik.orang(desa=DESA_B), "ketua")],
    )
    html = login("operator_a").get(f"/bansos/program/{kube.pk}/").content.decode()
    assert "KUBE Maju" in html and "KUBE Jaya" not in html


def test_operator_records_a_group_by_nik_and_a_house_and_its_progress(login, persona, registri):
    from kesos.bansos.models import JenisManfaat, Kelompok, Rumah, Satuan

    admin = persona("admin")
    kube = pabrik.program(admin, kode="KUBE", satuan=Satuan.KELOMPOK, jenis=JenisManfaat.HIBAH_KELOMPOK)
    a1, a2, b = pabrik.orang(), pabrik.orang(), pabrik.orang(desa=DESA_B)
    c = login("operator_a")
    data = {
        "kelompok-nama": "KUBE Tani",
        "kelompok-desa_kode": pabrik.DESA_A,
        "kelompok-jenis_usaha": "Sayur",
        "kelompok-dibentuk": "2021-02-01",
    }
    c.post(f"/bansos/program/{kube.pk}/kelompok/", data | {"kelompok-anggota": f"{a1.nik}\n{b.nik}"})
    assert not Kelompok.objects.exists()  # a member of another area is not found
    c.post(f"/bansos/program/{kube.pk}/kelompok/", data | {"kelompok-anggota": f"{a1.nik}\n{a2.nik}"})
    k = Kelompok.objects.get()
    assert sorted(k.anggota.values_list("peran", flat=True)) == ["anggota", "ketua"]
    rtlh = pabrik.program(admin, kode="RTLH", satuan=Satuan.KELUARGA, jenis=JenisManfaat.REHAB_RUMAH)
    kel = pabrik.keluarga()
    c.post(
        f"/bansos/program/{rtlh.pk}/rumah/",
        {
            "rumah-no_kk": kel.no_kk,
            "rumah-kondisi_sebelum": "rusak_berat",
            "rumah-biaya": "17.500.000",
            "rumah-foto_sebelum": "rtlh/1.jpg",
        },
    )
    r = Rumah.objects.get()
    assert r.biaya == 17_500_000
    c.post(f"/bansos/rumah/{r.pk}/kemajuan/", {"versi": r.versi, "kemajuan": "100"})
    r.refresh_from_db()
    assert r.kemajuan == 0  # finishing needs the condition after
    c.post(
        f"/bansos/rumah/{r.pk}/kemajuan/", {"versi": r.versi, "kemajuan": "100", "kondisi_sesudah": "layak"}
    )
    r.refresh_from_db()
    assert (r.kemajuan, r.kondisi_sesudah) == (100, "layak")
    assert (
        login("operator_b")
        .post(f"/bansos/rumah/{r.pk}/kemajuan/", {"versi": r.versi, "kemajuan": "50"})
        .status_code
        == 404
    )
