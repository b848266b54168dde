"""Shared fixtures: personas for every role, and the document's Renja 2021 as acceptance data."""

import json
from pathlib import Path

import pytest

from kesos.akun.models import Peran
from kesos.akun.services import pengguna_buat
from kesos.perencanaan.demo import muat_renja_demo
from kesos.perencanaan.services import sumber_dana_baku
from kesos.wilayah.services import wilayah_muat_lampung_barat

SANDI = "sandi-uji-123"
LOCALE_EN = Path(__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(autouse=True)
def bahasa_kantor():
    """Every test starts in the office's language. A request in English leaves English active in
    the thread (LocaleMiddleware activates a language, nothing deactivates it), and in a random
    order the tests after it would read English wherever the catalogue has it."""
    from django.utils import translation

    translation.deactivate()
    yield


@pytest.fixture
def katalog_inggris():
    """The English of every terjemahan*.json in the English catalogue, for this test.

    Each branch writes the English of its new strings to its own JSON file and the lead
    regenerates django.po/.mo after merging, so a branch's compiled catalogue lags its JSON.
    Entries the compiled catalogue already holds are left as they are; the rest are added for
    the test and taken out after it. A message not wrapped in gettext stays Indonesian.

    The language active before the test is active again after it: a request in English leaves
    English active in the thread (LocaleMiddleware activates, nothing deactivates), and the
    tests after it would read English."""
    from django.utils import translation
    from django.utils.translation import trans_real

    sebelum = translation.get_language()
    katalog = trans_real.translation("en")._catalog
    tambahan: dict = {}
    for berkas in sorted(LOCALE_EN.glob("terjemahan*.json")):
        for msgid, inggris in json.loads(berkas.read_text(encoding="utf-8")).items():
            if isinstance(inggris, list):  # singular and plural
                tambahan.update({(msgid, i): teks for i, teks in enumerate(inggris)})
            else:
                tambahan[msgid] = inggris
    baru = [k for k in tambahan if k not in katalog]
    for k in baru:
        katalog[k] = tambahan[k]
    yield
    for k in baru:
        katalog._catalogs[0].pop(k, None)
    if sebelum:
        translation.activate(sebelum)
    else:
        translation.deactivate()


@pytest.fixture
def persona(db):
    """Make (once per test) a user of the named persona."""
    dibuat = {}
    daftar = {
        "admin": (Peran.ADMIN, ""),
        "perencana": (Peran.PERENCANA, ""),
        "kadis": (Peran.KEPALA_DINAS, ""),
        "reviewer": (Peran.REVIEWER, ""),
        "operator_a": (Peran.OPERATOR, "18.04.04"),
        "operator_b": (Peran.OPERATOR, "18.04.05"),
    }

    def buat(nama: str):
        if nama not in dibuat:
            peran, wilayah = daftar[nama]
            dibuat[nama] = pengguna_buat(username=nama, password=SANDI, peran=peran, wilayah_kode=wilayah)
        return dibuat[nama]

    return buat


@pytest.fixture
def login(client, persona):
    def masuk(nama: str):
        client.force_login(persona(nama))
        return client

    return masuk


@pytest.fixture
def renja_demo(db):
    wilayah_muat_lampung_barat()
    sumber_dana_baku()
    return muat_renja_demo()


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"kesos database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or ''}".rstrip()


@pytest.fixture
def renstra_demo(renja_demo):
    from kesos.monev.demo import muat_lampiran_i

    return muat_lampiran_i(organisasi=renja_demo.organisasi)


@pytest.fixture
def registri(db):
    from kesos.registri.services import kategori_muat_baku

    wilayah_muat_lampung_barat()
    kategori_muat_baku()


BUTUH_POSTGRESQL = pytest.mark.skipif(
    "sqlite" in __import__("django.conf", fromlist=["settings"]).settings.DATABASES["default"]["ENGINE"],
    reason=(
        "real concurrent transactions need PostgreSQL: SQLite serialises every writer "
        "(IMMEDIATE transactions), and its in-memory test database is not shared between threads"
    ),
)


def serentak(jumlah: int, kerja, siapkan=None) -> list:
    """Run ``kerja(i, siap)`` in ``jumlah`` threads started at the same instant, each with its own
    database connection; ``siapkan(i)`` runs first in each thread (logging in, say) and its
    result is passed as ``siap``. Returns each thread's result or the exception it raised."""
    import threading

    from django.db import connections

    hasil: list = [None] * jumlah
    pintu = threading.Barrier(jumlah)

    def jalan(i: int) -> None:
        try:
            siap = siapkan(i) if siapkan else None
            pintu.wait(timeout=60)
            hasil[i] = kerja(i, siap)
        except Exception as e:  # noqa: BLE001 -- handed to the test, which asserts on it
            hasil[i] = e
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalan, args=(i,)) for i in range(jumlah)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=120)
    return hasil
