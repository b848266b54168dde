"""Background jobs: who sees them, the runner the page starts, progress and a dead process."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.tugas.models import StatusTugas, Tugas
from kesos.tugas.services import (
    JENIS,
    JenisTugas,
    _tulis_kemajuan,
    kemajuan,
    tugas_buat,
    tugas_jalankan,
    tugas_periksa_hidup,
)

UJI = "uji.hitung"


@pytest.fixture
def jenis_uji():
    """A small kind of job that counts and reports its progress, or fails when told to."""

    def jalankan(tugas, lapor):
        for i in range(1, 4):
            lapor(i * 30, f"langkah {i}")
        if tugas.parameter.get("gagal"):
            from kesos.inti.errors import KesosError

            raise KesosError("Berkas tidak dapat dibaca.")
        if tugas.parameter.get("meledak"):
            raise RuntimeError("rahasia server")
        return {"ringkasan": f"dihitung {tugas.parameter['n']}", "n": tugas.parameter["n"]}

    JENIS[UJI] = JenisTugas(UJI, "Uji", jalankan)
    yield
    JENIS.pop(UJI)


def test_the_command_runs_a_waiting_job_once(db, persona, jenis_uji):
    tugas = tugas_buat(jenis=UJI, pengguna=persona("admin"), parameter={"n": 7})
    assert tugas.status == StatusTugas.ANTRE
    call_command("tugas", "jalankan", str(tugas.pk))
    tugas.refresh_from_db()
    assert (tugas.status, tugas.persen, tugas.hasil["n"], tugas.pesan) == ("selesai", 100, 7, "dihitung 7")
    assert tugas.mulai and tugas.selesai and tugas.mulai <= tugas.selesai
    with pytest.raises(CommandError, match="tidak menunggu"):
        call_command("tugas", "jalankan", str(tugas.pk))


def test_a_refusal_is_told_and_a_server_error_is_not_shown(db, persona, jenis_uji):
    gagal = tugas_jalankan(tugas_buat(jenis=UJI, pengguna=SISTEM, parameter={"n": 1, "gagal": True}).pk)
    assert gagal.status == "gagal" and gagal.pesan == "Berkas tidak dapat dibaca."
    meledak = tugas_jalankan(tugas_buat(jenis=UJI, pengguna=SISTEM, parameter={"n": 1, "meledak": True}).pk)
    assert meledak.status == "gagal" and "rahasia" not in meledak.pesan + json.dumps(meledak.hasil)


def test_progress_is_read_from_the_job_while_it_runs(db, client, persona, jenis_uji):
    tugas = tugas_buat(jenis=UJI, pengguna=persona("admin"), parameter={"n": 1})
    Tugas.objects.filter(pk=tugas.pk).update(status=StatusTugas.BERJALAN, pid=os.getpid())
    tugas.refresh_from_db()
    _tulis_kemajuan(tugas, 42, "Membandingkan pasangan calon")
    assert kemajuan(tugas) == (42, "Membandingkan pasangan calon")
    r = client
    r.force_login(persona("admin"))
    status = r.get(reverse("tugas:status", args=[tugas.pk])).json()
    assert status["persen"] == 42 and status["status"] == "berjalan" and not status["berakhir"]
    html = r.get(reverse("tugas:detail", args=[tugas.pk])).content.decode()
    assert 'value="42"' in html and "kesos/tugas.js" in html and "<script>" not in html


def test_a_job_whose_process_died_is_marked_failed(db, persona, jenis_uji):
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()  # a process id that has ended (and been reaped)
    tugas = tugas_buat(jenis=UJI, pengguna=persona("admin"), parameter={"n": 1})
    Tugas.objects.filter(pk=tugas.pk).update(status=StatusTugas.BERJALAN, pid=p.pid)
    tugas.refresh_from_db()
    assert tugas_periksa_hidup(tugas).status == "gagal"


def test_only_the_starter_and_the_admin_see_a_job(db, login, persona, jenis_uji):
    tugas = tugas_jalankan(tugas_buat(jenis=UJI, pengguna=persona("operator_a"), parameter={"n": 3}).pk)
    for nama, harapan in (("operator_a", 200), ("admin", 200), ("operator_b", 404), ("kadis", 404)):
        klien = login(nama)
        assert klien.get(reverse("tugas:detail", args=[tugas.pk])).status_code == harapan, nama
        assert klien.get(reverse("tugas:status", args=[tugas.pk])).status_code == harapan, nama
    klien.logout()
    assert klien.get(reverse("tugas:status", args=[tugas.pk])).status_code == 302
