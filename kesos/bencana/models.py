"""Disasters: events and their victims, emergency aid, the buffer-stock ledger, TAGANA, KSB.

Stock on hand is never typed: every receipt, issue, return and adjustment is a ``Mutasi`` (a
ledger entry, never edited or deleted) and ``Saldo`` is the running balance the services keep
from it under a row lock, checked against the ledger's sum by ``queries.stok_periksa``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisBencana(models.TextChoices):
    TANAH_LONGSOR = "tanah_longsor", _("Tanah longsor")
    GEMPA_BUMI = "gempa_bumi", _("Gempa bumi")
    BANJIR = "banjir", _("Banjir")
    BANJIR_BANDANG = "banjir_bandang", _("Banjir bandang")
    ANGIN_PUTING_BELIUNG = "angin_puting_beliung", _("Angin puting beliung")
    KEKERINGAN = "kekeringan", _("Kekeringan")
    GUNUNG_MELETUS = "gunung_meletus", _("Gunung meletus")
    TSUNAMI = "tsunami", _("Tsunami")
    KEBAKARAN = "kebakaran", _("Kebakaran permukiman")
    KEBAKARAN_HUTAN = "kebakaran_hutan", _("Kebakaran hutan dan lahan")
    KONFLIK_SOSIAL = "konflik_sosial", _("Konflik sosial")
    TEROR = "teror", _("Aksi teror")
    LAINNYA = "lainnya", _("Lainnya")


# Bencana sosial (caused by people, Permensos 08/2012); every other kind is bencana alam.
JENIS_SOSIAL = {JenisBencana.KONFLIK_SOSIAL, JenisBencana.TEROR}


class StatusKejadian(models.TextChoices):
    DILAPORKAN = "dilaporkan", _("Dilaporkan")
    DIKAJI = "dikaji", _("Dikaji")
    TANGGAP_DARURAT = "tanggap_darurat", _("Tanggap darurat")
    PEMULIHAN = "pemulihan", _("Pemulihan")
    DITUTUP = "ditutup", _("Ditutup")


# The one order an event moves in; a step may be skipped forward (a small fire needs no
# emergency period), never taken back.
URUTAN_STATUS = [s.value for s in StatusKejadian]


class Kejadian(models.Model):
    """A disaster event as reported, with its victims counted (the registry-linked ones are in
    ``Korban``; the counts are the totals, which the linked records never exceed)."""

    jenis = models.CharField(_("jenis bencana"), max_length=30, choices=JenisBencana.choices)
    uraian = models.CharField(_("uraian singkat"), max_length=200)
    waktu_lapor = models.DateTimeField(_("waktu dilaporkan"), db_index=True)
    desa_kode = models.CharField(_("desa utama"), max_length=20, db_index=True)
    lintang = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    bujur = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    kk_terdampak = models.PositiveIntegerField(_("KK terdampak"), default=0)
    jiwa_terdampak = models.PositiveIntegerField(_("jiwa terdampak"), default=0)
    luka = models.PositiveIntegerField(_("luka-luka"), default=0)
    meninggal = models.PositiveIntegerField(_("meninggal"), default=0)
    hilang = models.PositiveIntegerField(_("hilang"), default=0)
    mengungsi = models.PositiveIntegerField(_("mengungsi"), default=0)
    dievakuasi = models.PositiveIntegerField(_("dievakuasi"), default=0)
    dievakuasi_lengkap = models.PositiveIntegerField(
        _("dievakuasi dengan sarana prasarana lengkap"), default=0
    )
    cara_evakuasi = models.CharField(_("cara evakuasi"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StatusKejadian.choices, default=StatusKejadian.DILAPORKAN
    )
    dikaji_pada = models.DateTimeField(_("dikaji pada"), null=True, blank=True)
    darurat_mulai = models.DateTimeField(_("tanggap darurat mulai"), null=True, blank=True)
    darurat_selesai = models.DateTimeField(_("tanggap darurat selesai"), null=True, blank=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    versi = models.PositiveIntegerField(default=1)
    # The first delivery's time and the response time in seconds (first aid - reported): kept by
    # ``services.bantuan_catat`` under the event's row lock, so that the office's indicator over
    # ten thousand events reads one column of one table; ``queries.respon_periksa`` checks them.
    bantuan_pertama = models.DateTimeField(_("bantuan pertama"), null=True, blank=True, editable=False)
    respon_detik = models.BigIntegerField(_("respon time (detik)"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("kejadian bencana")
        verbose_name_plural = _("kejadian bencana")
        ordering = ["-waktu_lapor", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dievakuasi_lengkap__lte=models.F("dievakuasi")),
                name="kejadian_evakuasi_lengkap_tidak_lebih",
            ),
            models.CheckConstraint(
                condition=models.Q(darurat_selesai__isnull=True)
                | models.Q(darurat_selesai__gte=models.F("darurat_mulai")),
                name="kejadian_darurat_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} — {self.uraian}"

    @property
    def sifat(self) -> str:
        return "sosial" if self.jenis in JENIS_SOSIAL else "alam"


class LokasiKejadian(models.Model):
    """Every desa an event touches (the main one too): operators of any of them see it."""

    kejadian = models.ForeignKey(Kejadian, on_delete=models.CASCADE, related_name="lokasi")
    desa_kode = models.CharField(_("kode desa"), max_length=20, db_index=True)

    class Meta:
        verbose_name = _("lokasi kejadian")
        verbose_name_plural = _("lokasi kejadian")
        constraints = [models.UniqueConstraint(fields=["kejadian", "desa_kode"], name="lokasi_kejadian_unik")]

    def __str__(self) -> str:
        return self.desa_kode


class KeadaanKorban(models.TextChoices):
    TERDAMPAK = "terdampak", _("Terdampak")
    LUKA = "luka", _("Luka-luka")
    MENINGGAL = "meninggal", _("Meninggal")
    HILANG = "hilang", _("Hilang")
    MENGUNGSI = "mengungsi", _("Mengungsi")


class Korban(models.Model):
    """A victim known to the registry."""

    kejadian = models.ForeignKey(Kejadian, on_delete=models.CASCADE, related_name="korban")
    orang = models.ForeignKey("registri.Orang", on_delete=models.PROTECT, related_name="+")
    keadaan = models.CharField(_("keadaan"), max_length=12, choices=KeadaanKorban.choices)
    dievakuasi = models.BooleanField(_("dievakuasi"), default=False)
    evakuasi_lengkap = models.BooleanField(_("dengan sarana prasarana lengkap"), default=False)

    class Meta:
        verbose_name = _("korban")
        verbose_name_plural = _("korban")
        constraints = [
            models.UniqueConstraint(fields=["kejadian", "orang"], name="korban_unik"),
            models.CheckConstraint(
                condition=~models.Q(evakuasi_lengkap=True, dievakuasi=False),
                name="korban_lengkap_hanya_bila_dievakuasi",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kejadian_id}/{self.orang_id}"


class Gudang(models.Model):
    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=120)
    desa_kode = models.CharField(_("kode desa"), max_length=20, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("gudang")
        verbose_name_plural = _("gudang")
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama


class Barang(models.Model):
    """A stock item (buffer stock): its unit and the minimum the office keeps."""

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama"), max_length=120)
    satuan = models.CharField(_("satuan"), max_length=20)
    stok_minimum = models.PositiveIntegerField(_("stok minimum"), default=0)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("barang")
        verbose_name_plural = _("barang")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.satuan})"


class Saldo(models.Model):
    """Stock on hand of one item in one warehouse: the ledger's running sum, kept by the stock
    services while they hold this row locked (the lock that makes two issues at the same
    instant wait for each other). Never typed; checked against the ledger."""

    barang = models.ForeignKey(Barang, on_delete=models.PROTECT, related_name="saldo")
    gudang = models.ForeignKey(Gudang, on_delete=models.PROTECT, related_name="saldo")
    jumlah = models.BigIntegerField(_("stok"), default=0)

    class Meta:
        verbose_name = _("saldo stok")
        verbose_name_plural = _("saldo stok")
        constraints = [
            models.UniqueConstraint(fields=["barang", "gudang"], name="saldo_unik"),
            models.CheckConstraint(condition=models.Q(jumlah__gte=0), name="saldo_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.barang_id}@{self.gudang_id}: {self.jumlah}"


class JenisMutasi(models.TextChoices):
    TERIMA = "terima", _("Penerimaan")
    KELUAR = "keluar", _("Pengeluaran")
    KEMBALI = "kembali", _("Pengembalian")
    PENYESUAIAN = "penyesuaian", _("Penyesuaian stok opname")


class LedgerTidakBolehDiubah(Exception):
    pass


class MutasiQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerTidakBolehDiubah("Catatan buku stok tidak boleh diubah; koreksi dengan catatan baru.")

    def delete(self):
        raise LedgerTidakBolehDiubah("Catatan buku stok tidak boleh dihapus; koreksi dengan catatan baru.")


class Mutasi(models.Model):
    """One ledger entry: ``jumlah`` is signed (receipts and returns add, issues take away, an
    adjustment either). ``saldo_setelah`` is the balance after it, in posting order, as the
    stock card (kartu stok) shows it."""

    barang = models.ForeignKey(Barang, on_delete=models.PROTECT, related_name="mutasi")
    gudang = models.ForeignKey(Gudang, on_delete=models.PROTECT, related_name="mutasi")
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisMutasi.choices)
    tanggal = models.DateField(_("tanggal"))
    jumlah = models.BigIntegerField(_("jumlah"))
    saldo_setelah = models.BigIntegerField(_("sisa"))
    satuan = models.CharField(_("satuan"), max_length=20)
    sumber = models.CharField(_("sumber / tujuan"), max_length=200, blank=True)
    referensi = models.CharField(_("nomor bukti"), max_length=100, blank=True)
    kedaluwarsa = models.DateField(_("kedaluwarsa"), null=True, blank=True)
    alasan = models.CharField(_("alasan"), max_length=255, blank=True)
    rujukan = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="pengembalian"
    )
    bantuan = models.ForeignKey(
        "Bantuan", null=True, blank=True, on_delete=models.PROTECT, related_name="mutasi"
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    objects = MutasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("mutasi stok")
        verbose_name_plural = _("mutasi stok")
        ordering = ["barang", "gudang", "id"]
        indexes = [
            models.Index(fields=["barang", "gudang", "id"], name="mutasi_kartu_idx"),
            models.Index(fields=["kedaluwarsa"], name="mutasi_kedaluwarsa_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(jenis__in=["terima", "kembali"], jumlah__gt=0)
                    | models.Q(jenis="keluar", jumlah__lt=0)
                    | (models.Q(jenis="penyesuaian") & ~models.Q(jumlah=0))
                ),
                name="mutasi_tanda_sesuai_jenis",
            ),
            models.CheckConstraint(
                condition=models.Q(saldo_setelah__gte=0), name="mutasi_sisa_tidak_negatif"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal} {self.jenis} {self.jumlah} {self.satuan}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise LedgerTidakBolehDiubah("Catatan buku stok tidak boleh diubah; koreksi dengan catatan baru.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerTidakBolehDiubah("Catatan buku stok tidak boleh dihapus; koreksi dengan catatan baru.")


class StokOpname(models.Model):
    gudang = models.ForeignKey(Gudang, on_delete=models.PROTECT, related_name="opname")
    tanggal = models.DateField(_("tanggal"))
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("stok opname")
        verbose_name_plural = _("stok opname")
        ordering = ["-tanggal", "-id"]

    def __str__(self) -> str:
        return f"Opname {self.gudang} {self.tanggal}"


class StokOpnameBaris(models.Model):
    """Counted against derived stock; a difference is posted as an adjustment with its reason."""

    opname = models.ForeignKey(StokOpname, on_delete=models.PROTECT, related_name="baris")
    barang = models.ForeignKey(Barang, on_delete=models.PROTECT, related_name="+")
    tercatat = models.BigIntegerField(_("stok tercatat"))
    dihitung = models.BigIntegerField(_("hasil hitung"))
    alasan = models.CharField(_("alasan selisih"), max_length=255, blank=True)
    mutasi = models.OneToOneField(Mutasi, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("baris stok opname")
        verbose_name_plural = _("baris stok opname")
        constraints = [
            models.UniqueConstraint(fields=["opname", "barang"], name="opname_barang_unik"),
            models.CheckConstraint(condition=models.Q(dihitung__gte=0), name="opname_hitung_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.barang_id}: {self.tercatat} → {self.dihitung}"

    @property
    def selisih(self) -> int:
        return self.dihitung - self.tercatat


class Bantuan(models.Model):
    """One delivery of emergency aid to an event: when, from which warehouse, to whom.

    Aid is a distribution: each delivery is a cycle (``bansos.Siklus``) of the year's period of
    the emergency-aid programme (one for persons, one for households: a programme has one
    unit), and each registry-linked recipient a ``bansos.Penyaluran`` in it
    (``PenerimaBantuan.penyaluran``), so coverage, the SPM's "terlayani" and the programme
    lists count disaster aid with every other assistance. Unnamed groups stay counted here."""

    kejadian = models.ForeignKey(Kejadian, on_delete=models.PROTECT, related_name="bantuan")
    waktu = models.DateTimeField(_("waktu diserahkan"), db_index=True)
    gudang = models.ForeignKey(Gudang, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("bantuan tanggap darurat")
        verbose_name_plural = _("bantuan tanggap darurat")
        ordering = ["kejadian", "waktu", "id"]
        indexes = [models.Index(fields=["kejadian", "waktu"], name="bantuan_kejadian_waktu_idx")]

    def __str__(self) -> str:
        return f"Bantuan {self.kejadian_id} {self.waktu:%Y-%m-%d %H:%M}"


class PenerimaBantuan(models.Model):
    """Who received a delivery: a person or household of the registry, or a group counted in
    persons where names are not known (``jumlah_jiwa``)."""

    bantuan = models.ForeignKey(Bantuan, on_delete=models.CASCADE, related_name="penerima")
    orang = models.ForeignKey(
        "registri.Orang", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    keluarga = models.ForeignKey(
        "registri.Keluarga", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    jumlah_jiwa = models.PositiveIntegerField(_("jumlah jiwa"), default=1)
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True)
    penyaluran = models.OneToOneField(
        "bansos.Penyaluran", null=True, blank=True, on_delete=models.PROTECT, related_name="penerima_bencana"
    )

    class Meta:
        verbose_name = _("penerima bantuan")
        verbose_name_plural = _("penerima bantuan")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(orang__isnull=False, keluarga__isnull=False),
                name="penerima_orang_atau_keluarga",
            ),
            models.CheckConstraint(condition=models.Q(jumlah_jiwa__gte=1), name="penerima_jiwa_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.bantuan_id}: {self.jumlah_jiwa} jiwa"


class AnggotaTagana(models.Model):
    """A TAGANA member: a person of the registry who met TAGANA's age rule when joining."""

    orang = models.OneToOneField("registri.Orang", on_delete=models.PROTECT, related_name="+")
    nomor_anggota = models.CharField(_("nomor anggota"), max_length=40, blank=True)
    tanggal_bergabung = models.DateField(_("tanggal bergabung"))
    desa_kode = models.CharField(_("kode desa"), max_length=20, db_index=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("anggota TAGANA")
        verbose_name_plural = _("anggota TAGANA")
        ordering = ["desa_kode", "id"]

    def __str__(self) -> str:
        return f"TAGANA #{self.pk}"


class PelatihanTagana(models.Model):
    class Jenis(models.TextChoices):
        PELATIHAN = "pelatihan", _("Pendidikan dan pelatihan")
        SIMULASI = "simulasi", _("Simulasi / geladi")

    nama = models.CharField(_("nama pelatihan"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices, default=Jenis.PELATIHAN)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    tempat = models.CharField(_("tempat"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pelatihan TAGANA")
        verbose_name_plural = _("pelatihan TAGANA")
        ordering = ["-mulai", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="pelatihan_urut")
        ]

    def __str__(self) -> str:
        return self.nama


class PesertaPelatihan(models.Model):
    pelatihan = models.ForeignKey(PelatihanTagana, on_delete=models.CASCADE, related_name="peserta")
    anggota = models.ForeignKey(AnggotaTagana, on_delete=models.PROTECT, related_name="pelatihan")
    lulus = models.BooleanField(_("lulus"), default=True)

    class Meta:
        verbose_name = _("peserta pelatihan")
        verbose_name_plural = _("peserta pelatihan")
        constraints = [models.UniqueConstraint(fields=["pelatihan", "anggota"], name="peserta_unik")]

    def __str__(self) -> str:
        return f"{self.pelatihan_id}/{self.anggota_id}"


class KampungSiagaBencana(models.Model):
    desa_kode = models.CharField(_("kode desa"), max_length=20, unique=True)
    tanggal_dibentuk = models.DateField(_("tanggal dibentuk"))
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Kampung Siaga Bencana")
        verbose_name_plural = _("Kampung Siaga Bencana")
        ordering = ["tanggal_dibentuk", "desa_kode"]

    def __str__(self) -> str:
        return f"KSB {self.desa_kode}"


class LatihanDapurUmum(models.Model):
    """A field-kitchen (DUMLAP) drill, with the equipment it used."""

    tanggal = models.DateField(_("tanggal"))
    desa_kode = models.CharField(_("kode desa"), max_length=20)
    uraian = models.CharField(_("uraian"), max_length=200)
    jumlah_peserta = models.PositiveIntegerField(_("jumlah peserta"), default=0)
    porsi = models.PositiveIntegerField(_("porsi makanan"), default=0)

    class Meta:
        verbose_name = _("latihan dapur umum lapangan")
        verbose_name_plural = _("latihan dapur umum lapangan")
        ordering = ["-tanggal", "-id"]

    def __str__(self) -> str:
        return self.uraian


class PeralatanDapurUmum(models.Model):
    class Kondisi(models.TextChoices):
        BAIK = "baik", _("Baik")
        RUSAK_RINGAN = "rusak_ringan", _("Rusak ringan")
        RUSAK_BERAT = "rusak_berat", _("Rusak berat")

    latihan = models.ForeignKey(LatihanDapurUmum, on_delete=models.CASCADE, related_name="peralatan")
    nama = models.CharField(_("nama alat"), max_length=120)
    jumlah = models.PositiveIntegerField(_("jumlah"))
    kondisi = models.CharField(_("kondisi"), max_length=12, choices=Kondisi.choices, default=Kondisi.BAIK)

    class Meta:
        verbose_name = _("peralatan dapur umum")
        verbose_name_plural = _("peralatan dapur umum")

    def __str__(self) -> str:
        return f"{self.nama} ({self.jumlah})"


class UkuranRenstra(models.TextChoices):
    RESPON_RATA = "respon_rata_jam", _("Respon time tanggap bencana, rata-rata (jam)")
    RESPON_MEDIAN = "respon_median_jam", _("Respon time tanggap bencana, median (jam)")
    KSB = "ksb_jumlah", _("Jumlah Kampung Siaga Bencana (s/d tahun)")
    TAGANA = "tagana_terlatih", _("Jumlah anggota TAGANA terlatih (s/d tahun)")


class TautanRenstra(models.Model):
    """A Renstra indicator that kesos computes from the disaster records: its yearly
    realisation (``monev.CapaianTahunan``) is written by ``services.capaian_renstra_perbarui``."""

    indikator = models.OneToOneField(
        "perencanaan.RenstraIndikator", on_delete=models.CASCADE, related_name="tautan_bencana"
    )
    ukuran = models.CharField(_("ukuran"), max_length=20, choices=UkuranRenstra.choices)

    class Meta:
        verbose_name = _("tautan indikator Renstra")
        verbose_name_plural = _("tautan indikator Renstra")

    def __str__(self) -> str:
        return f"{self.indikator} ← {self.get_ukuran_display()}"

    def clean(self) -> None:
        if not self.ukuran:
            raise ValidationError({"ukuran": _("Pilih ukuran.")})
