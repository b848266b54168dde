"""Verval from a phone: the progress page leads to the desa's persons still to verify, the
person's page saves the result and offers the next one, all within the operator's area."""

from datetime import date

import pytest
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.registri import services
from kesos.registri.models import PutaranVerval, Verval


def url(nama, *args):
    return reverse(f"registri:{nama}", args=args)


@pytest.fixture
def warga(registri):
    """Three persons of Pasar Liwa (Balik Bukit), one of Simpangsari (Sumber Jaya)."""
    dibuat = []
    for i, (desa, nama) in enumerate(
        [
            ("18.04.04.1001", "Ani Pasarliwa"),
            ("18.04.04.1001", "Bayu Pasarliwa"),
            ("18.04.04.1001", "Citra Pasarliwa"),
            ("18.04.05.2001", "Dedi Simpangsari"),
        ],
        start=1,
    ):
        kec = desa[6:8]
        o, _ = services.orang_simpan(
            pengguna=SISTEM,
            nik=f"18040{kec[1]}12038500{i:02d}",
            nama=nama,
            jenis_kelamin="L",
            tanggal_lahir=date(1985, 3, 12),
            desa_kode=desa,
            alamat="Dusun 1",
        )
        dibuat.append(o)
    return dibuat


@pytest.fixture
def putaran(login):
    login("kadis").post(url("putaran"), {"aksi": "buka", "nama": "Verval 2026 Tahap I"})
    return PutaranVerval.objects.get()


def test_progress_links_only_the_desa_of_the_operators_area(login, warga, putaran):
    html = login("operator_a").get(url("verval")).content.decode()
    pasar_liwa = f"{url('daftar')}?desa=18.04.04.1001&amp;verval=belum"
    assert pasar_liwa in html
    assert "?desa=18.04.05.2001" not in html  # Simpangsari is shown, not opened
    assert "Simpangsari" in html
    # the operator's own kecamatan opens by itself; names, not codes
    assert '<details class="card shadow-sm" open>' in html and "18.04.04.1001</" not in html


def test_the_list_of_a_desa_still_to_verify_shrinks_as_results_are_saved(login, warga, putaran):
    op = login("operator_a")
    alamat = url("daftar") + "?desa=18.04.04.1001&verval=belum"
    html = op.get(alamat).content.decode()
    assert all(n in html for n in ("Ani Pasarliwa", "Bayu Pasarliwa", "Citra Pasarliwa"))
    assert "Dedi" not in html
    op.post(url("orang-verval", warga[0].pk), {"putaran": putaran.pk, "hasil": "valid"})
    html = op.get(alamat).content.decode()
    assert "Ani Pasarliwa" not in html and "Bayu Pasarliwa" in html
    # another area's desa is ignored, not trusted: the list stays within the operator's area
    html = op.get(url("daftar") + "?desa=18.04.05.2001").content.decode()
    assert "Dedi" not in html


def test_the_persons_page_offers_the_next_one_to_verify(login, warga, putaran):
    op = login("operator_a")
    ani, bayu, citra, _ = warga
    html = op.get(url("orang", ani.pk)).content.decode()
    assert f'href="{url("orang", bayu.pk)}#verval"' in html and "Berikutnya: Bayu Pasarliwa" in html
    # the form is one tap per result, with its reason and note
    assert 'type="radio" class="btn-check" name="hasil" value="valid"' in html and 'name="catatan"' in html
    r = op.post(
        url("orang-verval", bayu.pk),
        {"putaran": putaran.pk, "hasil": "tidak_valid", "alasan": "pindah", "catatan": "ke Liwa"},
        follow=True,
    )
    assert Verval.objects.get(orang=bayu).catatan == "ke Liwa"
    html = r.content.decode()
    assert "Berikutnya: Citra Pasarliwa" in html
    op.post(url("orang-verval", citra.pk), {"putaran": putaran.pk, "hasil": "valid"})
    # past the last one, the list comes round to the first still waiting
    assert "Berikutnya: Ani Pasarliwa" in op.get(url("orang", citra.pk)).content.decode()
    op.post(url("orang-verval", ani.pk), {"putaran": putaran.pk, "hasil": "valid"})
    html = op.get(url("orang", citra.pk)).content.decode()
    assert "Berikutnya" not in html and "Semua orang di desa ini sudah diverval" in html


def test_no_round_open_no_filter_and_no_form(login, warga):
    op = login("operator_a")
    html = op.get(url("daftar") + "?verval=belum").content.decode()
    assert 'name="verval"' not in html and "Ani Pasarliwa" in html
    assert 'name="hasil"' not in op.get(url("orang", warga[0].pk)).content.decode()
