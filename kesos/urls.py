from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kesos.beranda import views as beranda

urlpatterns = [
    path("", beranda.beranda, name="beranda"),
    path("", include("kesos.perencanaan.urls")),
    path("evaluasi/", include("kesos.monev.urls")),
    path("registri/", include("kesos.registri.urls")),
    path("tugas/", include("kesos.tugas.urls")),
    path("bencana/", include("kesos.bencana.urls")),
    path("bansos/", include("kesos.bansos.urls")),
    path("spm/", include("kesos.spm.urls")),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("kesos.api.urls")),
    path("admin/", admin.site.urls),
]

# Error pages in Bahasa Indonesia inside the site's layout (kesos.inti.galat); under /api/ the
# API's JSON shape. The 500 page renders without a query, so it shows when the database fails.
handler400 = "kesos.api.errors.permintaan_salah"
handler403 = "kesos.api.errors.terlarang"
handler404 = "kesos.api.errors.tidak_ada"
handler500 = "kesos.api.errors.galat_server"
