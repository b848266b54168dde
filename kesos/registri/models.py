"""The registry of persons, households and their PMKS/PSKS classifications.

Person and household models have no ``objects``: every query names what it exposes, through
``data_pribadi`` (records with personal data, for code that has checked the user's role and
area) or ``agregat`` (only the fields that counting needs).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Jenis(models.TextChoices):
    PMKS = "PMKS", _("PMKS")
    PSKS = "PSKS", _("PSKS")


class Kategori(models.Model):
    """A PMKS or PSKS category in one version; a category in use is amended by a new version."""

    kode = models.CharField(_("kode"), max_length=20)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    aktif = models.BooleanField(_("aktif"), default=True)
    jenis = models.CharField(_("jenis"), max_length=4, choices=Jenis.choices)
    kelompok = models.CharField(_("kelompok"), max_length=60)
    nama = models.CharField(_("nama"), max_length=120)
    definisi = models.TextField(_("definisi"), blank=True)
    usia_min = models.PositiveSmallIntegerField(_("usia minimal"), null=True, blank=True)
    usia_max = models.PositiveSmallIntegerField(_("usia maksimal"), null=True, blank=True)
    usia_kurang_dari = models.PositiveSmallIntegerField(_("usia kurang dari"), null=True, blank=True)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, blank=True)

    class Meta:
        verbose_name = _("kategori PMKS/PSKS")
        verbose_name_plural = _("kategori PMKS/PSKS")
        ordering = ["jenis", "id"]
        constraints = [models.UniqueConstraint(fields=["kode", "versi"], name="kategori_versi_unik")]

    def __str__(self) -> str:
        return self.nama

    def aturan(self) -> str:
        bagian = []
        if self.usia_min is not None and self.usia_max is not None:
            bagian.append(_("usia %(min)s–%(max)s tahun") % {"min": self.usia_min, "max": self.usia_max})
        elif self.usia_min is not None and self.usia_kurang_dari is not None:
            bagian.append(
                _("usia %(min)s sampai kurang dari %(batas)s tahun")
                % {"min": self.usia_min, "batas": self.usia_kurang_dari}
            )
        elif self.usia_min is not None:
            bagian.append(_("usia %(min)s tahun ke atas") % {"min": self.usia_min})
        elif self.usia_max is not None:
            bagian.append(_("usia %(max)s tahun ke bawah") % {"max": self.usia_max})
        elif self.usia_kurang_dari is not None:
            bagian.append(_("usia di bawah %(batas)s tahun") % {"batas": self.usia_kurang_dari})
        if self.jenis_kelamin:
            bagian.append(str(_("perempuan") if self.jenis_kelamin == "P" else _("laki-laki")))
        return ", ".join(bagian)

    def langgar(self, *, tanggal_lahir: date, jenis_kelamin: str, pada: date) -> str | None:
        """The rule a person breaks, as of ``pada``, or None."""
        usia = umur(tanggal_lahir, pada)
        ok = (
            (self.usia_min is None or usia >= self.usia_min)
            and (self.usia_max is None or usia <= self.usia_max)
            and (self.usia_kurang_dari is None or usia < self.usia_kurang_dari)
            and (not self.jenis_kelamin or jenis_kelamin == self.jenis_kelamin)
        )
        if ok:
            return None
        kelamin = _("perempuan") if jenis_kelamin == "P" else _("laki-laki")
        keadaan = _("orang ini %(kelamin)s berusia %(usia)s tahun pada %(tanggal)s") % {
            "kelamin": kelamin,
            "usia": usia,
            "tanggal": f"{pada:%d-%m-%Y}",
        }
        return _("%(kategori)s mensyaratkan %(aturan)s; %(keadaan)s") % {
            "kategori": self.nama,
            "aturan": self.aturan(),
            "keadaan": keadaan,
        }


def umur(lahir: date, pada: date) -> int:
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


class JumlahTercatat(models.Model):
    """A count per category and year as an office recorded it (no person records behind it).

    ``jumlah`` None is unknown ("-" in the document), not zero."""

    kategori_kode = models.CharField(_("kategori"), max_length=20)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    wilayah_kode = models.CharField(_("kode wilayah"), max_length=20)
    jumlah = models.PositiveIntegerField(_("jumlah"), null=True, blank=True)
    sumber = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("jumlah tercatat")
        verbose_name_plural = _("jumlah tercatat")
        constraints = [
            models.UniqueConstraint(
                fields=["kategori_kode", "tahun", "wilayah_kode"], name="jumlah_tercatat_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kategori_kode} {self.tahun}: {self.jumlah}"


class Status(models.TextChoices):
    HIDUP = "hidup", _("hidup")
    MENINGGAL = "meninggal", _("meninggal")
    PINDAH = "pindah", _("pindah")
    DIGABUNG = "digabung", _("digabung ke catatan lain")


class AgregatManager(models.Manager):
    """Only what counting needs: no name, NIK or address."""

    def get_queryset(self):
        return super().get_queryset().only("id", "jenis_kelamin", "tanggal_lahir", "desa_kode", "status")


class Keluarga(models.Model):
    """A household with its own identity; its KK number and head may change over time."""

    no_kk = models.CharField(_("nomor KK"), max_length=16)
    kepala = models.ForeignKey("Orang", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    versi = models.PositiveIntegerField(default=1)

    data_pribadi = models.Manager()

    class Meta:
        verbose_name = _("keluarga")
        verbose_name_plural = _("keluarga")
        base_manager_name = "data_pribadi"
        default_manager_name = "data_pribadi"
        # Indexes declared here, not with db_index/unique on the fields: on PostgreSQL those add
        # a second (LIKE pattern) index per text column, which no query uses and every import
        # writes (access.dalam_wilayah filters by equality, NIK search by range).
        indexes = [
            models.Index(fields=["no_kk"], name="keluarga_no_kk_idx"),
            models.Index(fields=["desa_kode"], name="keluarga_desa_idx"),
        ]

    def __str__(self) -> str:
        return f"Keluarga #{self.pk}"


class RiwayatKK(models.Model):
    """Every KK number a household had, with its head at the time."""

    keluarga = models.ForeignKey(Keluarga, on_delete=models.CASCADE, related_name="riwayat")
    no_kk = models.CharField(_("nomor KK"), max_length=16)
    kepala_nik = models.CharField(_("NIK kepala keluarga"), max_length=16, blank=True)
    berlaku_sejak = models.DateField(_("berlaku sejak"))
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("riwayat KK")
        verbose_name_plural = _("riwayat KK")
        ordering = ["keluarga", "berlaku_sejak", "id"]

    def __str__(self) -> str:
        return self.no_kk


class Orang(models.Model):
    nik = models.CharField(_("NIK"), max_length=16)
    nama = models.CharField(_("nama"), max_length=120)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=[("L", _("Laki-laki")), ("P", _("Perempuan"))]
    )
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    keluarga = models.ForeignKey(
        Keluarga, null=True, blank=True, on_delete=models.SET_NULL, related_name="anggota"
    )
    hubungan_keluarga = models.CharField(_("hubungan keluarga"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.HIDUP)
    versi = models.PositiveIntegerField(default=1)

    data_pribadi = models.Manager()
    agregat = AgregatManager()

    class Meta:
        verbose_name = _("orang")
        verbose_name_plural = _("orang")
        base_manager_name = "data_pribadi"
        default_manager_name = "data_pribadi"
        # No index on status, alone or after desa_kode: nearly every person is "hidup", so it
        # narrows nothing, and each index costs every import a write per person. Declared here
        # rather than on the fields for the reason given at Keluarga.
        constraints = [models.UniqueConstraint(fields=["nik"], name="orang_nik_unik")]
        indexes = [models.Index(fields=["desa_kode"], name="orang_desa_idx")]
        # Granted by an admin to a reviewer or planner who needs the masked list of persons.
        permissions = [("lihat_daftar_orang", _("Dapat melihat daftar orang (NIK disamarkan)"))]

    def __str__(self) -> str:
        return f"Orang #{self.pk}"


class Klasifikasi(models.Model):
    """A person classified in a category, as of a date, on what evidence, by whom."""

    orang = models.ForeignKey(Orang, on_delete=models.CASCADE, related_name="klasifikasi")
    kategori = models.ForeignKey(Kategori, on_delete=models.PROTECT, related_name="klasifikasi")
    tanggal = models.DateField(_("tanggal"))
    bukti = models.CharField(_("bukti"), max_length=255, blank=True)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Copies of the person's desa and whether they are alive, kept in step by the services
    # (services.sinkron_klasifikasi): counts then read one table instead of joining every person.
    desa_kode = models.CharField(_("kode desa"), max_length=20, blank=True)
    hidup = models.BooleanField(_("hidup"), default=True)

    class Meta:
        verbose_name = _("klasifikasi")
        verbose_name_plural = _("klasifikasi")
        constraints = [models.UniqueConstraint(fields=["orang", "kategori"], name="klasifikasi_unik")]

    def __str__(self) -> str:
        return f"{self.orang_id} {self.kategori_id}"


class PutaranVerval(models.Model):
    """A round of verification and validation, opened and closed by the kepala dinas."""

    nama = models.CharField(_("nama"), max_length=120)
    dibuka_pada = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    ditutup_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("putaran verval")
        verbose_name_plural = _("putaran verval")
        ordering = ["-dibuka_pada"]

    def __str__(self) -> str:
        return self.nama

    @property
    def terbuka(self) -> bool:
        return self.ditutup_pada is None


class HasilVerval(models.TextChoices):
    VALID = "valid", _("valid")
    TIDAK_VALID = "tidak_valid", _("tidak valid")
    DIKOREKSI = "dikoreksi", _("dikoreksi")


class AlasanTidakValid(models.TextChoices):
    MENINGGAL = "meninggal", _("meninggal")
    PINDAH = "pindah", _("pindah")
    TIDAK_DITEMUKAN = "tidak_ditemukan", _("tidak ditemukan")
    SUDAH_MAMPU = "sudah_mampu", _("sudah mampu")
    DATA_GANDA = "data_ganda", _("data ganda")


class Verval(models.Model):
    putaran = models.ForeignKey(PutaranVerval, on_delete=models.PROTECT, related_name="hasil")
    orang = models.ForeignKey(Orang, on_delete=models.PROTECT, related_name="verval")
    desa_kode = models.CharField(_("kode desa"), max_length=20, db_index=True)
    hasil = models.CharField(_("hasil"), max_length=12, choices=HasilVerval.choices)
    alasan = models.CharField(_("alasan"), max_length=20, choices=AlasanTidakValid.choices, blank=True)
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField(_("pada"), auto_now=True)

    class Meta:
        verbose_name = _("verval")
        verbose_name_plural = _("verval")
        constraints = [
            models.UniqueConstraint(fields=["putaran", "orang"], name="verval_unik"),
            models.CheckConstraint(
                condition=~models.Q(hasil="tidak_valid", alasan=""), name="tidak_valid_beralasan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.putaran_id}/{self.orang_id}: {self.hasil}"


class KandidatDuplikat(models.Model):
    """A pair of records that may be one person, queued for an operator: never merged silently."""

    class Keputusan(models.TextChoices):
        ANTRE = "antre", _("menunggu keputusan")
        GABUNG = "gabung", _("digabung")
        PISAH = "pisah", _("orang berbeda")

    orang_a = models.ForeignKey(Orang, on_delete=models.CASCADE, related_name="+")
    orang_b = models.ForeignKey(Orang, on_delete=models.CASCADE, related_name="+")
    probabilitas = models.FloatField(_("probabilitas sama"))
    desa_kode = models.CharField(_("kode desa"), max_length=20, db_index=True)
    keputusan = models.CharField(
        _("keputusan"), max_length=10, choices=Keputusan.choices, default=Keputusan.ANTRE
    )
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kandidat duplikat")
        verbose_name_plural = _("kandidat duplikat")
        ordering = ["-probabilitas"]
        constraints = [models.UniqueConstraint(fields=["orang_a", "orang_b"], name="kandidat_duplikat_unik")]

    def __str__(self) -> str:
        return f"{self.orang_a_id} ~ {self.orang_b_id} ({self.probabilitas:.2f})"
