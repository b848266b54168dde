"""Pages: who sees what, an operator recording an event and its aid through the forms."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kesos.bencana import services
from kesos.bencana.models import Bantuan, Kejadian

from .conftest import DESA_A, jam


def test_pages_require_login(client, db):
    r = client.get(reverse("bencana:beranda"))
    assert r.status_code == 302 and "/masuk/" in r["Location"]


@pytest.mark.parametrize("nama", ["admin", "perencana", "kadis", "reviewer", "operator_a", "operator_b"])
def test_every_role_reads_the_pages(login, stok, kejadian_a, nama):
    c = login(nama)
    for url in [
        reverse("bencana:beranda"),
        reverse("bencana:stok"),
        reverse("bencana:tagana"),
        reverse("bencana:peta"),
        reverse("bencana:grafik", args=["svg"]),
        reverse("bencana:kartu-stok", args=[stok["beras"].pk, stok["gudang"].pk]),
    ]:
        assert c.get(url).status_code == 200, url
    detail = c.get(reverse("bencana:kejadian", args=[kejadian_a.pk]))
    assert detail.status_code == (404 if nama == "operator_b" else 200)


def test_operator_records_an_event_and_its_aid_through_the_forms(login, stok, orang_a):
    c = login("operator_a")
    r = c.post(
        reverse("bencana:kejadian-baru"),
        {
            "jenis": "gempa_bumi",
            "uraian": "Gempa, rumah retak",
            "waktu_lapor": jam(1, 7).strftime("%Y-%m-%dT%H:%M"),
            "desa": [DESA_A],
            "lintang": "-5,03",
            "bujur": "104,06",
            **{f: 0 for f in services.KOLOM_ANGKA},
            "jiwa_terdampak": 12,
        },
    )
    k = Kejadian.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("bencana:kejadian", args=[k.pk])
    r = c.post(
        reverse("bencana:bantuan-baru", args=[k.pk]),
        {
            "waktu": jam(1, 9).strftime("%Y-%m-%dT%H:%M"),
            "gudang": stok["gudang"].pk,
            "barang_1": stok["beras"].pk,
            "jumlah_1": 30,
            "jumlah_jiwa": 8,
            "keterangan_penerima": "pengungsi balai pekon",
            "nik": orang_a.nik,
        },
    )
    assert r.status_code == 302
    b = Bantuan.objects.get()
    assert b.penerima.count() == 2
    halaman = c.get(reverse("bencana:kejadian", args=[k.pk])).content.decode()
    assert "2,00 jam" in halaman  # reported 07:00, first aid 09:00


def test_a_refused_delivery_names_the_field_and_writes_nothing(login, stok, kejadian_a):
    c = login("operator_a")
    r = c.post(
        reverse("bencana:bantuan-baru", args=[kejadian_a.pk]),
        {
            "waktu": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "gudang": stok["gudang"].pk,
            "barang_1": stok["beras"].pk,
            "jumlah_1": 101,
        },
        follow=True,
    )
    assert "tinggal 100" in r.content.decode()
    assert not Bantuan.objects.exists()
    # Shown at the quantity's own field, with what was typed.
    assert "tinggal 100" in " ".join(r.context["form_bantuan"].errors["jumlah_1"])
    assert 'value="101"' in r.content.decode()


def test_kecamatan_operator_cannot_receive_stock(login, stok):
    c = login("operator_a")
    r = c.post(reverse("bencana:stok"), {"gudang": stok["gudang"].pk})
    assert r.status_code == 403


def test_the_year_export_and_the_stock_card_open_again(login, stok, kejadian_a):
    c = login("reviewer")
    tahun = kejadian_a.waktu_lapor.year
    wb = load_workbook(io.BytesIO(c.get(reverse("bencana:ekspor") + f"?tahun={tahun}").content))
    assert wb.sheetnames == ["Kejadian", "Bantuan", "Stok", "Mutasi"]
    kartu = c.get(reverse("bencana:kartu-stok", args=[stok["beras"].pk, stok["gudang"].pk]) + "?format=xlsx")
    ws = load_workbook(io.BytesIO(kartu.content)).active
    assert ws["A1"].value == "KARTU STOK"
    assert [c.value for c in ws[5]][:6] == [
        "Tanggal",
        "No. bukti",
        "Dari / kepada",
        "Masuk",
        "Keluar",
        "Sisa",
    ]
    assert ws["D6"].value == 100 and ws["F6"].value == 100


def test_map_page_serves_leaflet_from_kesos_and_lists_events_beside_it(login, kejadian_a):
    html = login("kadis").get(reverse("bencana:peta")).content.decode()
    assert "/static/leaflet/leaflet" in html and "unpkg" not in html and "cdn" not in html.lower()
    # No inline script (the Content-Security-Policy would block it and leave the map empty).
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "titik-bencana" in html
    assert "Tanah longsor" in html  # the table beside the map lists the event (it has no coordinates)
    assert "1 kejadian tanpa koordinat" in html


def test_text_that_looks_like_a_formula_is_written_as_text(login, registri, persona):
    services.kejadian_catat(
        pengguna=persona("admin"),
        jenis="banjir",
        uraian='=HYPERLINK("http://x")',
        waktu_lapor=jam(2),
        desa=[DESA_A],
    )
    c = login("admin")
    wb = load_workbook(io.BytesIO(c.get(reverse("bencana:ekspor") + f"?tahun={jam(2).year}").content))
    ws = wb["Kejadian"]
    sel = next(c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")')
    assert sel.data_type == "s"
