"""Role checks for views: one decorator, one place that says who may do what."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .models import Peran

SEMUA_PERAN = tuple(Peran.values)
PEMBACA_RENCANA = (Peran.ADMIN, Peran.PERENCANA, Peran.KEPALA_DINAS, Peran.REVIEWER, Peran.OPERATOR)
PENYUSUN_RENCANA = (Peran.ADMIN, Peran.PERENCANA)
PENETAP_RENCANA = (Peran.ADMIN, Peran.KEPALA_DINAS)


def peran_diperlukan(*peran: str) -> Callable:
    """Refuse anonymous users (to the login page) and users without one of these roles (403)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.punya_peran(*peran):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


PENCATAT_REALISASI = (Peran.ADMIN, Peran.PERENCANA, Peran.OPERATOR, Peran.KEPALA_DINAS)
# Who may see a person's NIK, KK, name and address: operators only within their own area.
PEMBACA_DATA_PRIBADI = (Peran.ADMIN, Peran.KEPALA_DINAS, Peran.OPERATOR)
PEMBACA_REGISTRI = (Peran.ADMIN, Peran.KEPALA_DINAS, Peran.OPERATOR, Peran.PERENCANA, Peran.REVIEWER)


def wilayah_boleh(pengguna, desa_kode: str) -> bool:
    """Whether a user's area covers a desa: empty scope covers all; operators need a scope."""
    if not pengguna.is_authenticated:
        return False
    if pengguna.peran_efektif == Peran.OPERATOR and not pengguna.wilayah_kode:
        return False
    lingkup = pengguna.wilayah_kode
    return not lingkup or desa_kode == lingkup or desa_kode.startswith(lingkup + ".")


def boleh_lihat_data_pribadi(pengguna, desa_kode: str) -> bool:
    return pengguna.punya_peran(*PEMBACA_DATA_PRIBADI) and wilayah_boleh(pengguna, desa_kode)


def dalam_wilayah(qs, pengguna, kolom: str = "desa_kode"):
    """Limit a queryset of area-coded rows to the user's area; an operator without one sees nothing.

    The codes of the area are listed from the wilayah table, so the filter is an equality that
    the column's plain index answers in any collation; a LIKE prefix would need a second
    (pattern) index on PostgreSQL, which every import of persons would have to write too."""
    from kesos.wilayah.models import Wilayah

    lingkup = pengguna.wilayah_kode
    if pengguna.peran_efektif == Peran.OPERATOR and not lingkup:
        return qs.none()
    if lingkup:
        kode = [
            lingkup,
            *Wilayah.objects.filter(kode__startswith=lingkup + ".").values_list("kode", flat=True),
        ]
        return qs.filter(**{f"{kolom}__in": kode})
    return qs
