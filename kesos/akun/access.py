"""Who may do what: the primitives every policy is built from, and the policies' common shape.

Each resource has one policy (``Kebijakan``) beside its app's services (``perencanaan.access``,
``monev.access``, ``registri.access``), built from the roles and the area check here. A policy
answers three questions, the same way for a page, a form, a command, the API and a service:

- ``boleh(pengguna, aksi, obj=None)``: may this user do this action (on this object)?
- ``dalam_lingkup(pengguna, aksi, qs)``: the rows of a queryset the user may do it on, so
  that lists and counts are scoped by the same rule;
- ``pastikan(pengguna, aksi, obj=None)``: the same as ``boleh``, raising ``TidakBerhak``.

Services call ``pastikan`` before they write; views call ``boleh`` to decide what to show
and to answer 403 early. A view that forgets to ask still hits the service's check.

Commands run on the server by someone with shell access. They act as a named user with
``--pengguna USERNAME`` (that user's rules apply, their name is in the audit trail) or,
without it, as ``SISTEM``: allowed what an admin is, and audited as "sistem". Rules that
hold for everyone (an import never creates a final Renja) hold for ``SISTEM`` too.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from kesos.inti.errors import TidakBerhak

from .models import Pengguna, Peran

SEMUA_PERAN = tuple(Peran.values)
PEMBACA_RENCANA = (Peran.ADMIN, Peran.PERENCANA, Peran.KEPALA_DINAS, Peran.REVIEWER, Peran.OPERATOR)
PENYUSUN_RENCANA = (Peran.ADMIN, Peran.PERENCANA)
PENETAP_RENCANA = (Peran.ADMIN, Peran.KEPALA_DINAS)
PEMBACA_REGISTRI = (Peran.ADMIN, Peran.KEPALA_DINAS, Peran.OPERATOR, Peran.PERENCANA, Peran.REVIEWER)
# The roles whose work is the plan and its evaluation: the menu offers them Renja and Evaluasi.
# Operators may read a plan (a link from a disaster or a programme leads there) but their work
# is the registry, verval, assistance and disasters of their area.
PENGGUNA_RENCANA = (Peran.ADMIN, Peran.PERENCANA, Peran.KEPALA_DINAS, Peran.REVIEWER)


class Sistem:
    """The command line acting without a named user: allowed what an admin is, audited as
    'sistem' (no user on the audit record, 'sistem' in its note)."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_superuser = False
    is_staff = False
    pk = None
    id = None
    username = "sistem"
    peran = Peran.ADMIN
    peran_efektif = Peran.ADMIN
    wilayah_kode = ""
    boleh_ubah_rencana = True
    boleh_menetapkan = True

    def punya_peran(self, *peran: str) -> bool:
        return Peran.ADMIN in peran

    def has_perm(self, perm: str, obj=None) -> bool:
        return True

    def __str__(self) -> str:
        return "sistem"


SISTEM = Sistem()


def pengguna_db(pengguna) -> Pengguna | None:
    """The user to store on a record (audit, 'dibuat oleh'): None for the system or anonymous."""
    return pengguna if isinstance(pengguna, Pengguna) and pengguna.is_authenticated else None


def peran(pengguna) -> str | None:
    """The role a user acts in, or None for anonymous and inactive users."""
    if pengguna is None or not pengguna.is_authenticated or not getattr(pengguna, "is_active", False):
        return None
    return pengguna.peran_efektif


def wilayah_boleh(pengguna, desa_kode: str) -> bool:
    """Whether a user's area covers a desa: empty scope covers all; operators need a scope."""
    if peran(pengguna) is None:
        return False
    if pengguna.peran_efektif == Peran.OPERATOR and not pengguna.wilayah_kode:
        return False
    lingkup = pengguna.wilayah_kode
    return not lingkup or desa_kode == lingkup or desa_kode.startswith(lingkup + ".")


def dalam_wilayah(qs, pengguna, kolom: str = "desa_kode"):
    """Limit a queryset of area-coded rows to the user's area; an operator without one sees nothing.

    The codes of the area are listed from the wilayah table, so the filter is an equality that
    the column's plain index answers in any collation; a LIKE prefix would need a second
    (pattern) index on PostgreSQL, which every import of persons would have to write too."""
    if peran(pengguna) is None:
        return qs.none()
    lingkup = pengguna.wilayah_kode
    if pengguna.peran_efektif == Peran.OPERATOR and not lingkup:
        return qs.none()
    if lingkup:
        return qs.filter(**{f"{kolom}__in": kode_dalam(lingkup)})
    return qs


def kode_dalam(lingkup: str) -> list[str]:
    """The code of an area and of every area under it."""
    from kesos.wilayah.models import Wilayah  # wilayah sits beside akun at the bottom

    return [lingkup, *Wilayah.objects.filter(kode__startswith=lingkup + ".").values_list("kode", flat=True)]


Syarat = Callable[[object, object], bool]  # (pengguna, obj) -> bool, asked only when obj is given
Saring = Callable[[object, object], object]  # (pengguna, queryset) -> queryset


@dataclass
class Aturan:
    """One action of a policy: the roles that may do it, the condition on the object (area,
    ownership) and the filter that gives the objects it holds for."""

    peran: tuple[str, ...]
    syarat: Syarat | None = None
    saring: Saring | None = None
    izin: str = ""  # a Django permission that grants the action to any role
    pesan: str = ""


@dataclass
class Kebijakan:
    nama: str
    aturan: dict[str, Aturan] = field(default_factory=dict)

    def _aturan(self, aksi: str) -> Aturan:
        try:
            return self.aturan[aksi]
        except KeyError:
            raise ValueError(f"kebijakan {self.nama} tidak mengenal aksi '{aksi}'") from None

    def boleh_peran(self, pengguna, aksi: str) -> bool:
        """The role part alone: may this user do the action on some object?"""
        a = self._aturan(aksi)
        p = peran(pengguna)
        if p is None:
            return False
        return p in a.peran or bool(a.izin and pengguna.has_perm(a.izin))

    def boleh(self, pengguna, aksi: str, obj=None) -> bool:
        if not self.boleh_peran(pengguna, aksi):
            return False
        a = self._aturan(aksi)
        return obj is None or a.syarat is None or a.syarat(pengguna, obj)

    def pastikan(self, pengguna, aksi: str, obj=None) -> None:
        if not self.boleh(pengguna, aksi, obj):
            raise TidakBerhak(str(self._aturan(aksi).pesan or _("Anda tidak berhak melakukan ini.")))

    def dalam_lingkup(self, pengguna, aksi: str, qs):
        if not self.boleh_peran(pengguna, aksi):
            return qs.none()
        a = self._aturan(aksi)
        return a.saring(pengguna, qs) if a.saring else qs


KEBIJAKAN: dict[str, Kebijakan] = {}


def daftarkan(kebijakan: Kebijakan) -> Kebijakan:
    KEBIJAKAN[kebijakan.nama] = kebijakan
    return kebijakan


def peran_diperlukan(*peran_boleh: str) -> Callable:
    """Refuse anonymous users (to the login page) and users without one of these roles (403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if peran(request.user) not in peran_boleh:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def kebijakan_diperlukan(kebijakan: Kebijakan, *aksi: str) -> Callable:
    """A view for users whom ``kebijakan`` allows one of ``aksi`` (the role part; the object
    is checked by the view and the service): anonymous to the login page, others 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(kebijakan.boleh_peran(request.user, a) for a in aksi):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.kebijakan = (kebijakan.nama, aksi)
        return wrapped

    return decorator


def semua(*syarat: Syarat) -> Syarat:
    return lambda pengguna, obj: all(s(pengguna, obj) for s in syarat)


def peran_atau(peran_bebas: Iterable[str], syarat: Syarat) -> Syarat:
    """The condition holds for these roles outright, for the others only if ``syarat`` does."""
    bebas = tuple(peran_bebas)
    return lambda pengguna, obj: peran(pengguna) in bebas or syarat(pengguna, obj)
