from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AksesDataPribadi, AuditLog, Pengguna


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("kesos", {"fields": ("peran", "wilayah_kode")}))
    list_display = ("username", "first_name", "peran", "wilayah_kode", "is_active")


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ("waktu", "pengguna", "aksi", "objek", "objek_id", "keterangan")
    list_filter = ("aksi", "objek")
    readonly_fields = [f.name for f in AuditLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AksesDataPribadi)
class AksesDataPribadiAdmin(admin.ModelAdmin):
    list_display = ("waktu", "nama_pengguna", "aksi", "objek", "jumlah", "tujuan")
    list_filter = ("aksi", "objek")
    readonly_fields = [f.name for f in AksesDataPribadi._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
