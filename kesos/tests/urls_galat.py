"""The site's URLs plus pages that fail on purpose, to test the error handlers (DEBUG off)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from kesos.inti.errors import TidakBerhak
from kesos.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def rusak(request):
    raise RuntimeError("rahasia-internal: /srv/kesos/settings.py baris 12")


def curiga(request):
    raise SuspiciousOperation("isian curiga")


def dilarang(request):
    raise PermissionDenied


def tidak_berhak(request):
    raise TidakBerhak("Hanya Kepala Dinas yang dapat menetapkan Renja final.")


urlpatterns = [
    path("uji/rusak/", rusak),
    path("uji/curiga/", curiga),
    path("uji/dilarang/", dilarang),
    path("uji/tidak-berhak/", tidak_berhak),
    path("api/uji/rusak/", rusak),
    *urlpatterns,
]
