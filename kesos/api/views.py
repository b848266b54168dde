from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kesos.akun.models import AksesDataPribadi
from kesos.akun.services import akses_catat
from kesos.bansos import queries as bansos_queries
from kesos.bansos.access import BANSOS, SPM
from kesos.bansos.models import Periode, Program
from kesos.bencana import access as bencana_access
from kesos.bencana import queries as bencana_queries
from kesos.bencana.access import BENCANA
from kesos.inti.http import id_dari
from kesos.inti.validasi import karakter_kendali
from kesos.monev import queries as monev_queries
from kesos.monev.access import REALISASI
from kesos.perencanaan import queries, services
from kesos.perencanaan.access import BARIS_RENJA, ORGANISASI, RENJA
from kesos.perencanaan.models import BarisRenja, Organisasi, Renja
from kesos.registri.access import KELUARGA, ORANG
from kesos.registri.models import Keluarga, Orang
from kesos.spm import queries as spm_queries

from . import serializers as s


def _param(request, nama: str) -> str:
    """A text query parameter; one with a control character (PostgreSQL cannot even compare a
    NUL byte) or longer than any code is refused with 400, not passed to the database."""
    nilai = request.query_params.get(nama, "")
    if karakter_kendali(nilai) or len(nilai) > 100:
        raise ValidationError({nama: [_("Parameter berisi karakter kendali atau terlalu panjang.")]})
    return nilai


class OrganisasiViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Organisasi.objects.order_by("kode", "id")
    serializer_class = s.OrganisasiSerializer
    kebijakan, aksi_baca = ORGANISASI, "lihat"


@extend_schema(
    parameters=[
        OpenApiParameter("tahun", int, description="Tahun Renja"),
        OpenApiParameter("organisasi", str, description="Kode perangkat daerah"),
    ]
)
class RenjaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.RenjaSerializer
    kebijakan, aksi_baca = RENJA, "lihat"

    def get_queryset(self):
        qs = Renja.objects.select_related("organisasi").order_by("organisasi__kode", "tahun", "id")
        if tahun := self.request.query_params.get("tahun"):
            qs = qs.filter(tahun=int(tahun)) if tahun.isdigit() and len(tahun) <= 4 else qs.none()
        if kode := _param(self.request, "organisasi"):
            qs = qs.filter(organisasi__kode=kode)
        return qs

    @extend_schema(responses=s.RenjaDetailSerializer)
    def retrieve(self, request, pk=None):
        renja = self.get_object()
        data = s.RenjaDetailSerializer(renja, context={"ringkasan": queries.renja_ringkasan(renja)}).data
        return Response(data)

    @extend_schema(responses=s.BarisSerializer(many=True))
    @action(detail=True, pagination_class=None)  # a whole table, not a page
    def baris(self, request, pk=None):
        renja = self.get_object()
        return Response(s.BarisSerializer(queries.renja_ringkasan(renja).pohon.urut, many=True).data)

    @extend_schema(responses=s.TemuanSerializer(many=True))
    @action(detail=True, pagination_class=None)  # a whole table, not a page
    def temuan(self, request, pk=None):
        return Response(s.TemuanSerializer(queries.renja_temuan(self.get_object()), many=True).data)

    @extend_schema(responses=s.E81BarisSerializer(many=True))
    @action(detail=True, pagination_class=None)  # a whole table, not a page
    def e81(self, request, pk=None):
        """Tabel E.81: realisation per quarter and achievement of this Renja."""
        if not REALISASI.boleh(request.user, "lihat"):
            raise PermissionDenied
        return Response(s.E81BarisSerializer(monev_queries.e81(self.get_object()).baris, many=True).data)


class TC29View(APIView):
    """Tabel T-C.29 (Lampiran I) of an office for a Renja year, computed from recorded figures."""

    kebijakan, aksi_baca = REALISASI, "lihat"

    @extend_schema(
        parameters=[
            OpenApiParameter("organisasi", str, required=True, description="Kode perangkat daerah"),
            OpenApiParameter("tahun", int, required=True, description="Tahun Renja"),
        ],
        responses=s.TC29BarisSerializer(many=True),
    )
    def get(self, request):
        org = get_object_or_404(Organisasi, kode=_param(request, "organisasi"))
        tahun = request.query_params.get("tahun", "")
        if not (tahun.isdigit() and 1900 <= int(tahun) <= 2200):
            raise ValidationError({"tahun": [_("Parameter tahun wajib berupa tahun (angka 1900–2200).")]})
        tabel = monev_queries.tc29(organisasi=org, tahun=int(tahun))
        return Response(s.TC29BarisSerializer(tabel.baris, many=True).data)


class BarisViewSet(mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Change one row; ``versi`` must be the version read, or the save is refused (409)."""

    queryset = BarisRenja.objects.select_related("renja")
    serializer_class = s.BarisUbahSerializer
    http_method_names = ["patch"]
    kebijakan, aksi_tulis = BARIS_RENJA, "ubah"

    @extend_schema(request=s.BarisUbahSerializer, responses=s.BarisSerializer)
    def partial_update(self, request, pk=None):
        baris = self.get_object()
        # Not partial: every field but ``versi`` is optional anyway, and ``versi`` must be sent.
        ser = s.BarisUbahSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        versi = data.pop("versi")
        indikator = data.pop("indikator", None)
        if indikator is not None:
            indikator = [services.IndikatorInput(**i) for i in indikator]
        services.baris_ubah(baris=baris, versi=versi, pengguna=request.user, indikator=indikator, **data)
        hasil = next(b for b in queries.renja_ringkasan(baris.renja).pohon.urut if b.id == baris.pk)
        return Response(s.BarisSerializer(hasil).data)


class DicatatMixin:
    """Every answer with full personal data is logged (who, when, which records)."""

    objek = ""

    def _catat(self, ids: list[int]) -> None:
        akses_catat(
            pengguna=self.request.user,
            aksi=AksesDataPribadi.Aksi.API,
            objek=self.objek,
            ids=ids,
            tujuan="API",
            alamat=self.request.get_full_path(),
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        hasil = response.data.get("results", []) if isinstance(response.data, dict) else response.data
        self._catat([r["id"] for r in hasil])
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self._catat([response.data["id"]])
        return response


class OrangViewSet(DicatatMixin, viewsets.ReadOnlyModelViewSet):
    """Persons with their personal data: the operator of the area and the admin only."""

    serializer_class = s.OrangSerializer
    queryset = Orang.data_pribadi.none()  # for the schema; get_queryset decides what is exposed
    kebijakan, aksi_baca = ORANG, "lihat"
    objek = "registri.Orang"

    def get_queryset(self):
        qs = Orang.data_pribadi.prefetch_related("klasifikasi__kategori").order_by("id")
        return ORANG.dalam_lingkup(self.request.user, "lihat", qs)


class KeluargaViewSet(DicatatMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.KeluargaSerializer
    queryset = Keluarga.data_pribadi.none()  # for the schema; get_queryset decides what is exposed
    kebijakan, aksi_baca = KELUARGA, "lihat"
    objek = "registri.Keluarga"

    def get_queryset(self):
        qs = Keluarga.data_pribadi.prefetch_related("anggota").order_by("id")
        return KELUARGA.dalam_lingkup(self.request.user, "lihat", qs)


class ProgramBansosViewSet(viewsets.ReadOnlyModelViewSet):
    """Assistance programmes with their eligibility rule and periods (no personal data)."""

    serializer_class = s.ProgramBansosSerializer
    kebijakan, aksi_baca = BANSOS, "lihat"
    queryset = Program.objects.select_related("sumber_dana", "kegiatan").prefetch_related(
        "periode", "tidak_bersama"
    )

    @extend_schema(
        parameters=[
            OpenApiParameter("periode", int, required=True, description="id periode"),
            OpenApiParameter("per", str, description="kecamatan (bawaan) atau desa"),
        ],
        responses=s.CakupanBarisSerializer(many=True),
    )
    @action(detail=True)
    def cakupan(self, request, pk=None):
        """Eligible, enrolled, served and the gap per area, within the user's own area."""
        program = self.get_object()
        periode = get_object_or_404(Periode, pk=id_dari(request.query_params.get("periode")), program=program)
        per = "desa" if request.query_params.get("per") == "desa" else "kecamatan"
        c = bansos_queries.cakupan(
            program=program, periode=periode, lingkup=request.user.wilayah_kode, per=per
        )
        return Response(s.CakupanBarisSerializer([*c.baris, c.total], many=True).data)


class SpmView(APIView):
    """The SPM table of a year computed from kesos data: numerator, denominator, percent."""

    kebijakan, aksi_baca = SPM, "lihat"

    @extend_schema(
        parameters=[OpenApiParameter("tahun", int, required=True)], responses=s.SpmBarisSerializer(many=True)
    )
    def get(self, request):
        tahun = request.query_params.get("tahun", "")
        if not (tahun.isascii() and tahun.isdigit() and 1900 <= int(tahun) <= 2200):
            raise ValidationError({"tahun": [_("Parameter tahun wajib berupa tahun (angka 1900–2200).")]})
        baris = [h for t in spm_queries.hitung(tahun=int(tahun)) for h in t.baris]
        return Response(s.SpmBarisSerializer(baris, many=True).data)


def _tahun(request, wajib: bool) -> int | None:
    tahun = request.query_params.get("tahun", "")
    if not tahun and not wajib:
        return None
    if not (tahun.isascii() and tahun.isdigit() and 1900 <= int(tahun) <= 2200):
        raise ValidationError({"tahun": ["Parameter tahun wajib berupa tahun (angka 1900–2200)."]})
    return int(tahun)


@extend_schema(parameters=[OpenApiParameter("tahun", int, description="tahun dilaporkan")])
class KejadianBencanaViewSet(viewsets.ReadOnlyModelViewSet):
    """Disaster events the user reads (an operator: those touching their area), newest first."""

    serializer_class = s.KejadianBencanaSerializer
    kebijakan, aksi_baca = BENCANA, "lihat"

    def get_queryset(self):
        qs = bencana_access.lingkup_kejadian(self.request.user).prefetch_related("lokasi")
        tahun = _tahun(self.request, wajib=False)
        if tahun is not None:
            qs = bencana_queries._tahun(qs, tahun)
        return qs.order_by("-waktu_lapor", "-id")


class StokBencanaView(APIView):
    """Stock on hand of the buffer stock per item, in total and per warehouse."""

    kebijakan, aksi_baca = BENCANA, "lihat"

    @extend_schema(responses=s.StokBencanaSerializer(many=True))
    def get(self, request):
        return Response(s.StokBencanaSerializer(bencana_queries.stok_per_barang(), many=True).data)


class IndikatorBencanaView(APIView):
    """Response time (mean, median, trend) and the SPM disaster indicators of a year, over the
    events the user reads."""

    kebijakan, aksi_baca = BENCANA, "lihat"

    @extend_schema(
        parameters=[OpenApiParameter("tahun", int, required=True)], responses=s.IndikatorBencanaSerializer
    )
    def get(self, request):
        tahun = _tahun(request, wajib=True)
        lingkup = bencana_access.lingkup_kejadian(request.user)
        data = {
            "tahun": tahun,
            "respon": bencana_queries.respon_ringkas(tahun=tahun, qs=lingkup),
            "tren": bencana_queries.respon_tren(qs=lingkup),
            "spm": bencana_queries.spm_bencana(tahun=tahun, qs=lingkup),
        }
        return Response(s.IndikatorBencanaSerializer(data).data)
