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
