"""schemathesis against the API, in-process through the whole WSGI stack (middleware, axes,
CSP): generated and mutated requests for every operation of the schema, answered with no
server error and in the documented shapes (the error shape ``Galat`` included).

Bounded (``max_examples``) so that the suite stays fast; it runs on SQLite and PostgreSQL."""

import base64
from datetime import date

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kesos.akun.access import SISTEM
from kesos.conftest import SANDI
from kesos.perencanaan import services as rencana

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()

CONTOH = 25


def _basic(nama: str) -> str:
    return "Basic " + base64.b64encode(f"{nama}:{SANDI}".encode()).decode()


@pytest.fixture(autouse=True)
def koneksi_tetap():
    """Django closes the database connection at the end of every request it serves through
    WSGI; the test's transaction lives on that connection, so (as Django's test client does)
    the closing is switched off while the requests run."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def isi(renstra_demo, renja_demo, persona, registri):
    from kesos.registri.impor import registri_import

    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=SISTEM)
    rencana.renja_lanjutkan(renja=rancangan, pengguna=SISTEM)
    registri_import(
        berkas=(
            b"nik,no_kk,nama,jenis_kelamin,tanggal_lahir,kecamatan,desa,hubungan_keluarga\n"
            b"1804041203850001,1804040000010001,Budi,L,12-03-1985,Balik Bukit,Pasar Liwa,Kepala Keluarga\n"
        ),
        pada=date(2026, 6, 1),
        pengguna=SISTEM,
    )
    for nama in ("admin", "perencana", "operator_a"):
        persona(nama)


@schema.parametrize()
@settings(
    max_examples=CONTOH,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
)
@pytest.mark.parametrize("nama", ["admin", "operator_a"])
def test_api_answers_every_generated_request_without_a_server_error(case, isi, nama):
    response = case.call(headers={"Authorization": _basic(nama)})
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
