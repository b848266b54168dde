"""Backup and restore: a backup restored into a fresh database holds every Renja, person and
audit record; a restore into the running database brings back what was lost since."""

import sqlite3
import subprocess
import uuid
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kesos.akun.access import SISTEM
from kesos.akun.models import AuditLog
from kesos.perencanaan.models import Renja
from kesos.registri.models import Orang

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # pg_dump sees committed data only

TABEL = ("perencanaan_renja", "registri_orang", "akun_auditlog")


@pytest.fixture
def isi(renja_demo, registri):
    from kesos.perencanaan import services
    from kesos.registri.impor import registri_import

    services.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    registri_import(
        berkas=(
            b"nik,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa\n"
            b"1804041203850001,Budi,L,12-03-1985,Balik Bukit,Pasar Liwa\n"
            b"1804055507900002,Siti,P,15-07-1990,Sumber Jaya,Simpangsari\n"
        ),
        pada=date(2026, 6, 1),
        pengguna=SISTEM,
    )
    return {
        "perencanaan_renja": set(Renja.objects.values_list("id", flat=True)),
        "registri_orang": set(Orang.data_pribadi.values_list("id", flat=True)),
        "akun_auditlog": set(AuditLog.objects.values_list("id", flat=True)),
    }


def _ids_di(db: dict, tabel: str) -> set[int]:
    if db["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(db["NAME"]) as c:
            return {r[0] for r in c.execute(f"SELECT id FROM {tabel}")}
    import psycopg

    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]) as c:
        return {r[0] for r in c.execute(f"SELECT id FROM {tabel}")}


@pytest.fixture
def db_baru(tmp_path):
    """Settings of a fresh, empty database of the same kind as the test database."""
    db = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        db["NAME"] = str(tmp_path / "baru.sqlite3")
        yield db
        return
    db["NAME"] = f"kesos_pulih_{uuid.uuid4().hex[:8]}"
    buat = ["-h", str(db["HOST"]), "-p", str(db["PORT"] or 5432), "-U", str(db["USER"])]
    subprocess.run(["createdb", *buat, db["NAME"]], check=True)
    yield db
    subprocess.run(["dropdb", "--if-exists", *buat, db["NAME"]], check=False)


def test_a_backup_restored_into_a_fresh_database_has_every_record(isi, db_baru, tmp_path):
    from kesos.inti.cadangan import cadangan_pulihkan

    berkas = tmp_path / "kesos.cadangan"
    call_command("backup", "-o", str(berkas))
    cadangan_pulihkan(berkas, db=db_baru)
    assert all(isi[t] for t in TABEL)
    for t in TABEL:
        assert _ids_di(db_baru, t) == isi[t], t


def test_restore_brings_back_what_was_lost(isi, tmp_path):
    berkas = tmp_path / "kesos.cadangan"
    call_command("backup", "-o", str(berkas))
    Renja.objects.filter(tahap="rancangan").delete()
    Orang.data_pribadi.all().delete()
    call_command("restore", str(berkas), "--noinput")
    assert set(Renja.objects.values_list("id", flat=True)) == isi["perencanaan_renja"]
    assert set(Orang.data_pribadi.values_list("id", flat=True)) == isi["registri_orang"]
    assert set(AuditLog.objects.values_list("id", flat=True)) == isi["akun_auditlog"]


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    berkas = tmp_path / "bukan.cadangan"
    berkas.write_bytes(b"bukan cadangan")
    with pytest.raises(CommandError, match="bukan berkas cadangan"):
        call_command("restore", str(berkas), "--noinput")
