"""The 'bencana' policy: registered with akun's policies, asked by every service, and personal
data of victims and recipients only for the admin and the area's operator (logged)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kesos.akun.access import KEBIJAKAN, SISTEM
from kesos.akun.models import AksesDataPribadi, Peran
from kesos.akun.services import pengguna_buat
from kesos.bencana import access, services
from kesos.bencana.models import Bantuan, KampungSiagaBencana, PelatihanTagana
from kesos.inti.errors import TidakBerhak

from .conftest import DESA_A, DESA_B, jam


def test_the_policy_is_registered_and_its_views_name_it():
    from kesos.bencana import views

    assert KEBIJAKAN["bencana"] is access.BENCANA
    for nama in ("beranda", "kejadian_baru", "kejadian_detail", "bantuan_baru", "stok", "tagana", "capaian"):
        assert getattr(views, nama).kebijakan[0] == "bencana", nama


@pytest.mark.parametrize(
    ("nama", "boleh"),
    [("admin", True), ("perencana", True), ("operator_a", True), ("operator_b", False), ("kadis", False)],
)
def test_recording_in_a_desa_asks_the_policy(registri, persona, nama, boleh):
    catat = dict(jenis="banjir", uraian="Banjir", waktu_lapor=jam(1), desa=[DESA_A])
    if boleh:
        assert services.kejadian_catat(pengguna=persona(nama), **catat).pk
    else:
        with pytest.raises(TidakBerhak):
            services.kejadian_catat(pengguna=persona(nama), **catat)
    assert access.boleh(persona(nama), "catat", DESA_A) is boleh


def test_office_wide_actions_are_for_the_office_and_an_operator_bidang(stok, persona, kejadian_a):
    bidang = pengguna_buat(
        username="bidang", password="sandi-uji-123", peran=Peran.OPERATOR, wilayah_kode="18.04"
    )
    for pengguna, boleh in [
        (persona("admin"), True),
        (persona("perencana"), True),
        (bidang, True),
        (persona("operator_a"), False),
        (persona("kadis"), False),
        (SISTEM, True),
    ]:
        assert access.boleh(pengguna, "stok_kelola") is boleh
        assert access.boleh(pengguna, "tagana_kelola") is boleh
        if not boleh:
            with pytest.raises(TidakBerhak):
                services.stok_keluar(
                    pengguna=pengguna,
                    gudang=stok["gudang"],
                    barang=stok["beras"],
                    tanggal_keluar=timezone.localdate(),
                    jumlah=1,
                    tujuan="posko",
                )
            with pytest.raises(TidakBerhak):
                services.pelatihan_catat(
                    pengguna=pengguna, nama="Diklat", mulai=date(2026, 3, 1), selesai=date(2026, 3, 3)
                )
    assert not PelatihanTagana.objects.exists()
    # An operator bidang reads and changes every event; a kecamatan operator only their own.
    assert access.boleh(bidang, "ubah", kejadian_a)
    assert list(access.lingkup_kejadian(bidang)) == [kejadian_a]
    assert not access.boleh(persona("operator_b"), "ubah", kejadian_a)
    with pytest.raises(TidakBerhak, match="di luar wilayah"):
        services.ksb_catat(
            pengguna=persona("operator_b"), desa_kode=DESA_A, tanggal_dibentuk=date(2021, 5, 1)
        )
    assert not KampungSiagaBencana.objects.exists()


def test_renstra_and_backfill_are_refused_to_others(registri, persona):
    for nama in ("kadis", "reviewer", "operator_a"):
        with pytest.raises(TidakBerhak):
            services.capaian_renstra_perbarui(pengguna=persona(nama), tahun=2021)
    for nama in ("perencana", "operator_a"):
        with pytest.raises(TidakBerhak):
            services.penyaluran_isi_dari_bantuan(pengguna=persona(nama))


def test_names_of_victims_and_recipients_only_for_admin_and_the_area_operator_logged(
    login, stok, kejadian_a, orang_a, persona
):
    services.bantuan_catat(
        pengguna=persona("operator_a"),
        kejadian=kejadian_a,
        waktu_serah=jam(4),
        gudang=stok["gudang"],
        barang=[(stok["beras"], 10)],
        penerima=[services.Penerima(orang=orang_a)],
    )
    url = reverse("bencana:kejadian", args=[kejadian_a.pk])
    for nama, lihat in [("admin", True), ("operator_a", True), ("perencana", False), ("kadis", False)]:
        sebelum = AksesDataPribadi.objects.count()
        html = login(nama).get(url).content.decode()
        assert (orang_a.nama in html) is lihat, nama
        assert (AksesDataPribadi.objects.count() == sebelum + 1) is lihat, nama
    log = AksesDataPribadi.objects.filter(nama_pengguna="operator_a").get()
    assert log.ids == [orang_a.pk] and log.objek == "registri.Orang"


def test_a_recipient_outside_the_area_is_refused_and_nothing_is_issued(stok, kejadian_a, orang_b, persona):
    with pytest.raises(TidakBerhak):
        services.bantuan_catat(
            pengguna=persona("operator_a"),
            kejadian=kejadian_a,
            waktu_serah=jam(4),
            gudang=stok["gudang"],
            barang=[(stok["beras"], 10)],
            penerima=[services.Penerima(orang=orang_b)],
        )
    assert not Bantuan.objects.exists()
    assert stok["beras"].saldo.get().jumlah == 100


def test_map_chart_and_table_show_only_the_events_the_user_reads(login, registri, persona):
    a = services.kejadian_catat(
        pengguna=SISTEM,
        jenis="banjir",
        uraian="Banjir A",
        waktu_lapor=jam(3),
        desa=[DESA_A],
        lintang="-5",
        bujur="104",
    )
    b = services.kejadian_catat(
        pengguna=SISTEM, jenis="gempa_bumi", uraian="Gempa B", waktu_lapor=jam(3), desa=[DESA_B]
    )
    tahun = timezone.localtime(a.waktu_lapor).year
    r = login("operator_b").get(reverse("bencana:peta") + f"?tahun={tahun}")
    assert [k.pk for k in r.context["kejadian"]] == [b.pk]
    assert [p.kejadian for p in r.context["per_kecamatan"]] == [1]
    assert r.context["titik"] == []
    r = login("kadis").get(reverse("bencana:peta") + f"?tahun={tahun}")
    assert {k.pk for k in r.context["kejadian"]} == {a.pk, b.pk}
    assert [t["id"] for t in r.context["titik"]] == [a.pk]
