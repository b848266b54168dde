from django.contrib import admin

from .models import JumlahTercatat, Kategori
from .services import kategori_ubah


@admin.register(Kategori)
class KategoriAdmin(admin.ModelAdmin):
    """Amending a category in use makes a new version (the service decides), never an edit in place."""

    list_display = (
        "kode",
        "versi",
        "aktif",
        "jenis",
        "nama",
        "usia_min",
        "usia_max",
        "usia_kurang_dari",
        "jenis_kelamin",
    )
    list_filter = ("jenis", "aktif")
    readonly_fields = ("kode", "versi", "aktif")

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        asli = Kategori.objects.get(pk=obj.pk)
        kategori_ubah(
            kategori=asli, pengguna=request.user, **{f: form.cleaned_data[f] for f in form.changed_data}
        )


@admin.register(JumlahTercatat)
class JumlahTercatatAdmin(admin.ModelAdmin):
    """Counts for an office that has only totals: empty means unknown, not zero."""

    list_display = ("kategori_kode", "tahun", "wilayah_kode", "jumlah", "sumber")
    list_filter = ("tahun",)
    list_editable = ("jumlah",)
