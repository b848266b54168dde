"""The error pages a user meets: 400, 403, 404, 500 and a refused form (CSRF), in the office's
language inside the site's layout, each saying what happened and where to go next.

``kesos.urls`` names the handlers (through ``kesos.api.errors``, which answers paths under
``/api/`` in the API's JSON shape and hands every other path here). The 500 page renders from
its template alone, with no request context: no context processor, no user, no query, so that
it still shows when the database is what failed. No page here ever shows a traceback; with
DEBUG off (the default) Django's debug pages are never used.
"""

import logging

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from .errors import TidakBerhak

log = logging.getLogger(__name__)


def alamat_beranda() -> str:
    """The home page, the per-role home at '/'."""
    return reverse("beranda")


def _kembali(request: HttpRequest) -> str:
    """The page the user came from, when it is one of this site's (else nothing to go back to)."""
    asal = request.META.get("HTTP_REFERER", "")
    try:
        aman = asal and url_has_allowed_host_and_scheme(
            asal, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    except Exception:  # noqa: BLE001 -- a bad Host header (a 400) has no host to compare with
        aman = False
    return asal if aman and asal != request.build_absolute_uri() else ""


def halaman_galat(request: HttpRequest, status: int, judul: str, pesan: str, saran: str = "") -> HttpResponse:
    """One error page inside the site's layout, with the request's context (menu, user)."""
    konteks = {
        "status": status,
        "judul": judul,
        "pesan": pesan,
        "saran": saran,
        "beranda": alamat_beranda(),
        "kembali": _kembali(request),
        "alamat_masuk": reverse("login") + "?" + urlencode({"next": request.get_full_path()})
        if request.method == "GET"
        else reverse("login"),
    }
    isi = loader.render_to_string("galat/galat.html", konteks, request=request)
    return HttpResponse(isi, status=status)


def permintaan_salah(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return halaman_galat(
        request,
        400,
        _("Permintaan tidak dapat diproses"),
        _("Alamat atau isian yang dikirim tidak dapat dibaca oleh kesos."),
        _("Periksa alamatnya, atau kembali ke halaman sebelumnya dan coba lagi."),
    )


def terlarang(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the user's role or area does not allow this page. A ``TidakBerhak`` carries a rule
    written for the user (it names who may); other refusals say it generally."""
    pesan = str(exception) if isinstance(exception, TidakBerhak) else ""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        saran = _(
            "Anda masuk sebagai %(nama)s (%(peran)s). Bila pekerjaan Anda memerlukan halaman ini, "
            "mintalah admin kesos menyesuaikan peran atau wilayah Anda."
        ) % {"nama": user.get_full_name() or user.get_username(), "peran": user.get_peran_display()}
    else:
        saran = _("Masuk dengan akun yang berhak membuka halaman ini.")
    return halaman_galat(
        request,
        403,
        _("Anda tidak berhak membuka halaman ini"),
        pesan or _("Peran atau wilayah Anda tidak mencakup halaman atau tindakan ini."),
        saran,
    )


def tidak_ada(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return halaman_galat(
        request,
        404,
        _("Halaman tidak ditemukan"),
        _("Alamat ini tidak ada di kesos, atau datanya tidak ada di wilayah Anda."),
        _("Periksa alamatnya, atau mulai lagi dari beranda."),
    )


def formulir_kedaluwarsa(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check: most often a page left open past the session."""
    return halaman_galat(
        request,
        403,
        _("Formulir tidak dapat dikirim"),
        _("Formulir ini sudah kedaluwarsa atau dikirim dari luar kesos, jadi tidak disimpan."),
        _("Muat ulang halamannya (atau masuk lagi), isi, lalu kirim kembali."),
    )


def galat_server(request: HttpRequest) -> HttpResponse:
    """500: from the template alone, without the request's context, so that no query runs."""
    isi = loader.get_template("galat/500.html").render({"beranda": alamat_beranda()})
    return HttpResponse(isi, status=500)


class TidakBerhakJadi403:
    """A ``TidakBerhak`` that reaches the top of a page view is the 403 page with its rule,
    not a server error (the API has its own handler)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, TidakBerhak) and not request.path.startswith("/api/"):
            log.info("Ditolak: %s %s: %s", request.method, request.path, exception)
            return terlarang(request, exception)
        return None
