"""Shared fixtures: personas for every role, and the document's Renja 2021 as acceptance data."""

import pytest

from kesos.akun.models import Peran
from kesos.akun.services import pengguna_buat
from kesos.perencanaan.demo import muat_renja_demo
from kesos.perencanaan.services import sumber_dana_baku
from kesos.wilayah.services import wilayah_muat_lampung_barat

SANDI = "sandi-uji-123"


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
