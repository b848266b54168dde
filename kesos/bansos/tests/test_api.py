from kesos.bansos import services
from kesos.spm.services import spm_muat_baku

from . import pabrik
from .pabrik import DESA_B


def test_programme_rule_and_coverage_within_the_users_area(registri, persona, login, client):
    admin = persona("admin")
    p = pabrik.program(admin, kategori_kode=["FM"])
    per = pabrik.periode(admin, p)
    services.kepesertaan_daftar(pengguna=admin, periode=per, orang=pabrik.orang(kategori=("FM",)))
    pabrik.orang(desa=DESA_B, kategori=("FM",))
    assert client.get("/api/bansos/program/").status_code == 403
    data = login("perencana").get("/api/bansos/program/").json()["results"]
    assert data[0]["aturan"]["kategori"] == ["FM"] and data[0]["periode"][0]["nama"] == "2021"
    semua = login("perencana").get(f"/api/bansos/program/{p.pk}/cakupan/?periode={per.pk}").json()
    assert semua[-1] == {"kode": "", "nama": "Jumlah", "layak": 2, "terdaftar": 1, "tersalur": 0, "celah": 2}
    b = login("operator_b").get(f"/api/bansos/program/{p.pk}/cakupan/?periode={per.pk}").json()
    assert [(r["kode"], r["layak"], r["terdaftar"]) for r in b] == [("18.04.05", 1, 0), ("", 1, 0)]


def test_spm_of_a_year(registri, login):
    spm_muat_baku()
    r = login("reviewer").get("/api/spm/?tahun=2019").json()
    assert len(r) == 12 and all(x["persen"] is None and x["alasan"] for x in r)
    assert login("reviewer").get("/api/spm/?tahun=abc").status_code == 400
