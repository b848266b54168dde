from django.contrib import admin

from .models import (
    NomenklaturItem,
    NomenklaturVersi,
    Organisasi,
    PaguRKPD,
    Renstra,
    RenstraBaris,
    RenstraIndikator,
    SumberDana,
)


@admin.register(SumberDana)
class SumberDanaAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "aktif")
    list_editable = ("aktif",)


@admin.register(Organisasi)
class OrganisasiAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "kepala_nama")


@admin.register(PaguRKPD)
class PaguRKPDAdmin(admin.ModelAdmin):
    list_display = ("organisasi", "tahun", "pagu")
    list_filter = ("tahun",)


class NomenklaturItemInline(admin.TabularInline):
    model = NomenklaturItem
    extra = 0
    can_delete = False
    readonly_fields = ("level", "kode", "nama", "aktif")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NomenklaturVersi)
class NomenklaturVersiAdmin(admin.ModelAdmin):
    """A loaded version is read-only: a revision is loaded as a new version."""

    list_display = ("kode", "nama")
    inlines = [NomenklaturItemInline]

    def get_readonly_fields(self, request, obj=None):
        return ("kode", "nama", "sumber") if obj else ()


class RenstraIndikatorInline(admin.TabularInline):
    model = RenstraIndikator
    extra = 0


@admin.register(RenstraBaris)
class RenstraBarisAdmin(admin.ModelAdmin):
    list_display = ("renstra", "kode", "nama", "level")
    list_filter = ("renstra",)
    search_fields = ("kode", "nama")
    inlines = [RenstraIndikatorInline]


@admin.register(Renstra)
class RenstraAdmin(admin.ModelAdmin):
    list_display = ("organisasi", "tahun_mulai", "tahun_akhir", "nama")
