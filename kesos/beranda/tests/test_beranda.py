"""The home page per role: what each sees, that an operator sees only their area, and how many
queries it takes (pinned, so that a figure added later does not cost a query per row)."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from kesos.akun.access import SISTEM
from kesos.monev import services as monev
from kesos.perencanaan import queries as rencana_q
from kesos.perencanaan import services as rencana
from kesos.perencanaan.models import BarisRenja, Level
from kesos.registri import services as registri
from kesos.registri.models import Jenis, JumlahTercatat, Kategori

BERANDA = "/"


def _html(c) -> str:
    r = c.get(BERANDA)
    assert r.status_code == 200
    return r.content.decode()


@pytest.fixture
def orang(renja_demo):
    """Kategori, and three synthetic persons: two in Balik Bukit (18.04.04), one in Sumber Jaya
    (18.04.05)."""
    registri.kategori_muat_baku()
    data = [
        ("1804041203850001", "Budi Balikbukit", "L", date(1985, 3, 12), "18.04.04.1001"),
        ("1804045507880003", "Ani Balikbukit", "P", date(1988, 7, 15), "18.04.04.1001"),
        ("1804055507900002", "Siti Sumberjaya", "P", date(1990, 7, 15), "18.04.05.2001"),
    ]
    return [
        registri.orang_simpan(
            pengguna=SISTEM, nik=n, nama=nama, jenis_kelamin=jk, tanggal_lahir=tl, desa_kode=d
        )[0]
        for n, nama, jk, tl, d in data
    ]


def test_home_is_at_root_and_the_renja_list_moved(client, login, renja_demo):
    assert reverse("beranda") == "/" and reverse("perencanaan:beranda") == "/renja/"
    assert settings.LOGIN_REDIRECT_URL == "beranda"
    r = client.get(BERANDA)
    assert r.status_code == 302 and r.url.startswith(reverse("login"))
    html = login("reviewer").get("/renja/").content.decode()
    assert "Rencana Kerja (Renja) Perangkat Daerah" in html
    # The brand link of every page leads home.
    assert re.search(r'class="navbar-brand" href="/"', html)


def test_kepala_dinas_sees_the_office_at_a_glance(login, renja_demo, orang, django_assert_max_num_queries):
    rencana_q_renja = rencana_q.renja_ringkasan(renja_demo)
    galat = [t for t in rencana_q.renja_temuan(renja_demo) if t.galat]
    c = login("kadis")
    with django_assert_max_num_queries(18):
        html = _html(c)
    # The current Renja: its stage, its total against the RKPD ceiling, the errors waiting.
    assert f"Renja {renja_demo.tahun}" in html and renja_demo.get_tahap_display() in html
    assert "Rp 5.694.430.455" in html and "Rp 6.588.429.650" in html
    assert rencana_q_renja.pohon.total == 5_694_430_455
    assert "sisa pagu Rp 893.999.195" in html
    assert (
        f"{len(galat)} galat menunggu" in html
        and reverse("perencanaan:periksa", args=[renja_demo.pk]) in html
    )
    # Verval: no round yet, and who opens one.
    assert "Belum ada putaran verval" in html and reverse("registri:verval") in html
    # PMKS/PSKS trend: the recorded total of the last year, from the records, and its chart.
    kode_pmks = set(Kategori.objects.filter(jenis=Jenis.PMKS, aktif=True).values_list("kode", flat=True))
    tercatat = JumlahTercatat.objects.filter(wilayah_kode="18.04", jumlah__isnull=False)
    tahun = max(t.tahun for t in tercatat)
    total = sum(t.jumlah for t in tercatat if t.tahun == tahun and t.kategori_kode in kode_pmks)
    assert f"PMKS tercatat {tahun}" in html and f"{total:,}".replace(",", ".") in html
    assert reverse("registri:grafik", args=["PMKS", "svg"]) in html
    assert reverse("registri:grafik", args=["PSKS", "svg"]) in html
    # No personal data and no planner's to-do list on the head's page; no inline style.
    assert "Budi Balikbukit" not in html and "Yang perlu dikerjakan" not in html
    assert "style=" not in html.split("<main")[1]


def test_kepala_dinas_sees_verval_progress_by_kecamatan(login, orang, persona):
    putaran = registri.verval_buka(nama="Verval 2026 Tahap I", pengguna=persona("kadis"))
    registri.verval_tandai(putaran=putaran, orang=orang[0], hasil="valid", pengguna=persona("operator_a"))
    html = _html(login("kadis"))
    assert "Putaran Verval 2026 Tahap I terbuka" in html
    baris = re.search(r"<tr><td>Balik Bukit</td>(.*?)</tr>", html, re.S).group(1)
    # Two persons in Balik Bukit, one verified: 50 %.
    assert re.findall(r'text-end">(\d+)<', baris) == ["2", "1"] and "50 %" in baris
    assert re.search(r"<tr><td>Sumber Jaya</td>.*?text-end\">1<.*?text-end\">0<", html, re.S)


def test_realisation_per_program_this_year(login, persona, renstra_demo, renja_demo):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    final = rencana.renja_tetapkan_dengan_konfirmasi(renja=rancangan, pengguna=persona("kadis"))
    baris = BarisRenja.objects.filter(renja=final, pagu__gt=0, anak__isnull=True).order_by("urutan").first()
    monev.realisasi_simpan(
        baris=baris, triwulan=1, rupiah=baris.pagu // 4, nilai={}, pengguna=persona("perencana")
    )
    program = baris
    while program.level != Level.PROGRAM:
        program = program.induk
    pagu_program = next(
        b.pagu_hitung for b in rencana_q.renja_ringkasan(final).pohon.urut if b.id == program.id
    )
    html = _html(login("kadis"))
    blok = html.split('id="realisasi"')[1].split("</section>")[0]
    assert "Belum ada Renja final tahun" in blok  # the demo's year is 2021, not this year
    assert program.nama in blok
    baris_program = re.search(rf"<td>{re.escape(program.nama)}</td>(.*?)</tr>", blok, re.S).group(1)
    persen = f"{baris.pagu // 4 * 100 / pagu_program:.2f} %".replace(".", ",")
    assert f"Rp {baris.pagu // 4:,}".replace(",", ".") in baris_program and persen in baris_program
    assert reverse("monev:e81", args=[final.pk]) in blok
    # The planner records quarters and is offered entry; the head (who only corrects locked
    # quarters, none here) and a reviewer are not.
    assert reverse("monev:realisasi", args=[final.pk]) not in blok
    assert reverse("monev:realisasi", args=[final.pk]) in _html(login("perencana"))
    assert reverse("monev:realisasi", args=[final.pk]) not in _html(login("reviewer"))


def test_planner_sees_what_to_do_next(login, renja_demo, django_assert_max_num_queries):
    temuan = rencana_q.renja_temuan(renja_demo)
    galat = [t for t in temuan if t.galat]
    tanpa_indikator = [t for t in temuan if t.pesan == "tidak ada indikator kinerja"]
    c = login("perencana")
    with django_assert_max_num_queries(13):
        html = _html(c)
    assert "Yang perlu dikerjakan" in html
    # Each error links to its row in the tree.
    for t in galat[:5]:
        pk = BarisRenja.objects.get(renja=renja_demo, kode=t.kode).pk
        assert f"{reverse('perencanaan:renja', args=[renja_demo.pk])}#baris-{pk}" in html
        assert t.pesan in html
    if tanpa_indikator:
        assert f"{len(tanpa_indikator)} baris tanpa indikator kinerja" in html
    # The next step's button: rancangan awal -> rancangan is the planner's.
    assert f'action="{reverse("perencanaan:lanjutkan", args=[renja_demo.pk])}"' in html
    assert "Lanjutkan ke tahap berikutnya" in html


def test_planner_waits_for_the_head_to_finalise(login, persona, renja_demo):
    rancangan = rencana.renja_lanjutkan(renja=renja_demo, pengguna=persona("perencana"))
    html = _html(login("perencana"))
    assert reverse("perencanaan:lanjutkan", args=[rancangan.pk]) not in html
    assert "Kepala Dinas menetapkannya sebagai Final" in html
    kadis = _html(login("kadis"))
    assert f'action="{reverse("perencanaan:lanjutkan", args=[rancangan.pk])}"' in kadis
    assert "Tetapkan sebagai Final" in kadis


def test_operator_sees_only_their_area(login, orang, persona, django_assert_max_num_queries):
    a1, a2, b = orang
    putaran = registri.verval_buka(nama="Verval 2026 Tahap I", pengguna=persona("kadis"))
    registri.verval_tandai(putaran=putaran, orang=a1, hasil="valid", pengguna=persona("operator_a"))
    c = login("operator_a")  # 18.04.04 Balik Bukit
    with django_assert_max_num_queries(14):
        html = _html(c)
    assert "Verval Balik Bukit" in html and "Putaran Verval 2026 Tahap I terbuka" in html
    # Waiting: Ani (not yet verified), not Budi (verified), never Siti (another kecamatan).
    menunggu = html.split('id="menunggu"')[1].split("</ul>")[0]
    assert "1 orang menunggu verval" in menunggu
    assert "Ani Balikbukit" in menunggu and reverse("registri:orang", args=[a2.pk]) in menunggu
    assert "Budi Balikbukit" not in menunggu
    assert "Siti Sumberjaya" not in html and "Sumber Jaya" not in html
    # Progress of the area's kecamatan and its desa only.
    assert re.search(r'<tr class="fw-bold"><td>Balik Bukit</td>', html)
    assert "Renja terkini" not in html and "Tren PMKS" not in html
    # Links to the operator's work only, as the site's menu offers it: no planning pages.
    for bukan in ("perencanaan:beranda", "monev:beranda", "perencanaan:nomenklatur"):
        assert f'href="{reverse(bukan)}"' not in html.split("</nav>")[1], bukan
    assert f'href="{reverse("registri:verval")}"' in html
    # The other operator sees theirs.
    html_b = _html(login("operator_b"))
    assert "Siti Sumberjaya" in html_b and "Balikbukit" not in html_b


def test_operator_without_open_round_is_told_who_opens_one(login, orang, persona):
    html = _html(login("operator_a"))
    assert "Tidak ada putaran verval yang terbuka" in html and "dibuka oleh Kepala Dinas" in html
    assert "menunggu verval" not in html
    putaran = registri.verval_buka(nama="Verval 2025", pengguna=persona("kadis"))
    registri.verval_tutup(putaran=putaran, pengguna=persona("kadis"))
    html = _html(login("operator_a"))
    assert (
        "Tidak ada putaran verval yang terbuka" in html and "Putaran terakhir, Verval 2025, ditutup" in html
    )


def test_reviewer_sees_what_they_may_read(login, renja_demo, orang, django_assert_max_num_queries):
    c = login("reviewer")
    with django_assert_max_num_queries(12):
        html = _html(c)
    for nama in ("perencanaan:beranda", "monev:beranda", "registri:beranda", "bansos:beranda", "spm:beranda"):
        assert f'href="{reverse(nama)}"' in html
    # Not what they may not open: persons, duplicates, imports, the next step.
    for nama in ("registri:daftar", "registri:duplikat", "perencanaan:impor"):
        assert f'href="{reverse(nama)}"' not in html
    assert reverse("perencanaan:lanjutkan", args=[renja_demo.pk]) not in html
    assert "Yang perlu dikerjakan" not in html and "Budi" not in html
    assert "Rp 5.694.430.455" in html  # the Renja's standing, read only


def test_admin_sees_admin_things(login, renja_demo, django_assert_max_num_queries):
    c = login("admin")
    with django_assert_max_num_queries(18):
        html = _html(c)
    assert reverse("admin:akun_pengguna_changelist") in html
    assert reverse("admin:akun_auditlog_changelist") in html
    assert reverse("admin:akun_aksesdatapribadi_changelist") in html
    assert "Yang perlu dikerjakan" in html
    assert _html(login("kadis")).count(reverse("admin:akun_pengguna_changelist")) == 0


def test_a_long_renja_shows_its_first_programs_and_the_rest_on_e81(login, renja_demo):
    from django.utils import timezone

    from bench.sintetis import buat_realisasi_sintetis, buat_renja_sintetis
    from kesos.beranda.views import PROGRAM_DITAMPILKAN
    from kesos.perencanaan.models import Tahap

    final = buat_renja_sintetis(
        kegiatan=40, per_program=2, tahun=timezone.localdate().year, tahap=Tahap.FINAL
    )
    buat_realisasi_sintetis(final)  # a quarter of each kegiatan's pagu in each quarter: 100 %
    html = _html(login("kadis"))
    blok = html.split('id="realisasi"')[1].split("</section>")[0]
    assert blok.count("<progress") == PROGRAM_DITAMPILKAN
    assert f"dan {20 - PROGRAM_DITAMPILKAN} program lainnya di E.81" in blok
    assert "100,00 %" in blok and "Belum ada Renja final tahun" not in blok
