"""The Renja pages ask the database a fixed, small number of times, however many rows the Renja
has (the load test in bench/beban.py measures their time; these pin their queries)."""

from django.urls import reverse

from kesos.perencanaan.tests.pabrik import tambah_kegiatan


def test_home_page_queries(login, renja_demo, django_assert_max_num_queries):
    c = login("kadis")
    c.get("/")
    with django_assert_max_num_queries(4):
        assert c.get(reverse("perencanaan:beranda")).status_code == 200


def test_tree_page_queries_for_the_planner_who_edits(login, renja_demo, django_assert_max_num_queries):
    c = login("perencana")
    path = reverse("perencanaan:renja", args=[renja_demo.pk])
    c.get(path)
    with django_assert_max_num_queries(12):
        assert "✎" in c.get(path).content.decode()
    tambah_kegiatan(renja_demo, 20)
    with django_assert_max_num_queries(12):
        assert "Tambahan 19" in c.get(path).content.decode()


def test_periksa_page_queries(login, renja_demo, django_assert_max_num_queries):
    c = login("kadis")
    path = reverse("perencanaan:periksa", args=[renja_demo.pk])
    c.get(path)
    with django_assert_max_num_queries(11):
        assert c.get(path).status_code == 200
    tambah_kegiatan(renja_demo, 20)
    with django_assert_max_num_queries(11):
        assert c.get(path).status_code == 200
