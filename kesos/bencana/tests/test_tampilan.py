"""What people look at and type: the yearly workbook written by the command and read back, and
the TAGANA page's forms for trainings and field-kitchen drills."""

from datetime import date

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kesos.bencana import services
from kesos.bencana.models import LatihanDapurUmum, PelatihanTagana

from .conftest import DESA_A, jam


def test_the_export_command_writes_events_aid_stock_and_ledger_read_back(
    tmp_path, stok, kejadian_a, orang_a, persona
):
    services.bantuan_catat(
        pengguna=persona("operator_a"),
        kejadian=kejadian_a,
        waktu_serah=jam(5, 11),
        gudang=stok["gudang"],
        barang=[(stok["beras"], 25)],
        penerima=[services.Penerima(orang=orang_a), services.Penerima(jumlah_jiwa=9)],
    )
    tahun = timezone.localtime(kejadian_a.waktu_lapor).year
    berkas = tmp_path / "bencana.xlsx"
    call_command("bencana", "export", "--year", str(tahun), "-o", str(berkas))
    wb = load_workbook(berkas)
    assert wb.sheetnames == ["Kejadian", "Bantuan", "Stok", "Mutasi"]
    ws = wb["Kejadian"]
    assert ws["A2"].value.startswith("Respon time: 1 dari 1 kejadian dibantu; rata-rata 3,00 jam")
    kepala = [c.value for c in ws[6]]
    baris = dict(zip(kepala, [c.value for c in ws[7]], strict=True))
    assert baris["Uraian"] == kejadian_a.uraian and baris["Jiwa terdampak"] == 40
    assert baris["Kecamatan"] == "Balik Bukit" and baris["Respon time (jam)"] == 3.0
    ws = wb["Bantuan"]
    bantuan = dict(zip([c.value for c in ws[3]], [c.value for c in ws[4]], strict=True))
    assert bantuan["Barang"] == "Beras 25 kg" and bantuan["Jiwa"] == 10 and bantuan["Baris penerima"] == 2
    ws = wb["Stok"]
    assert [c.value for c in ws[4]][:4] == ["BRS", "Beras", "kg", 75]
    ws = wb["Mutasi"]
    jumlah = [r[4] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert jumlah == [100, -25]
    # No name or NIK anywhere in the workbook.
    teks = " ".join(str(c) for s in wb for r in s.iter_rows(values_only=True) for c in r if c is not None)
    assert orang_a.nama not in teks and orang_a.nik not in teks


def test_a_training_is_recorded_from_the_page_and_a_refusal_keeps_what_was_typed(login, registri, persona):
    c = login("perencana")
    r = c.post(
        reverse("bencana:tagana"),
        {
            "pelatihan": "1",
            "nama": "Diklat TAGANA angkatan II",
            "jenis": "pelatihan",
            "mulai": "2021-06-10",
            "selesai": "2021-06-08",
        },
    )
    assert r.status_code == 200 and not PelatihanTagana.objects.exists()
    html = r.content.decode()
    assert "tidak boleh sebelum tanggal mulai" in html and "Diklat TAGANA angkatan II" in html
    r = c.post(
        reverse("bencana:tagana"),
        {
            "pelatihan": "1",
            "nama": "Diklat TAGANA angkatan II",
            "jenis": "pelatihan",
            "mulai": "2021-06-08",
            "selesai": "2021-06-10",
            "tempat": "Liwa",
        },
    )
    assert r.status_code == 302
    p = PelatihanTagana.objects.get()
    assert (p.mulai, p.selesai, p.tempat) == (date(2021, 6, 8), date(2021, 6, 10), "Liwa")
    # A kecamatan operator does not organise trainings.
    r = login("operator_a").post(
        reverse("bencana:tagana"),
        {"pelatihan": "1", "nama": "X", "jenis": "pelatihan", "mulai": "2021-06-08", "selesai": "2021-06-10"},
    )
    assert r.status_code == 403 and PelatihanTagana.objects.count() == 1


def test_a_field_kitchen_drill_with_its_equipment_from_the_page(login, registri):
    c = login("operator_a")
    isian = {
        "dapur": "1",
        "tanggal": "2021-08-17",
        "desa_kode": DESA_A,
        "uraian": "Latihan DUMLAP pekon",
        "jumlah_peserta": "30",
        "porsi": "500",
        "peralatan": "Kompor lapangan; 4; baik\nTenda dapur; satu",
    }
    r = c.post(reverse("bencana:tagana"), isian)
    assert r.status_code == 200 and not LatihanDapurUmum.objects.exists()
    html = r.content.decode()
    assert "peralatan baris 2 jumlah" in html and "Tenda dapur; satu" in html
    r = c.post(
        reverse("bencana:tagana"),
        isian | {"peralatan": "Kompor lapangan; 4; baik\nTenda dapur; 1; rusak ringan"},
    )
    assert r.status_code == 302
    lat = LatihanDapurUmum.objects.get()
    assert sorted(lat.peralatan.values_list("nama", "jumlah", "kondisi")) == [
        ("Kompor lapangan", 4, "baik"),
        ("Tenda dapur", 1, "rusak_ringan"),
    ]
    assert "Latihan DUMLAP pekon" in c.get(reverse("bencana:tagana")).content.decode()


def test_stock_taking_from_the_page_posts_the_difference_with_its_reason(login, stok):
    from kesos.bencana.models import Mutasi, StokOpname

    url = reverse("bencana:opname", args=[stok["gudang"].pk])
    assert login("operator_a").get(url).status_code == 403
    c = login("perencana")
    assert "Stok tercatat: 100 kg" in " ".join(c.get(url).content.decode().split())
    beras = stok["beras"].pk
    isian = {"tanggal": timezone.localdate().isoformat(), f"hitung_{beras}": "95"}
    r = c.post(url, isian)
    assert r.status_code == 200 and not StokOpname.objects.exists()
    assert "selisih -5 kg wajib diberi alasan" in r.content.decode() and 'value="95"' in r.content.decode()
    r = c.post(url, isian | {f"alasan_{beras}": "rusak tikus"})
    assert r.status_code == 302
    m = Mutasi.objects.get(jenis="penyesuaian")
    assert (m.jumlah, m.saldo_setelah, m.alasan) == (-5, 95, "rusak tikus")


def test_a_direct_issue_from_the_stock_page_is_refused_beyond_the_stock_and_kept_as_typed(login, stok):
    from kesos.bencana.models import Mutasi

    c = login("admin")
    isian = {
        "aksi": "keluar",
        "gudang": stok["gudang"].pk,
        "barang": stok["beras"].pk,
        "tanggal": timezone.localdate().isoformat(),
        "jumlah": "150",
        "tujuan": "Posko Kecamatan Suoh",
    }
    r = c.post(reverse("bencana:stok"), isian)
    html = r.content.decode()
    assert r.status_code == 200 and "tinggal 100 kg" in html and "Posko Kecamatan Suoh" in html
    assert not Mutasi.objects.filter(jenis="keluar").exists()
    assert c.post(reverse("bencana:stok"), isian | {"jumlah": "40"}).status_code == 302
    assert Mutasi.objects.get(jenis="keluar").saldo_setelah == 60
