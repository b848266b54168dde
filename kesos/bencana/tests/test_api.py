"""The read API: events, stock on hand and indicators, scoped as the pages are."""

import pytest
from rest_framework.test import APIClient

from kesos.akun.access import SISTEM
from kesos.bencana import services

from .conftest import DESA_A, DESA_B, jam


@pytest.fixture
def api(persona):
    def masuk(nama: str) -> APIClient:
        c = APIClient()
        c.force_authenticate(persona(nama))
        return c

    return masuk


@pytest.fixture
def dua_kejadian(stok, persona):
    a = services.kejadian_catat(
        pengguna=SISTEM,
        jenis="banjir",
        uraian="Banjir A",
        waktu_lapor=jam(3, 6),
        desa=[DESA_A],
        jiwa_terdampak=10,
    )
    b = services.kejadian_catat(
        pengguna=SISTEM,
        jenis="gempa_bumi",
        uraian="Gempa B",
        waktu_lapor=jam(3, 6),
        desa=[DESA_B],
        jiwa_terdampak=4,
    )
    services.bantuan_catat(
        pengguna=SISTEM,
        kejadian=a,
        waktu_serah=jam(3, 9),
        gudang=stok["gudang"],
        barang=[(stok["beras"], 30)],
        penerima=[services.Penerima(jumlah_jiwa=10)],
    )
    return a, b


def test_events_are_scoped_and_carry_their_response_time(api, dua_kejadian):
    a, b = dua_kejadian
    semua = api("kadis").get("/api/bencana/kejadian/").json()
    assert {k["id"] for k in semua["results"]} == {a.pk, b.pk}
    milik_a = api("operator_a").get("/api/bencana/kejadian/").json()["results"]
    assert [k["id"] for k in milik_a] == [a.pk]
    assert milik_a[0]["respon_jam"] == "3.00" and milik_a[0]["desa"] == [DESA_A]
    assert "nama" not in milik_a[0] and "nik" not in str(milik_a[0]).lower()
    assert api("operator_a").get(f"/api/bencana/kejadian/{b.pk}/").status_code == 404
    tahun = a.waktu_lapor.year
    assert api("kadis").get(f"/api/bencana/kejadian/?tahun={tahun - 1}").json()["results"] == []
    assert api("kadis").get("/api/bencana/kejadian/?tahun=abc").status_code == 400


def test_stock_on_hand_from_the_ledger(api, dua_kejadian, stok):
    baris = {r["kode"]: r for r in api("reviewer").get("/api/bencana/stok/").json()}
    assert baris["BRS"]["stok"] == 70 and baris["BRS"]["per_gudang"] == {"Gudang Dinsos Liwa": 70}
    assert baris["SLM"]["stok"] == 0 and baris["SLM"]["di_bawah_minimum"] is False


def test_indicators_of_a_year_for_the_events_the_user_reads(api, dua_kejadian):
    a, _b = dua_kejadian
    tahun = a.waktu_lapor.year
    kantor = api("perencana").get(f"/api/bencana/indikator/?tahun={tahun}").json()
    assert kantor["respon"]["kejadian"] == 2 and kantor["respon"]["dibantu"] == 1
    assert kantor["respon"]["median_jam"] == "3.00"
    no5 = kantor["spm"][0]
    assert (no5["nomor"], no5["pembilang"], no5["penyebut"]) == (5, "10", "14")
    b_saja = api("operator_b").get(f"/api/bencana/indikator/?tahun={tahun}").json()
    assert b_saja["respon"]["kejadian"] == 1 and b_saja["respon"]["median_jam"] is None
    assert b_saja["spm"][0]["penyebut"] == "4" and b_saja["spm"][0]["persen"] == "0.00"
    assert api("kadis").get("/api/bencana/indikator/").status_code == 400
