"""The verval page tells an operator when no round is open and who opens one."""

from django.urls import reverse

from kesos.registri import services


def _verval(c) -> str:
    r = c.get(reverse("registri:verval"))
    assert r.status_code == 200
    return r.content.decode()


def test_operator_without_any_round_is_told_who_opens_one(login, registri):
    html = _verval(login("operator_a"))
    assert "Tidak ada putaran verval yang terbuka." in html
    assert "Putaran dibuka oleh Kepala Dinas" in html
    assert 'value="buka"' not in html  # the operator cannot open one


def test_operator_after_a_round_closed_sees_its_results_and_who_opens_the_next(login, persona, registri):
    p = services.verval_buka(nama="Verval 2025", pengguna=persona("kadis"))
    html = _verval(login("operator_a"))
    assert "Tidak ada putaran verval yang terbuka." not in html
    services.verval_tutup(putaran=p, pengguna=persona("kadis"))
    html = _verval(login("operator_a"))
    assert "Tidak ada putaran verval yang terbuka." in html and "Putaran dibuka oleh Kepala Dinas" in html
    assert "Hasil putaran yang sudah ditutup" in html and "Verval 2025" in html


def test_head_without_an_open_round_is_shown_how_to_open_one(login, registri):
    html = _verval(login("kadis"))
    assert "Tidak ada putaran verval yang terbuka." in html and "Buka putaran baru" in html
    assert 'value="buka"' in html and "hubungi Kepala Dinas" not in html
