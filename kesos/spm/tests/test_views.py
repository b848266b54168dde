import io

import pytest
from openpyxl import load_workbook

from kesos.spm.models import NilaiManual
from kesos.spm.services import spm_muat_baku


@pytest.fixture
def spm(registri):
    spm_muat_baku()


def test_spm_page_shows_computed_and_stated_tables_and_the_check(login, spm):
    html = login("reviewer").get("/spm/?tahun=2019").content.decode()
    assert "tidak dapat dihitung" in html
    assert "Rp. 1.500.000/14 OrangX 100 =10,71%" in html  # as stated
    assert "galat" in html
    periksa = login("kadis").get("/spm/periksa/?tahun=2019").content.decode()
    assert "pembilang dalam rupiah, penyebut dalam orang" in periksa
    r = login("perencana").get("/spm/unduh.xlsx?tahun=2019")
    assert load_workbook(io.BytesIO(r.content)).sheetnames == ["SPM-SOSIAL-2008", "SPM-SOSIAL-PP2-2018"]


def test_hand_entered_value_only_by_planning_roles(login, spm):
    from kesos.spm.models import IndikatorSPM

    i = IndikatorSPM.objects.get(set__kode="SPM-SOSIAL-2008", nomor=5)
    login("operator_a").post(f"/spm/indikator/{i.pk}/isi/?tahun=2019", {"pembilang": "10", "penyebut": "10"})
    assert not NilaiManual.objects.exists()
    login("perencana").post(
        f"/spm/indikator/{i.pk}/isi/?tahun=2019", {"pembilang": "1.000", "penyebut": "1.250"}
    )
    n = NilaiManual.objects.get()
    assert (n.pembilang, n.penyebut) == (1000, 1250)
