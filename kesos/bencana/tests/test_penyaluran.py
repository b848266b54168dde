"""Emergency aid is a distribution: deliveries become bansos cycles and distributions, old ones
by a backfill; the first-aid time kept on the event equals its deliveries'."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from kesos.bansos.models import Kepesertaan, Penyaluran, Program, Siklus
from kesos.bencana import queries, services
from kesos.bencana.models import Bantuan, Kejadian, PenerimaBantuan
from kesos.registri.models import Keluarga
from kesos.spm.ukuran import orang_terlayani

from .conftest import DESA_A, jam


@pytest.fixture
def keluarga_a(orang_a):
    return Keluarga.data_pribadi.create(no_kk="1804040101900099", desa_kode=DESA_A, kepala=orang_a)


def _serah(kejadian, pengguna, waktu, penerima, barang=()):
    return services.bantuan_catat(
        pengguna=pengguna,
        kejadian=kejadian,
        waktu_serah=waktu,
        gudang=barang[0][2] if barang else None,
        barang=[(b, n) for b, n, _g in barang],
        penerima=penerima,
    )


def test_a_delivery_is_a_cycle_and_each_linked_recipient_a_distribution(stok, kejadian_a, orang_a, persona):
    op = persona("operator_a")
    b1 = _serah(
        kejadian_a,
        op,
        jam(4, 9),
        [services.Penerima(orang=orang_a), services.Penerima(jumlah_jiwa=25, keterangan="pengungsi")],
        [(stok["beras"], 20, stok["gudang"])],
    )
    p = Penyaluran.objects.get()
    assert p.kepesertaan.orang == orang_a and p.kepesertaan.program.kode == "BTD"
    assert p.tanggal == timezone.localtime(b1.waktu).date() and p.uraian == "Beras 20 kg"
    assert p.desa_kode == DESA_A and p.siklus.periode.nama == str(p.tanggal.year)
    assert PenerimaBantuan.objects.get(orang=orang_a).penyaluran == p
    # The unnamed group stays a count: no distribution without a registry record.
    assert PenerimaBantuan.objects.filter(penyaluran__isnull=True).count() == 1
    # A second delivery of the same year: a new cycle, the same enrolment.
    _serah(kejadian_a, op, jam(3, 9), [services.Penerima(orang=orang_a)])
    assert Penyaluran.objects.count() == 2 and Kepesertaan.objects.count() == 1
    assert Siklus.objects.filter(periode__program__kode="BTD").count() == 2
    # Each delivery's cycle is closed with its totals (the programme check finds nothing open).
    assert list(Siklus.objects.values_list("total_penerima", flat=True).order_by("id")) == [1, 1]
    assert not Siklus.objects.filter(ditutup_pada__isnull=True).exists()
    # The SPM's served persons now include disaster aid.
    assert orang_a.pk in orang_terlayani(p.tanggal.year)


def test_households_go_to_the_household_programme(stok, kejadian_a, orang_a, keluarga_a, persona):
    _serah(kejadian_a, persona("admin"), jam(4), [services.Penerima(keluarga=keluarga_a)])
    p = Penyaluran.objects.get()
    assert p.kepesertaan.keluarga == keluarga_a and p.kepesertaan.program.kode == "BTD-KK"
    assert Program.objects.get(kode="BTD-KK").satuan == "keluarga"


def test_the_same_recipient_twice_in_one_delivery_is_refused(stok, kejadian_a, orang_a, persona):
    with pytest.raises(services.IsianDitolak, match="penerima baris 2"):
        _serah(
            kejadian_a,
            persona("operator_a"),
            jam(4),
            [services.Penerima(orang=orang_a), services.Penerima(orang=orang_a)],
        )
    assert not Bantuan.objects.exists() and not Penyaluran.objects.exists()


def test_first_aid_time_is_the_earliest_delivery_whatever_the_order_recorded(stok, kejadian_a, persona):
    op = persona("operator_a")
    _serah(kejadian_a, op, jam(3, 12), [services.Penerima(jumlah_jiwa=3)])
    _serah(kejadian_a, op, jam(4, 10), [services.Penerima(jumlah_jiwa=3)])
    k = Kejadian.objects.get(pk=kejadian_a.pk)
    assert k.bantuan_pertama == jam(4, 10)
    assert k.respon_detik == int((jam(4, 10) - kejadian_a.waktu_lapor).total_seconds()) == 26 * 3600
    assert queries.respon_periksa() == []
    assert queries.respon_ringkas(tahun=k.waktu_lapor.year).median_jam == 26


def test_backfill_turns_old_deliveries_into_distributions_once(stok, kejadian_a, orang_a, persona, capsys):
    # A delivery recorded before aid was a distribution: written as the first version did.
    b = Bantuan.objects.create(kejadian=kejadian_a, waktu=jam(4, 8))
    PenerimaBantuan.objects.create(bantuan=b, orang=orang_a)
    PenerimaBantuan.objects.create(bantuan=b, jumlah_jiwa=5)
    assert queries.respon_periksa() != []  # the event does not know its first aid yet
    with pytest.raises(CommandError):
        call_command("bencana", "penyaluran", "--pengguna", persona("perencana").username)
    call_command("bencana", "penyaluran")
    assert "1 penyerahan bantuan, 1 penyaluran baru" in capsys.readouterr().out
    p = Penyaluran.objects.get()
    assert p.kepesertaan.orang == orang_a and p.uraian == "Bantuan tanggap darurat"
    assert queries.respon_periksa() == []
    call_command("bencana", "penyaluran")
    assert "0 penyerahan bantuan, 0 penyaluran baru" in capsys.readouterr().out
    assert Penyaluran.objects.count() == 1
    call_command("bencana", "respon", "--periksa")


def test_respon_check_names_an_event_whose_kept_time_is_wrong(stok, kejadian_a, persona):
    _serah(kejadian_a, persona("operator_a"), jam(4), [services.Penerima(jumlah_jiwa=1)])
    Kejadian.objects.filter(pk=kejadian_a.pk).update(respon_detik=1)
    with pytest.raises(CommandError, match="1 kejadian"):
        call_command("bencana", "respon", "--periksa")
    assert date.today()  # the check reads, it does not repair
    assert Kejadian.objects.get(pk=kejadian_a.pk).respon_detik == 1
