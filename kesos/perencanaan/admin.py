from django.contrib import admin

from .models import (
    NomenklaturItem,
    NomenklaturVersi,
    Organisasi,
    PaguRKPD,
    Renstra,
    RenstraBaris,
    RenstraIndikator,
    SkemaKode,
    SumberDana,
    TingkatKode,
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


def _skema_dipakai(obj: SkemaKode | None) -> bool:
    return obj is not None and obj.pk is not None and obj.renja.exists()


class TingkatKodeInline(admin.TabularInline):
    """A scheme's levels. Once a Renja is written in the scheme its levels are fixed: changing
    them would change the level of rows already stored. A new regulation is a new scheme."""

    model = TingkatKode
    extra = 5
    fields = ("urutan", "level", "nama", "segmen")

    def has_add_permission(self, request, obj=None):
        return not _skema_dipakai(obj)

    def has_change_permission(self, request, obj=None):
        return not _skema_dipakai(obj)

    def has_delete_permission(self, request, obj=None):
        return not _skema_dipakai(obj)


@admin.register(SkemaKode)
class SkemaKodeAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "prioritas", "kode_memuat_organisasi")
    inlines = [TingkatKodeInline]

    def get_readonly_fields(self, request, obj=None):
        if _skema_dipakai(obj):
            return ("kode", "pemisah", "kode_memuat_organisasi")
        return ()

    def has_delete_permission(self, request, obj=None):
        return not _skema_dipakai(obj)
