from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views
from .permissions import Masuk

router = DefaultRouter()
router.register("organisasi", views.OrganisasiViewSet, basename="organisasi")
router.register("renja", views.RenjaViewSet, basename="renja")
router.register("baris", views.BarisViewSet, basename="baris")
router.register("orang", views.OrangViewSet, basename="orang")
router.register("keluarga", views.KeluargaViewSet, basename="keluarga")
router.register("bansos/program", views.ProgramBansosViewSet, basename="bansos-program")
router.register("bencana/kejadian", views.KejadianBencanaViewSet, basename="bencana-kejadian")

urlpatterns = [
    path("", include(router.urls)),
    path("evaluasi/tc29/", views.TC29View.as_view(), name="api-tc29"),
    path("spm/", views.SpmView.as_view(), name="api-spm"),
    path("bencana/stok/", views.StokBencanaView.as_view(), name="api-bencana-stok"),
    path("bencana/indikator/", views.IndikatorBencanaView.as_view(), name="api-bencana-indikator"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[Masuk]), name="api-schema"),
    # The split view serves its script as a file, so the Content-Security-Policy needs no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=[Masuk]),
        name="api-docs",
    ),
]
