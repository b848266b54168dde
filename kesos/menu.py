"""The site's main menu: each entry names the policy and actions that decide who sees it.

The template never names a role: ``menu_utama`` (a context processor) asks each entry's policy
(``akun.access.Kebijakan``) whether the signed-in user may do one of its actions, so an
operator is offered the registry, verval, assistance and disasters of their work, and not the
Renja, evaluation, nomenclature or API pages that belong to the planners. The pages themselves
still answer by their own rules: the menu only offers.

It sits at the project's level, beside ``urls.py``, because it names every app's policy.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from kesos.akun.access import Kebijakan
from kesos.api.access import API
from kesos.bansos.access import BANSOS, SPM
from kesos.bencana.access import BENCANA
from kesos.monev.access import REALISASI
from kesos.perencanaan.access import NOMENKLATUR, RENJA
from kesos.registri.access import ORANG, VERVAL


@dataclass(frozen=True)
class Entri:
    label: str
    nama_url: str
    kebijakan: Kebijakan | None = None  # None: everyone, signed in or not
    aksi: tuple[str, ...] = ()


MENU: tuple[Entri, ...] = (
    Entri(_("Renja"), "perencanaan:beranda", RENJA, ("menu",)),
    Entri(_("Evaluasi"), "monev:beranda", REALISASI, ("menu",)),
    Entri(_("Registri"), "registri:beranda", ORANG, ("hitung",)),
    Entri(_("Cari orang"), "registri:daftar", ORANG, ("lihat",)),
    Entri(_("Verval"), "registri:verval", VERVAL, ("tandai", "putaran")),
    Entri(_("Bansos"), "bansos:beranda", BANSOS, ("lihat",)),
    Entri(_("Bencana"), "bencana:beranda", BENCANA, ("lihat",)),
    Entri(_("SPM"), "spm:beranda", SPM, ("lihat",)),
    Entri(_("Nomenklatur"), "perencanaan:nomenklatur", NOMENKLATUR, ("menu",)),
    Entri(_("API"), "api-docs", API, ("menu",)),
    Entri(_("Data terbuka"), "registri:data-terbuka"),
)


@dataclass(frozen=True)
class Tautan:
    label: str
    url: str
    aktif: bool = False


def menu_untuk(pengguna, jalur: str = "") -> list[Tautan]:
    """The entries this user is offered, in order; the one whose address is the longest start
    of ``jalur`` (the page shown) is marked active."""
    boleh = [
        (e, reverse(e.nama_url))
        for e in MENU
        if e.kebijakan is None or any(e.kebijakan.boleh_peran(pengguna, a) for a in e.aksi)
    ]
    cocok = [url for _e, url in boleh if jalur.startswith(url)]
    aktif = max(cocok, key=len) if cocok else None
    return [Tautan(str(e.label), url, url == aktif) for e, url in boleh]


def menu_utama(request: HttpRequest) -> dict:
    """Context processor: ``menu_utama``, computed only if a template uses it."""
    return {"menu_utama": SimpleLazyObject(lambda: menu_untuk(getattr(request, "user", None), request.path))}
