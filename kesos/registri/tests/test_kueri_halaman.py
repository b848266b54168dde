"""Person search, a person's page and verval ask the database a fixed, small number of times,
however many persons the area has (their time is measured by bench/beban.py)."""

from datetime import date

import pytest
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.registri import services


def _orang(n: int, awal: int = 0) -> list:
    hasil = []
    for i in range(awal, awal + n):
        o, _ = services.orang_simpan(
            pengguna=SISTEM,
            nik=f"180404120385{i + 1:04d}",
            nama=f"Budi Contoh {i}",
            jenis_kelamin="L",
            tanggal_lahir=date(1985, 3, 12),
            desa_kode="18.04.04.1001" if i % 2 else "18.04.04.2002",
            alamat="Dusun 1",
        )
        hasil.append(o)
    return hasil


# Person search: session, user, the area's desa, the desa filter's names, the round, count, page,
# the page's desa names, the area's name. Person page: also the access log, the next person to
# verify, the history with names, verval results and classifications.
def _pin(c, path: str, n: int, assert_max, **params) -> str:
    c.get(path, params)
    with assert_max(n):
        r = c.get(path, params)
    assert r.status_code == 200
    return r.content.decode()


@pytest.fixture
def putaran(registri, persona):
    return services.verval_buka(nama="Verval 2026", pengguna=persona("kadis"))


def test_person_search_queries_stay_flat(login, registri, django_assert_max_num_queries):
    _orang(3)
    c = login("operator_a")
    path = reverse("registri:daftar")
    assert "Budi Contoh 2" in _pin(c, path, 9, django_assert_max_num_queries, q="budi")
    _orang(60, awal=3)
    assert "Budi Contoh" in _pin(c, path, 9, django_assert_max_num_queries, q="budi")
    assert "Budi Contoh" in _pin(c, path, 9, django_assert_max_num_queries, q="180404")


def test_person_page_and_verval_queries(login, registri, putaran, django_assert_max_num_queries):
    orang = _orang(3)
    c = login("operator_a")
    assert "Budi Contoh 0" in _pin(
        c, reverse("registri:orang", args=[orang[0].pk]), 12, django_assert_max_num_queries
    )
    _pin(c, reverse("registri:verval"), 7, django_assert_max_num_queries)
    _orang(40, awal=3)
    _pin(c, reverse("registri:verval"), 7, django_assert_max_num_queries)
