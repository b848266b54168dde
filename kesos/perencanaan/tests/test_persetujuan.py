"""Issue 10: approval by the kepala dinas could be bypassed (an import straight to Final, a
perencana opening a Perubahan alone). Pinned at the service every importer calls, at the
form and at the command."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.inti.errors import TidakBerhak
from kesos.laporan.renja_xlsx import buat_xlsx
from kesos.perencanaan import queries, services
from kesos.perencanaan.impor import renja_import
from kesos.perencanaan.models import Renja, Tahap
from kesos.perencanaan.pohon import BarisData


@pytest.fixture
def berkas(renja_demo) -> bytes:
    return buat_xlsx(queries.renja_ringkasan(renja_demo))


@pytest.mark.parametrize("tahap", [Tahap.FINAL, Tahap.PERUBAHAN])
@pytest.mark.parametrize("siapa", ["admin", "kadis", "perencana", "sistem"])
def test_no_import_makes_a_final_or_a_perubahan_whoever_asks(renja_demo, persona, berkas, tahap, siapa):
    from django.core.exceptions import ValidationError

    pengguna = SISTEM if siapa == "sistem" else persona(siapa)
    with pytest.raises((ValidationError, TidakBerhak)):
        renja_import(
            berkas=berkas, organisasi=renja_demo.organisasi, tahun=2022, tahap=tahap, pengguna=pengguna
        )
    with pytest.raises((ValidationError, TidakBerhak)):
        services.buat_renja_dari_data(
            organisasi=renja_demo.organisasi,
            tahun=2022,
            tahap=tahap,
            baris=[BarisData(kode="1.6.1.1.15", nama="P", level="program")],
            pengguna=pengguna,
        )
    assert not Renja.objects.filter(tahun=2022).exists()


@pytest.mark.parametrize("nama", ["kadis", "reviewer", "operator_a"])
def test_only_perencana_and_admin_import(renja_demo, persona, berkas, nama):
    with pytest.raises(TidakBerhak):
        renja_import(berkas=berkas, organisasi=renja_demo.organisasi, tahun=2022, pengguna=persona(nama))
    assert not Renja.objects.filter(tahun=2022).exists()


def test_the_upload_form_offers_drafts_only_and_refuses_final(login, renja_demo, berkas):
    c = login("perencana")
    html = c.get(reverse("perencanaan:impor")).content.decode()
    assert (
        'value="rancangan_awal"' in html and 'value="final"' not in html and 'value="perubahan"' not in html
    )
    r = c.post(
        reverse("perencanaan:impor"),
        {
            "organisasi": renja_demo.organisasi.pk,
            "tahun": 2022,
            "tahap": "final",
            "berkas": SimpleUploadedFile("r.xlsx", berkas),
        },
    )
    assert r.status_code == 200 and "final" in r.content.decode().lower()
    assert not Renja.objects.filter(tahun=2022).exists()


def test_the_command_refuses_final(renja_demo, tmp_path, berkas):
    f = tmp_path / "r.xlsx"
    f.write_bytes(berkas)
    for tahap in ("final", "perubahan"):
        with pytest.raises(CommandError, match="rancangan"):
            call_command(
                "renja", "import", str(f), "--organisasi", "1.6.1.1", "--year", "2022", "--tahap", tahap
            )
    assert not Renja.objects.filter(tahun=2022).exists()


def test_the_command_acts_as_the_named_user_or_as_the_audited_system(renja_demo, persona, tmp_path, berkas):
    f = tmp_path / "r.xlsx"
    f.write_bytes(berkas)
    persona("reviewer")
    with pytest.raises(CommandError, match="perencana"):
        call_command(
            "renja", "import", str(f), "--organisasi", "1.6.1.1", "--year", "2022", "--pengguna", "reviewer"
        )
    with pytest.raises(CommandError, match="tidak ada"):
        call_command(
            "renja", "import", str(f), "--organisasi", "1.6.1.1", "--year", "2022", "--pengguna", "siapa"
        )
    perencana = persona("perencana")
    call_command(
        "renja", "import", str(f), "--organisasi", "1.6.1.1", "--year", "2022", "--pengguna", "perencana"
    )
    renja = Renja.objects.get(tahun=2022)
    assert renja.dibuat_oleh == perencana
    assert AuditLog.objects.get(objek="perencanaan.Renja", objek_id=str(renja.pk)).pengguna == perencana
    call_command("renja", "import", str(f), "--organisasi", "1.6.1.1", "--year", "2023")
    log = AuditLog.objects.get(objek="perencanaan.Renja", objek_id=str(Renja.objects.get(tahun=2023).pk))
    assert log.pengguna is None and "[sistem]" in log.keterangan


def test_perencana_cannot_finalise_or_open_a_perubahan_on_the_page(login, renja_demo):
    rancangan = services.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    assert login("perencana").post(reverse("perencanaan:lanjutkan", args=[rancangan.pk])).status_code == 403
    final = services.renja_lanjutkan(renja=rancangan, pengguna=SISTEM)
    assert login("perencana").post(reverse("perencanaan:lanjutkan", args=[final.pk])).status_code == 403
    assert not Renja.objects.filter(tahap=Tahap.PERUBAHAN).exists()
    html = login("perencana").get(reverse("perencanaan:renja", args=[final.pk])).content.decode()
    assert "Buka Renja Perubahan" not in html
    r = login("kadis").post(reverse("perencanaan:lanjutkan", args=[final.pk]))
    assert r.status_code == 302 and Renja.objects.filter(tahap=Tahap.PERUBAHAN).exists()
