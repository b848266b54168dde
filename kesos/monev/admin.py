from django.contrib import admin

from .models import AnggaranKegiatan, AnggaranTahunan, CapaianTahunan, RentangPredikat


@admin.register(RentangPredikat)
class RentangPredikatAdmin(admin.ModelAdmin):
    """Rating bands; with none stored, the defaults of Permendagri 86/2017 apply."""

    list_display = ("batas_bawah", "predikat")


class AnggaranKegiatanInline(admin.TabularInline):
    model = AnggaranKegiatan
    extra = 0


@admin.register(AnggaranTahunan)
class AnggaranTahunanAdmin(admin.ModelAdmin):
    list_display = ("organisasi", "tahun", "pagu", "realisasi")
    inlines = [AnggaranKegiatanInline]


@admin.register(CapaianTahunan)
class CapaianTahunanAdmin(admin.ModelAdmin):
    list_display = ("indikator", "tahun", "sampai_dengan", "target", "realisasi", "sumber")
    list_filter = ("tahun",)
