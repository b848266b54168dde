"""The history of a person in the office's words: labels, the desa and the category by name,
the family by its KK number, dates in Indonesian, choices by their labels."""

import re
from datetime import date

from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.registri import queries, services
from kesos.registri.models import Kategori
from kesos.wilayah.models import Wilayah


def test_person_history_reads_as_the_office_writes(login, persona, registri):
    op = persona("operator_a")
    op.first_name, op.last_name = "Wayan", "Operator"
    op.save()
    desa1, desa2 = Wilayah.objects.filter(kode__startswith="18.04.04.", tingkat__in=["desa", "kelurahan"])[:2]
    kec = Wilayah.objects.get(kode="18.04.04")
    o, _ = services.orang_simpan(
        pengguna=SISTEM,
        nik="1804041203850001",
        nama="Budi",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode=desa1.kode,
    )
    services.orang_simpan(
        pengguna=op,
        nik="1804041203850001",
        nama="Budi Santoso",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode=desa2.kode,
    )
    kategori = Kategori.objects.filter(
        aktif=True,
        jenis_kelamin="",
        usia_min__isnull=True,
        usia_max__isnull=True,
        usia_kurang_dari__isnull=True,
    ).first()
    services.klasifikasi_tambah(orang=o, kategori=kategori, tanggal=date(2026, 1, 5), pengguna=op)
    services.orang_ubah_status(orang=o, status="meninggal", keterangan="kabar desa", pengguna=op)

    html = login("operator_a").get(reverse("registri:orang", args=[o.pk])).content.decode()
    riwayat = html.split("Riwayat perubahan")[1]
    # Labels, not field names; the desa by name with its kecamatan, not its code.
    assert "<strong>Desa/kelurahan</strong>" in riwayat and "<strong>Nama</strong>" in riwayat
    assert f"{desa1.nama}, {kec.nama}" in riwayat and f"{desa2.nama}, {kec.nama}" in riwayat
    assert desa1.kode not in riwayat and desa2.kode not in riwayat
    assert "desa_kode" not in riwayat and "tanggal_lahir" not in riwayat
    # Dates, choices and categories as people read them.
    assert "12 Maret 1985" in riwayat and "Laki-laki" in riwayat
    assert "5 Januari 2026" in riwayat and kategori.nama in riwayat
    assert "<strong>Status</strong>: <del>hidup</del> → meninggal" in riwayat
    # Who: the user's name, and the system for what a command did.
    assert "Wayan Operator" in riwayat and "sistem" in riwayat
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2}", riwayat)


def test_family_is_shown_by_its_kk_number(registri):
    from kesos.registri.models import Keluarga, Orang

    o, _ = services.orang_simpan(
        pengguna=SISTEM,
        nik="1804041203850001",
        nama="Budi",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.04.1001",
    )
    kk = Keluarga.data_pribadi.create(no_kk="1804040101200001", desa_kode="18.04.04.1001")
    Orang.data_pribadi.filter(pk=o.pk).update(keluarga=kk)
    o.refresh_from_db()
    services.orang_simpan(
        pengguna=SISTEM,
        nik="1804041203850001",
        nama="Budi",
        jenis_kelamin="L",
        tanggal_lahir=date(1985, 3, 12),
        desa_kode="18.04.04.1001",
        alamat="Dusun 3",
    )
    entri = queries.riwayat_orang(o)
    # The first change records the address; the family was set outside the services and its
    # number shows wherever the trail names it.
    assert any(p.label == "Alamat" and p.baru == "Dusun 3" for p in entri[0].perubahan)
    from kesos.akun.models import AuditLog

    AuditLog.objects.create(
        aksi="ubah",
        objek=queries.OBJEK_ORANG,
        objek_id=str(o.pk),
        sebelum={"keluarga": None},
        sesudah={"keluarga": kk.pk},
    )
    entri = queries.riwayat_orang(o)
    kel = next(p for e in entri for p in e.perubahan if p.label == "Keluarga (nomor KK)")
    assert kel.baru == "1804040101200001" and kel.lama == "—"
