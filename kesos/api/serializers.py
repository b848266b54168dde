from decimal import Decimal

from rest_framework import serializers

from kesos.inti.validasi import PAGU_MAKS, TEKS_PANJANG_MAKS
from kesos.perencanaan.models import Organisasi, Renja, SumberDana


class OrganisasiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisasi
        fields = ["id", "kode", "nama", "urusan_kode", "bidang_kode"]


class RenjaSerializer(serializers.ModelSerializer):
    organisasi = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    tahap_label = serializers.CharField(source="get_tahap_display", read_only=True)
    skema = serializers.SlugRelatedField(
        slug_field="kode", read_only=True, help_text="Skema kode: tingkat setiap baris dibaca dari kodenya"
    )

    class Meta:
        model = Renja
        fields = ["id", "organisasi", "tahun", "tahap", "tahap_label", "skema", "terkunci", "dibuat_pada"]


class RingkasanSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="pohon.total", help_text="Jumlah pagu program (rupiah)")
    total_maju = serializers.IntegerField(source="pohon.total_maju")
    pagu_rkpd = serializers.IntegerField(allow_null=True)
    selisih_rkpd = serializers.IntegerField(allow_null=True, help_text="Pagu RKPD dikurangi total")
    jumlah_program = serializers.IntegerField()
    jumlah_kegiatan = serializers.IntegerField()
    jumlah_sub_kegiatan = serializers.IntegerField()


class RenjaDetailSerializer(RenjaSerializer):
    ringkasan = serializers.SerializerMethodField()

    class Meta(RenjaSerializer.Meta):
        fields = [*RenjaSerializer.Meta.fields, "ringkasan"]

    def get_ringkasan(self, obj) -> dict:
        return RingkasanSerializer(self.context["ringkasan"]).data


class IndikatorSerializer(serializers.Serializer):
    uraian = serializers.CharField(allow_blank=True, required=False, default="", max_length=TEKS_PANJANG_MAKS)
    target = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)
    maju = serializers.CharField(allow_blank=True, required=False, default="", max_length=200)


class BarisSerializer(serializers.Serializer):
    """A row with its pagu derived from its children (``pagu_hitung``)."""

    id = serializers.IntegerField()
    kode = serializers.CharField()
    nama = serializers.CharField()
    level = serializers.CharField()
    induk_kode = serializers.CharField(allow_null=True)
    lokasi = serializers.CharField()
    pagu = serializers.IntegerField(
        allow_null=True, help_text="Pagu yang diketik (hanya baris tanpa rincian)"
    )
    pagu_hitung = serializers.IntegerField(help_text="Pagu baris ini: diketik, atau jumlah rinciannya")
    pagu_maju_hitung = serializers.IntegerField()
    pagu_tertulis = serializers.IntegerField(allow_null=True)
    sumber_dana = serializers.CharField(allow_null=True)
    catatan = serializers.CharField()
    kode_nasional = serializers.CharField()
    versi = serializers.IntegerField()
    indikator = IndikatorSerializer(many=True)


class TemuanSerializer(serializers.Serializer):
    tingkat = serializers.CharField()
    kode = serializers.CharField()
    kolom = serializers.CharField()
    pesan = serializers.CharField()


class BarisUbahSerializer(serializers.Serializer):
    versi = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text="Versi baris yang dibaca; simpan ditolak bila sudah berubah",
    )
    kode = serializers.CharField(required=False, max_length=60)
    nama = serializers.CharField(required=False, max_length=500)
    lokasi = serializers.CharField(required=False, allow_blank=True, max_length=200)
    pagu = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=PAGU_MAKS)
    pagu_maju = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=PAGU_MAKS)
    sumber_dana = serializers.SlugRelatedField(
        slug_field="kode", queryset=SumberDana.objects.all(), required=False, allow_null=True
    )
    catatan = serializers.CharField(required=False, allow_blank=True, max_length=TEKS_PANJANG_MAKS)
    indikator = IndikatorSerializer(many=True, required=False, max_length=30)


class TC29BarisSerializer(serializers.Serializer):
    kode = serializers.CharField(source="baris.kode")
    nama = serializers.CharField(source="baris.nama")
    level = serializers.CharField(source="baris.level")
    indikator = serializers.CharField(source="indikator.uraian", allow_null=True, default=None)
    kolom = serializers.SerializerMethodField(
        help_text="Kolom (4)…(11) hasil hitung; null bila tidak dapat dihitung"
    )
    tertulis = serializers.DictField(
        child=serializers.CharField(), help_text="Angka kolom 8, 10, 11 seperti tertulis"
    )
    renja = serializers.ListField(child=serializers.CharField())

    def get_kolom(self, obj) -> dict[str, str | None]:
        return {str(k): (None if v is None else format(v.normalize(), "f")) for k, v in obj.kolom.items()}


class E81BarisSerializer(serializers.Serializer):
    kode = serializers.CharField(source="baris.kode")
    nama = serializers.CharField(source="baris.nama")
    level = serializers.CharField(source="baris.level")
    indikator = serializers.CharField(source="indikator.uraian", allow_null=True, default=None)
    target_k = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    target_rp = serializers.IntegerField()
    tw_k = serializers.ListField(
        child=serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    )
    tw_rp = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    realisasi_k = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    realisasi_rp = serializers.IntegerField(allow_null=True)
    capaian_k = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    capaian_rp = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    renstra_capaian_k = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    rata_rata = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    predikat = serializers.CharField()


class KlasifikasiSerializer(serializers.Serializer):
    kategori = serializers.CharField(source="kategori.nama")
    tanggal = serializers.DateField()


class OrangSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nik = serializers.CharField()
    nama = serializers.CharField()
    jenis_kelamin = serializers.CharField()
    tanggal_lahir = serializers.DateField()
    alamat = serializers.CharField()
    desa_kode = serializers.CharField()
    keluarga = serializers.IntegerField(source="keluarga_id", allow_null=True)
    hubungan_keluarga = serializers.CharField()
    status = serializers.CharField()
    klasifikasi = KlasifikasiSerializer(many=True)


class KeluargaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    no_kk = serializers.CharField()
    desa_kode = serializers.CharField()
    kepala = serializers.IntegerField(source="kepala_id", allow_null=True)
    anggota = serializers.SerializerMethodField()

    def get_anggota(self, obj) -> list[int]:
        return [o.id for o in obj.anggota.all()]


class ProgramBansosSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode = serializers.CharField()
    nama = serializers.CharField()
    jenis_manfaat = serializers.CharField()
    satuan = serializers.CharField()
    sumber_dana = serializers.CharField(source="sumber_dana.kode", allow_null=True, default=None)
    kegiatan = serializers.CharField(source="kegiatan.kode", allow_null=True, default=None)
    aturan = serializers.SerializerMethodField(help_text="Aturan kelayakan sebagai data")
    periode = serializers.SerializerMethodField()

    def get_aturan(self, obj) -> dict:
        return {
            "kategori": list(obj.kategori_kode),
            "usia_min": obj.usia_min,
            "usia_max": obj.usia_max,
            "jenis_kelamin": obj.jenis_kelamin,
            "verval": obj.verval,
            "wilayah": obj.wilayah_kode,
            "tidak_bersama": [p.kode for p in obj.tidak_bersama.all()],
        }

    def get_periode(self, obj) -> list[dict]:
        return [
            {"id": p.id, "nama": p.nama, "mulai": p.mulai, "selesai": p.selesai} for p in obj.periode.all()
        ]


class CakupanBarisSerializer(serializers.Serializer):
    kode = serializers.CharField()
    nama = serializers.CharField()
    layak = serializers.IntegerField()
    terdaftar = serializers.IntegerField()
    tersalur = serializers.IntegerField()
    celah = serializers.IntegerField(help_text="Layak yang belum menerima penyaluran pada periode ini")


class SpmBarisSerializer(serializers.Serializer):
    set = serializers.CharField(source="indikator.set.kode")
    nomor = serializers.IntegerField(source="indikator.nomor")
    indikator = serializers.CharField(source="indikator.uraian")
    target_nasional = serializers.DecimalField(
        source="indikator.target_nasional", max_digits=6, decimal_places=2, allow_null=True
    )
    target_daerah = serializers.CharField()
    pembilang = serializers.SerializerMethodField()
    penyebut = serializers.SerializerMethodField()
    persen = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    alasan = serializers.CharField(help_text="Mengapa tidak dapat dihitung; kosong bila dapat")

    def get_pembilang(self, obj) -> str | None:
        return str(obj.pembilang) if obj.dapat_dihitung else None

    def get_penyebut(self, obj) -> str | None:
        return str(obj.penyebut) if obj.dapat_dihitung else None


class KejadianBencanaSerializer(serializers.Serializer):
    """A disaster event with its counted victims and response time; no names or NIK."""

    id = serializers.IntegerField()
    jenis = serializers.CharField()
    sifat = serializers.CharField(help_text="alam atau sosial")
    uraian = serializers.CharField()
    waktu_lapor = serializers.DateTimeField()
    desa_kode = serializers.CharField(help_text="desa utama")
    desa = serializers.SerializerMethodField(help_text="semua desa yang terdampak")
    lintang = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    bujur = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    status = serializers.CharField()
    darurat_mulai = serializers.DateTimeField(allow_null=True)
    darurat_selesai = serializers.DateTimeField(allow_null=True)
    kk_terdampak = serializers.IntegerField()
    jiwa_terdampak = serializers.IntegerField()
    luka = serializers.IntegerField()
    meninggal = serializers.IntegerField()
    hilang = serializers.IntegerField()
    mengungsi = serializers.IntegerField()
    dievakuasi = serializers.IntegerField()
    dievakuasi_lengkap = serializers.IntegerField()
    bantuan_pertama = serializers.DateTimeField(allow_null=True)
    respon_jam = serializers.SerializerMethodField(
        help_text="bantuan pertama − waktu lapor, jam; null bila belum"
    )

    def get_desa(self, obj) -> list[str]:
        return [lk.desa_kode for lk in obj.lokasi.all()]

    def get_respon_jam(self, obj) -> str | None:
        if obj.respon_detik is None:
            return None
        return format((Decimal(obj.respon_detik) / 3600).quantize(Decimal("0.01")), "f")


class StokBencanaSerializer(serializers.Serializer):
    kode = serializers.CharField(source="barang.kode")
    nama = serializers.CharField(source="barang.nama")
    satuan = serializers.CharField(source="barang.satuan")
    stok = serializers.IntegerField(source="jumlah", help_text="dari buku stok, tidak pernah diketik")
    stok_minimum = serializers.IntegerField(source="barang.stok_minimum")
    di_bawah_minimum = serializers.BooleanField(source="kurang")
    per_gudang = serializers.DictField(child=serializers.IntegerField())


class ResponBencanaSerializer(serializers.Serializer):
    tahun = serializers.CharField(source="label")
    kejadian = serializers.IntegerField()
    dibantu = serializers.IntegerField()
    rata_jam = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    median_jam = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)


class SpmBencanaSerializer(serializers.Serializer):
    nomor = serializers.IntegerField()
    uraian = serializers.CharField()
    pembilang = serializers.DecimalField(max_digits=20, decimal_places=0)
    penyebut = serializers.DecimalField(max_digits=20, decimal_places=0)
    persen = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)


class IndikatorBencanaSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    respon = ResponBencanaSerializer(help_text="respon time tahun ini (rata-rata, median)")
    tren = ResponBencanaSerializer(many=True, help_text="respon time per tahun")
    spm = SpmBencanaSerializer(many=True, help_text="indikator SPM bencana, pembilang dan penyebut")
