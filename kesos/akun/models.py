from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Peran(models.TextChoices):
    ADMIN = "admin", _("Admin")
    PERENCANA = "perencana", _("Perencana")
    KEPALA_DINAS = "kepala_dinas", _("Kepala Dinas")
    OPERATOR = "operator", _("Operator")
    REVIEWER = "reviewer", _("Reviewer")


class Pengguna(AbstractUser):
    """A user of kesos: one role, and the wilayah (by Kemendagri code) they may act in."""

    peran = models.CharField(_("peran"), max_length=20, choices=Peran.choices, default=Peran.REVIEWER)
    wilayah_kode = models.CharField(
        _("kode wilayah"),
        max_length=20,
        blank=True,
        help_text=_("Kosong berarti seluruh wilayah; operator dibatasi pada kode ini."),
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    @property
    def peran_efektif(self) -> str:
        return Peran.ADMIN if self.is_superuser else self.peran

    def punya_peran(self, *peran: str) -> bool:
        return self.is_authenticated and self.is_active and self.peran_efektif in peran

    @property
    def boleh_ubah_rencana(self) -> bool:
        return self.punya_peran(Peran.ADMIN, Peran.PERENCANA)

    @property
    def boleh_menetapkan(self) -> bool:
        return self.punya_peran(Peran.ADMIN, Peran.KEPALA_DINAS)


class AuditLog(models.Model):
    """Who changed what, when, with the row as it was before and after."""

    class Aksi(models.TextChoices):
        BUAT = "buat", _("dibuat")
        UBAH = "ubah", _("diubah")
        HAPUS = "hapus", _("dihapus")
        PINDAH = "pindah", _("dipindah")
        STATUS = "status", _("status")

    waktu = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices)
    objek = models.CharField(_("objek"), max_length=60)
    objek_id = models.CharField(_("id objek"), max_length=40)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    sebelum = models.JSONField(_("sebelum"), null=True, blank=True)
    sesudah = models.JSONField(_("sesudah"), null=True, blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        indexes = [models.Index(fields=["objek", "objek_id"])]
        ordering = ["-waktu", "-id"]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.objek}#{self.objek_id} {self.aksi}"

    def perubahan(self) -> list[tuple[str, object, object]]:
        """The fields that differ between before and after, as (field, before, after)."""
        sebelum, sesudah = self.sebelum or {}, self.sesudah or {}
        keys = list(dict.fromkeys([*sebelum.keys(), *sesudah.keys()]))
        return [(k, sebelum.get(k), sesudah.get(k)) for k in keys if sebelum.get(k) != sesudah.get(k)]


class AksesDataPribadi(models.Model):
    """A view of full personal data (NIK, KK) or an export of persons: who, when, which, why."""

    class Aksi(models.TextChoices):
        LIHAT = "lihat", _("dilihat")
        API = "api", _("dibaca lewat API")
        EKSPOR = "ekspor", _("diekspor")

    waktu = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nama_pengguna = models.CharField(_("nama pengguna"), max_length=150)
    aksi = models.CharField(_("aksi"), max_length=10, choices=Aksi.choices)
    objek = models.CharField(_("objek"), max_length=60)
    jumlah = models.PositiveIntegerField(_("jumlah catatan"))
    ids = models.JSONField(_("id catatan"), default=list)
    tujuan = models.CharField(_("tujuan"), max_length=255, blank=True)
    alamat = models.CharField(_("alamat halaman"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("akses data pribadi")
        verbose_name_plural = _("akses data pribadi")
        ordering = ["-waktu", "-id"]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.nama_pengguna} {self.aksi} {self.objek} ({self.jumlah})"
