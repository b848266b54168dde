"""The site's menu offers what the user's policies allow, and nothing the template decides by role."""

import pytest
from django.urls import reverse

from kesos.menu import MENU, menu_untuk


def _label(html: str, label: str) -> bool:
    return f">{label}</a></li>" in html


def _menu(login, nama: str) -> str:
    html = login(nama).get(reverse("registri:data-terbuka")).content.decode()
    return html[html.index('id="menu-utama"') : html.index('class="navbar-akun"')]


# What each persona is offered; the pages themselves still answer by their own rules.
DITAWARKAN = {
    "admin": {
        "Renja",
        "Evaluasi",
        "Registri",
        "Cari orang",
        "Verval",
        "Bansos",
        "Bencana",
        "SPM",
        "Nomenklatur",
        "API",
        "Data terbuka",
    },
    "perencana": {
        "Renja",
        "Evaluasi",
        "Registri",
        "Bansos",
        "Bencana",
        "SPM",
        "Nomenklatur",
        "API",
        "Data terbuka",
    },
    "kadis": {"Renja", "Evaluasi", "Registri", "Verval", "Bansos", "Bencana", "SPM", "Data terbuka"},
    "reviewer": {"Renja", "Evaluasi", "Registri", "Bansos", "Bencana", "SPM", "Nomenklatur", "Data terbuka"},
    "operator_a": {"Registri", "Cari orang", "Verval", "Bansos", "Bencana", "SPM", "Data terbuka"},
}


@pytest.mark.parametrize("nama", list(DITAWARKAN))
def test_each_role_is_offered_what_its_policies_allow(login, nama):
    html = _menu(login, nama)
    semua = {str(e.label) for e in MENU}
    ada = {label for label in semua if _label(html, label)}
    assert ada == DITAWARKAN[nama]


def test_an_operator_is_not_offered_planning_api_or_nomenclature(login):
    html = _menu(login, "operator_a")
    for alamat in (reverse("perencanaan:beranda"), reverse("monev:beranda"), reverse("api-docs")):
        assert f'href="{alamat}"' not in html
    assert f'href="{reverse("registri:verval")}"' in html


def test_the_menu_follows_the_policy_not_the_role_name(persona, monkeypatch):
    """Changing a policy's rule changes the menu, with no template change."""
    from kesos.perencanaan.access import RENJA

    op = persona("operator_a")
    assert "Renja" not in [t.label for t in menu_untuk(op)]
    monkeypatch.setattr(RENJA.aturan["menu"], "peran", (*RENJA.aturan["menu"].peran, op.peran_efektif))
    assert "Renja" in [t.label for t in menu_untuk(op)]


def test_anonymous_visitors_see_open_data_and_a_login_button(client, db):
    html = client.get(reverse("registri:data-terbuka")).content.decode()
    menu = html[html.index('id="menu-utama"') :]
    assert _label(menu, "Data terbuka") and not _label(menu, "Registri")
    assert f'href="{reverse("login")}"' in menu


def test_the_page_shown_is_marked_in_the_menu(persona):
    admin = persona("admin")
    aktif = [t.label for t in menu_untuk(admin, reverse("registri:verval")) if t.aktif]
    assert aktif == ["Verval"]  # the longest matching address, not Registri
    aktif = [t.label for t in menu_untuk(admin, reverse("registri:orang", args=[5])) if t.aktif]
    assert aktif == ["Cari orang"]


def test_the_phone_menu_has_a_button_that_opens_it(login):
    html = login("operator_a").get(reverse("registri:beranda")).content.decode()
    assert 'class="navbar navbar-expand-lg' in html
    assert 'data-bs-toggle="collapse" data-bs-target="#menu-utama"' in html
    assert (
        'aria-controls="menu-utama"' in html
        and '<div class="collapse navbar-collapse" id="menu-utama">' in html
    )
    # logout lies inside the collapsing part, reachable from the button
    menu = html[html.index('id="menu-utama"') :]
    assert f'action="{reverse("logout")}"' in menu
