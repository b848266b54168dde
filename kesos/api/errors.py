"""One error shape for the whole API: ``{"code": ..., "message": ..., "fields": {...}}``.

``code`` is a stable machine word (``tidak_valid``, ``tidak_berhak``, ``konflik_edit``, or
DRF's own ``not_authenticated``, ``not_found``, ``throttled``…), ``message`` a sentence in the
user's language, ``fields`` the messages per field (empty when the error is not about one).
The schema documents it as ``Galat`` on every operation (``skema.tambah_galat``).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kesos.inti import galat as halaman
from kesos.inti.errors import ImportDitolak, KesosError, KonflikEdit, TidakBerhak

log = logging.getLogger(__name__)


def galat(code: str, message: str, fields: dict | None = None) -> dict:
    return {"code": code, "message": message, "fields": fields or {}}


def _bidang(detail) -> dict[str, list[str]]:
    """DRF's validation detail as {field: [messages]}; nested lists and dicts are flattened
    with dotted names (``indikator.0.target``)."""
    hasil: dict[str, list[str]] = {}

    def jalan(awal: str, d) -> None:
        if isinstance(d, dict):
            for k, v in d.items():
                jalan(f"{awal}.{k}" if awal else str(k), v)
        elif isinstance(d, list):
            if all(isinstance(x, str) for x in d):
                hasil.setdefault(awal or "__all__", []).extend(str(x) for x in d)
            else:
                for i, x in enumerate(d):
                    jalan(f"{awal}.{i}" if awal else str(i), x)
        else:
            hasil.setdefault(awal or "__all__", []).append(str(d))

    jalan("", detail)
    return hasil


def handler(exc, context):
    if isinstance(exc, KonflikEdit):
        return Response(galat("konflik_edit", str(exc)), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, TidakBerhak):
        return Response(galat("tidak_berhak", str(exc)), status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ImportDitolak):
        # The same problem fields (row, column, value, message) that the CLI and pages show.
        fields: dict[str, list[str]] = {}
        for m in exc.masalah:
            fields.setdefault(m.kolom or "__all__", []).append(str(m))
        body = galat("ditolak", str(exc), fields) | {"masalah": [m.sebagai_dict() for m in exc.masalah]}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, KesosError):
        return Response(galat("ditolak", str(exc)), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Response(galat("tidak_valid", _("Isian tidak valid."), fields), status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException):
        response = exception_handler(exc, context)
        if isinstance(exc, exceptions.ValidationError):
            body = galat("tidak_valid", _("Isian tidak valid."), _bidang(exc.detail))
        else:
            detail = exc.detail
            pesan = str(detail.get("detail", detail)) if isinstance(detail, dict) else str(detail)
            code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
            body = galat(code, pesan)
        response.data = body
        return response
    log.exception("Galat server di API", exc_info=exc)
    return Response(
        galat("galat_server", _("Terjadi galat di server; kejadian ini dicatat.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def _json_atau_halaman(request, status: int, code: str, pesan: str, halaman):
    from django.http import JsonResponse

    if request.path.startswith("/api/"):
        return JsonResponse(galat(code, pesan), status=status)
    return halaman()


def permintaan_salah(request, exception=None):
    """400 outside DRF (a request Django could not read): the API's shape under /api/, a page elsewhere."""
    return _json_atau_halaman(
        request,
        400,
        "permintaan_salah",
        _("Permintaan tidak dapat diproses."),
        lambda: halaman.permintaan_salah(request, exception),
    )


def terlarang(request, exception=None):
    """403 outside DRF: the API's shape under /api/, the page in the site's layout elsewhere."""
    return _json_atau_halaman(
        request,
        403,
        "permission_denied",
        _("Anda tidak berhak melakukan ini."),
        lambda: halaman.terlarang(request, exception),
    )


def tidak_ada(request, exception=None):
    """404 outside DRF (a path no route matches): the API's shape under /api/, a page elsewhere."""
    return _json_atau_halaman(
        request,
        404,
        "not_found",
        _("Alamat tidak ditemukan."),
        lambda: halaman.tidak_ada(request, exception),
    )


def galat_server(request):
    return _json_atau_halaman(
        request,
        500,
        "galat_server",
        _("Terjadi galat di server; kejadian ini dicatat."),
        lambda: halaman.galat_server(request),
    )
