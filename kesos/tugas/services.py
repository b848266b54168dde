"""Background jobs: a record per job, run by ``kesos tugas jalankan <id>`` in a process of its own.

Why a process and not a thread of the web server: the work is long and heavy (the duplicate
search over a million persons holds gigabytes), a web worker is restarted or timed out by
gunicorn at will, and a process started with its own session lives on after the request;
it needs no other server (no Redis, no Celery) and works on SQLite and PostgreSQL alike.

Progress is written to a small file beside the job (``VAR_DIR/tugas/<id>/kemajuan.json``),
not to the database: an import holds one write transaction from its first row to its last,
and on SQLite nothing else may write meanwhile. The record itself is written when the job
starts and when it ends.
"""

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kesos.akun.access import pengguna_db
from kesos.inti.errors import KesosError

from .models import StatusTugas, Tugas

log = logging.getLogger(__name__)

Lapor = Callable[[int, str], None]  # (percent, message)


@dataclass(frozen=True)
class JenisTugas:
    kode: str
    judul: str
    jalankan: Callable[[Tugas, Lapor], dict]  # the work; returns what the job's page shows
    templat_hasil: str = ""  # a template that shows ``hasil``


JENIS: dict[str, JenisTugas] = {}


def daftarkan_jenis(jenis: JenisTugas) -> JenisTugas:
    JENIS[jenis.kode] = jenis
    return jenis


def _akar() -> Path:
    return Path(getattr(settings, "KESOS_TUGAS_DIR", "") or Path(settings.VAR_DIR) / "tugas")


def folder(tugas: Tugas) -> Path:
    """The job's own folder: its uploaded file, its report, its progress."""
    f = _akar() / str(tugas.pk)
    f.mkdir(parents=True, exist_ok=True)
    return f


def tugas_buat(*, jenis: str, pengguna: AbstractBaseUser, parameter: dict | None = None) -> Tugas:
    """A new job waiting to run. The caller (the service of the job's kind) has asked its
    policy whether this user may start it."""
    if jenis not in JENIS:
        raise ValueError(f"jenis tugas tidak dikenal: {jenis}")
    return Tugas.objects.create(jenis=jenis, dimulai_oleh=pengguna_db(pengguna), parameter=parameter or {})


def tugas_luncurkan(tugas: Tugas) -> None:
    """Start the job once the transaction that created it is committed: in a process of its
    own, or here and now when ``KESOS_TUGAS_LANGSUNG`` is set (tests, a single command)."""
    if getattr(settings, "KESOS_TUGAS_LANGSUNG", False):
        tugas_jalankan(tugas.pk)
        tugas.refresh_from_db()
        return

    def luncurkan() -> None:
        with open(folder(tugas) / "proses.log", "ab") as keluaran:
            p = subprocess.Popen(  # noqa: S603 - our own command, arguments are not user input
                [sys.executable, "-m", "kesos.cli", "tugas", "jalankan", str(tugas.pk)],
                stdin=subprocess.DEVNULL,
                stdout=keluaran,
                stderr=keluaran,
                start_new_session=True,
                env=os.environ.copy(),
            )
        Tugas.objects.filter(pk=tugas.pk, pid__isnull=True).update(pid=p.pid)

    transaction.on_commit(luncurkan)


def _tulis_kemajuan(tugas: Tugas, persen: int, pesan: str) -> None:
    f = folder(tugas) / "kemajuan.json"
    sementara = f.with_suffix(".tmp")
    sementara.write_text(json.dumps({"persen": max(0, min(100, int(persen))), "pesan": pesan[:255]}))
    os.replace(sementara, f)


def kemajuan(tugas: Tugas) -> tuple[int, str]:
    """(percent, message) of a job: from its progress file while it runs, else its record."""
    if tugas.status == StatusTugas.BERJALAN:
        try:
            isi = json.loads((_akar() / str(tugas.pk) / "kemajuan.json").read_text())
            return int(isi["persen"]), str(isi["pesan"])
        except (OSError, ValueError, KeyError):
            pass
    return tugas.persen, tugas.pesan


def tugas_jalankan(tugas_id: int) -> Tugas:
    """Run a waiting job to its end (``kesos tugas jalankan``). A job runs once: a second
    runner finds it no longer waiting and stops."""
    diambil = Tugas.objects.filter(pk=tugas_id, status=StatusTugas.ANTRE).update(
        status=StatusTugas.BERJALAN, mulai=timezone.now(), pid=os.getpid(), pesan="Dimulai"
    )
    tugas = Tugas.objects.select_related("dimulai_oleh").get(pk=tugas_id)
    if not diambil:
        raise KesosError(
            _("Tugas #%(id)s tidak menunggu (status: %(status)s).")
            % {"id": tugas_id, "status": tugas.get_status_display()}
        )
    jenis = JENIS[tugas.jenis]
    _tulis_kemajuan(tugas, 0, "Dimulai")
    try:
        hasil = jenis.jalankan(tugas, lambda persen, pesan: _tulis_kemajuan(tugas, persen, pesan))
    except KesosError as e:
        tugas.status, tugas.pesan, tugas.hasil = StatusTugas.GAGAL, str(e)[:255], {"galat": str(e)}
    except Exception:
        log.exception("tugas %s gagal", tugas_id)
        tugas.status, tugas.pesan = (
            StatusTugas.GAGAL,
            "Terjadi galat di server; admin dapat melihat catatannya.",
        )
        tugas.hasil = {"galat": tugas.pesan}
    else:
        tugas.status, tugas.persen, tugas.hasil = StatusTugas.SELESAI, 100, hasil
        tugas.pesan = str(hasil.get("ringkasan", "Selesai"))[:255]
    tugas.selesai = timezone.now()
    tugas.save(update_fields=["status", "persen", "pesan", "hasil", "selesai"])
    return tugas


def tugas_periksa_hidup(tugas: Tugas) -> Tugas:
    """A running job whose process is gone (the server restarted, the process was killed) is
    marked failed, so that nobody waits for it forever."""
    if tugas.status != StatusTugas.BERJALAN or not tugas.pid:
        return tugas
    try:
        os.kill(tugas.pid, 0)
    except ProcessLookupError:
        Tugas.objects.filter(pk=tugas.pk, status=StatusTugas.BERJALAN).update(
            status=StatusTugas.GAGAL, pesan="Proses tugas berhenti sebelum selesai.", selesai=timezone.now()
        )
        tugas.refresh_from_db()
    except PermissionError:
        pass
    return tugas


def sedang_berjalan(jenis: str) -> Tugas | None:
    return Tugas.objects.filter(jenis=jenis, status__in=[StatusTugas.ANTRE, StatusTugas.BERJALAN]).first()
