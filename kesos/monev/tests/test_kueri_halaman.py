"""The evaluation pages and their charts ask the database a fixed, small number of times, however
many rows the Renja has (their time is measured by bench/beban.py; these pin their queries)."""

from django.urls import reverse

from kesos.perencanaan.tests.pabrik import tambah_kegiatan


def _pin(c, path: str, n: int, assert_max) -> str:
    c.get(path)  # the first request of a test also reads what every later one has cached
    with assert_max(n):
        r = c.get(path)
    assert r.status_code == 200
    return r.content.decode(errors="replace")


def test_tc29_page_queries(login, renstra_demo, renja_demo, django_assert_max_num_queries):
    c = login("kadis")
    html = _pin(
        c, reverse("monev:tc29", args=[renja_demo.organisasi.pk, 2021]), 9, django_assert_max_num_queries
    )
    assert "66,67 %" in html


def test_e81_page_and_chart_queries_stay_flat_as_rows_grow(
    login, renstra_demo, renja_demo, django_assert_max_num_queries
):
    c = login("kadis")
    halaman = reverse("monev:e81", args=[renja_demo.pk])
    grafik = reverse("monev:grafik-capaian", args=[renja_demo.pk, "svg"])
    _pin(c, halaman, 15, django_assert_max_num_queries)
    _pin(c, grafik, 14, django_assert_max_num_queries)
    tambah_kegiatan(renja_demo, 20)
    assert "Tambahan 19" in _pin(c, halaman, 15, django_assert_max_num_queries)
    _pin(c, grafik, 14, django_assert_max_num_queries)


def test_trend_chart_queries(login, renstra_demo, renja_demo, django_assert_max_num_queries):
    c = login("kadis")
    _pin(
        c,
        reverse("monev:grafik-tren", args=[renja_demo.organisasi.pk, 2021, "svg"]),
        7,
        django_assert_max_num_queries,
    )
