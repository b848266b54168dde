"""Backup and restore of the whole database: SQLite through its online backup API, PostgreSQL
through pg_dump and pg_restore (custom format). The file says which it is; a backup is
restored only into a database of its own kind.

``kesos backup -o FILE`` and ``kesos restore FILE`` call these. A backup is consistent while
kesos keeps running (SQLite's backup API copies a snapshot page by page; pg_dump reads one
snapshot); a restore replaces every table, so stop serving first.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections
from django.utils.translation import gettext as _

from .errors import KesosError

TANDA_SQLITE = b"SQLite format 3\x00"
TANDA_PG = b"PGDMP"


def _jenis(db: dict[str, Any]) -> str:
    mesin = db["ENGINE"]
    if mesin.endswith("sqlite3"):
        return "sqlite"
    if mesin.endswith("postgresql"):
        return "postgresql"
    raise KesosError(_("Cadangan untuk basis data %(mesin)s belum didukung.") % {"mesin": mesin})


def _env_pg(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _program(nama: str) -> str:
    jalur = shutil.which(nama)
    if jalur is None:
        raise KesosError(
            _("%(nama)s tidak ditemukan; pasang klien PostgreSQL (paket postgresql-client).") % {"nama": nama}
        )
    return jalur


def cadangan_buat(tujuan: str | Path, *, alias: str = "default") -> Path:
    """Write a backup of the database ``alias`` to ``tujuan``."""
    tujuan = Path(tujuan)
    koneksi = connections[alias]
    db = koneksi.settings_dict
    if _jenis(db) == "sqlite":
        koneksi.ensure_connection()
        sementara = tujuan.with_name(tujuan.name + ".sebagian")
        sementara.unlink(missing_ok=True)
        with sqlite3.connect(sementara) as ke:
            koneksi.connection.backup(ke)
        ke.close()
        sementara.replace(tujuan)
        return tujuan
    args, env = _env_pg(db)
    hasil = subprocess.run(
        [
            _program("pg_dump"),
            *args,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(tujuan),
            db["NAME"],
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if hasil.returncode:
        raise KesosError(_("pg_dump gagal: %(sebab)s") % {"sebab": hasil.stderr.strip()})
    return tujuan


def jenis_berkas(sumber: str | Path) -> str:
    with open(sumber, "rb") as f:
        awal = f.read(16)
    if awal.startswith(TANDA_SQLITE):
        return "sqlite"
    if awal.startswith(TANDA_PG):
        return "postgresql"
    raise KesosError(
        _("%(sumber)s bukan berkas cadangan kesos (SQLite atau pg_dump format custom).") % {"sumber": sumber}
    )


def _periksa_sqlite(sumber: Path) -> None:
    with sqlite3.connect(f"file:{sumber}?mode=ro", uri=True) as c:
        if c.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise KesosError(
                _("%(sumber)s rusak (PRAGMA integrity_check gagal); tidak dipulihkan.") % {"sumber": sumber}
            )
        if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
            raise KesosError(
                _("%(sumber)s bukan cadangan kesos (tabel django_migrations tidak ada).") % {"sumber": sumber}
            )
    c.close()


def cadangan_pulihkan(
    sumber: str | Path, *, db: dict[str, Any] | None = None, alias: str = "default"
) -> None:
    """Replace the content of a database with a backup. ``db``: the settings of another
    database to restore into (a fresh one), instead of ``alias``'s."""
    sumber = Path(sumber)
    if not sumber.exists():
        raise KesosError(_("Berkas %(berkas)s tidak ada.") % {"berkas": sumber})
    koneksi = connections[alias]
    db = db or koneksi.settings_dict
    jenis = _jenis(db)
    berkas = jenis_berkas(sumber)
    if berkas != jenis:
        raise KesosError(
            _("%(sumber)s adalah cadangan %(berkas)s; basis data tujuan %(jenis)s.")
            % {"sumber": sumber, "berkas": berkas, "jenis": jenis}
        )
    if jenis == "sqlite":
        _periksa_sqlite(sumber)
        with sqlite3.connect(f"file:{sumber}?mode=ro", uri=True) as dari:
            if db is koneksi.settings_dict:
                koneksi.ensure_connection()
                dari.backup(koneksi.connection)
            else:
                with sqlite3.connect(db["NAME"]) as ke:
                    dari.backup(ke)
                ke.close()
        dari.close()
        return
    if db is koneksi.settings_dict:
        koneksi.close()  # pg_restore drops the tables this connection may hold
    args, env = _env_pg(db)
    hasil = subprocess.run(
        [
            _program("pg_restore"),
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            db["NAME"],
            str(sumber),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if hasil.returncode:
        raise KesosError(
            _("pg_restore gagal, basis data tidak berubah: %(sebab)s") % {"sebab": hasil.stderr.strip()}
        )
