"""Every main page in a real browser, as each role, on a phone (390×844) and a desktop (1366×900).

Headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright) against the live
server: no page is wider than the screen (``scrollWidth <= innerWidth``: nothing scrolls the
whole page sideways; wide tables scroll inside their card), the menu button opens the menu with
logout on the phone, and the Renja tree fits 1366 px with its action column and short rows.
Screenshots go to ``var/layar/`` (not in git) for a person to look at.

The data is the document's Renja 2021 with its Lampiran I, the disaster demo, a few persons of
Balik Bukit with an open verval round, and a programme with a period: the pages' shapes without
the demo's 52.000 synthetic persons, so that the whole walk stays under a minute.
"""

import os
import shutil
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CHROMIUM = "/usr/bin/chromium"
LAYAR = Path(settings.BASE_DIR) / "var" / "layar"
PONSEL = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SANDI = "sandi-layar-123"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None,
        reason=f"{CHROMIUM} is not installed (apt-get install -y chromium; .ci/run installs it)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PERAN = {
    "admin": ("admin", ""),
    "perencana": ("perencana", ""),
    "kadis": ("kepala_dinas", ""),
    "reviewer": ("reviewer", ""),
    "operator": ("operator", "18.04.04"),
}


@dataclass
class Data:
    renja: object
    orang: object
    kejadian: object
    periode: object


@pytest.fixture
def data_layar() -> Data:
    from kesos.akun.access import SISTEM
    from kesos.akun.services import pengguna_buat
    from kesos.bansos.tests.pabrik import data_matriks, keluarga
    from kesos.bencana.demo import muat_bencana_demo
    from kesos.bencana.models import Kejadian
    from kesos.monev.demo import muat_lampiran_i
    from kesos.perencanaan.demo import muat_renja_demo
    from kesos.registri import services as registri
    from kesos.registri.services import kategori_muat_baku
    from kesos.wilayah.services import wilayah_muat_lampung_barat

    wilayah_muat_lampung_barat()
    renja = muat_renja_demo()
    muat_lampiran_i(organisasi=renja.organisasi)
    kategori_muat_baku()
    pengguna = {
        nama: pengguna_buat(
            username=nama, password=SANDI, peran=peran, wilayah_kode=wilayah, nama=f"{nama.title()} Uji"
        )
        for nama, (peran, wilayah) in PERAN.items()
    }
    muat_bencana_demo()
    kk = keluarga("18.04.04.1001")
    orang = []
    for i, nama in enumerate(["Siti Rahmawati Pasar Liwa", "Ahmad Fauzi", "Dewi Lestari Wulandari"], start=1):
        o, _ = registri.orang_simpan(
            pengguna=SISTEM,
            nik=f"18040452037000{i:02d}",
            nama=nama,
            jenis_kelamin="P",
            tanggal_lahir=date(1970, 3, 12),
            desa_kode="18.04.04.1001",
            alamat="Jalan Raden Intan Gang Kenanga Nomor 12, Dusun Sukamaju",
        )
        o.keluarga = kk
        o.save(update_fields=["keluarga"])
        orang.append(o)
    bansos = data_matriks(orang[0])
    registri.verval_buka(nama="Verval 2026 Tahap I", pengguna=pengguna["kadis"])
    # an event the operator of Balik Bukit may open too, when the demo has one there
    kejadian = (
        Kejadian.objects.filter(lokasi__desa_kode__startswith="18.04.04.").order_by("id").first()
        or Kejadian.objects.order_by("id").first()
    )
    return Data(renja=renja, orang=orang[0], kejadian=kejadian, periode=bansos.periode)


def halaman_utama(d: Data) -> dict[str, str]:
    """The main pages, by a short name used for the screenshots."""
    org = d.renja.organisasi_id
    return {
        "renja": reverse("perencanaan:beranda"),
        "pohon": reverse("perencanaan:renja", args=[d.renja.pk]),
        "periksa": reverse("perencanaan:periksa", args=[d.renja.pk]),
        "tc29": reverse("monev:tc29", args=[org, d.renja.tahun]),
        "e81": reverse("monev:e81", args=[d.renja.pk]),
        "registri": reverse("registri:beranda"),
        "cari-orang": reverse("registri:daftar") + "?q=a",
        "orang": reverse("registri:orang", args=[d.orang.pk]),
        "verval": reverse("registri:verval"),
        "bansos": reverse("bansos:beranda"),
        "cakupan": reverse("bansos:cakupan", args=[d.periode.pk]),
        "spm": reverse("spm:beranda"),
        "bencana": reverse("bencana:beranda"),
        "kejadian": reverse("bencana:kejadian", args=[d.kejadian.pk]),
        "stok": reverse("bencana:stok"),
        "peta": reverse("bencana:peta"),
        "data-terbuka": reverse("registri:data-terbuka"),
    }


LEBAR = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# What sticks out past the right edge outside any scrolling box: named in the failure message.
PENYEBAB = """() => {
  const w = innerWidth, hasil = [];
  for (const el of document.querySelectorAll('body *')) {
    const b = el.getBoundingClientRect();
    if (b.right <= w + 1 || [...el.children].some(c => c.getBoundingClientRect().right > w + 1)) continue;
    let p = el.parentElement, gulir = false;
    while (p) {
      if (getComputedStyle(p).overflowX !== 'visible') { gulir = true; break; }
      p = p.parentElement;
    }
    if (!gulir) hasil.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(b.right)} px)`);
  }
  return hasil.slice(0, 5);
}"""
POHON = """() => {
  const t = document.querySelector('table.table-renja'), kotak = t.parentElement;
  const aksi = t.querySelector('tbody td.aksi');
  const tinggi = [...t.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height);
  return {lebar_tabel: t.scrollWidth, lebar_kotak: kotak.clientWidth,
          aksi_kanan: aksi ? aksi.getBoundingClientRect().right : null,
          kotak_kanan: kotak.getBoundingClientRect().right, baris_tertinggi: Math.max(...tinggi)};
}"""


GRAFIK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="450" viewBox="0 0 900 450">'
    '<rect width="900" height="450" fill="#eef2f7"/><text x="30" y="60" font-size="32">grafik</text></svg>'
)


def _grafik(url: str) -> bool:
    """A chart drawn by the server (an SVG that is not a static file)."""
    jalur = url.split("?", 1)[0]
    return jalur.endswith(".svg") and "/static/" not in jalur


def _masuk(page, base: str, nama: str) -> None:
    page.goto(base + reverse("login"))
    page.fill("#id_username", nama)
    page.fill("#id_password", SANDI)
    page.click("main form button")
    page.wait_for_load_state()
    assert reverse("login") not in page.url, f"{nama} tidak dapat masuk"


def _cek_menu_ponsel(page, nama: str) -> None:
    """On the phone the menu is folded behind its button, which opens it with logout inside."""
    menu = page.locator("#menu-utama")
    assert not menu.is_visible(), f"{nama}: menu terbuka sebelum tombolnya ditekan"
    tombol = page.locator("button.navbar-toggler")
    kotak = tombol.bounding_box()
    assert kotak and kotak["height"] >= 44 and kotak["x"] + kotak["width"] <= PONSEL["width"]
    tombol.click()
    page.wait_for_selector("#menu-utama.collapse.show")
    keluar = menu.locator(f"form[action='{reverse('logout')}'] button")
    keluar.wait_for(state="visible")
    k = keluar.bounding_box()
    assert k["x"] >= 0 and k["x"] + k["width"] <= PONSEL["width"], f"{nama}: tombol Keluar di luar layar"
    assert k["height"] >= 44, f"{nama}: tombol Keluar {k['height']} px, kurang dari 44 px"
    page.screenshot(path=str(LAYAR / f"{nama}-menu-390.png"))
    tombol.click()
    page.wait_for_selector("#menu-utama.collapse:not(.show)", state="attached")
    menu.wait_for(state="hidden")


def test_every_main_page_fits_the_phone_and_the_desktop(live_server, data_layar):
    from playwright.sync_api import sync_playwright

    LAYAR.mkdir(parents=True, exist_ok=True)
    mulai = time.monotonic()
    halaman = halaman_utama(data_layar)
    terlalu_lebar: list[str] = []
    pohon: dict = {}
    waktu: dict[str, float] = {}
    difoto: set[tuple[str, int]] = set()  # each page once per size, and every one the operator's
    print(f"data siap dalam {time.monotonic() - mulai:.1f} s")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for nama in os.environ.get("KESOS_LAYAR_PERAN", ",".join(PERAN)).split(","):
                konteks = browser.new_context(viewport=PONSEL, locale="id-ID", reduced_motion="reduce")
                # Charts are drawn by the server per request (tested with their pages); here a
                # placeholder of a chart's size stands in, so the walk measures layout, not matplotlib.
                konteks.route(_grafik, lambda route: route.fulfill(body=GRAFIK, content_type="image/svg+xml"))
                page = konteks.new_page()
                _masuk(page, live_server.url, nama)
                _cek_menu_ponsel(page, nama)
                for kunci, alamat in halaman.items():
                    page.set_viewport_size(PONSEL)
                    t = time.monotonic()
                    r = page.goto(live_server.url + alamat)
                    waktu[f"{nama} {kunci}"] = time.monotonic() - t
                    assert r.status in (200, 403, 404), f"{nama} {alamat}: {r.status}"
                    for ukuran in (PONSEL, DESKTOP):
                        page.set_viewport_size(ukuran)
                        lebar, layar = page.evaluate(LEBAR)
                        if lebar > layar:
                            sebab = ", ".join(page.evaluate(PENYEBAB))
                            terlalu_lebar.append(f"{nama} {kunci} {layar}: {lebar} px ({sebab})")
                        if nama == "operator" or (kunci, ukuran["width"]) not in difoto:
                            difoto.add((kunci, ukuran["width"]))
                            page.screenshot(path=str(LAYAR / f"{nama}-{kunci}-{ukuran['width']}.png"))
                        if kunci == "pohon" and ukuran is DESKTOP:
                            pohon[nama] = page.evaluate(POHON)
                konteks.close()
                print(f"{nama} selesai pada {time.monotonic() - mulai:.1f} s")
        finally:
            browser.close()
    print("slowest pages:", sorted(((round(v, 2), k) for k, v in waktu.items()), reverse=True)[:5])
    assert not terlalu_lebar, "halaman lebih lebar dari layar:\n" + "\n".join(terlalu_lebar)
    # The Renja tree at 1366 px: the whole table, its action column included, inside its box,
    # and no row taller than a screen's half (long indicators are clamped to three lines).
    for nama, ukur in pohon.items():
        assert ukur["lebar_tabel"] <= ukur["lebar_kotak"], f"{nama}: pohon Renja terpotong {ukur}"
        if ukur["aksi_kanan"] is not None:
            assert ukur["aksi_kanan"] <= ukur["kotak_kanan"] + 1, f"{nama}: kolom aksi terpotong {ukur}"
        assert ukur["baris_tertinggi"] < DESKTOP["height"] / 2, f"{nama}: baris terlalu tinggi {ukur}"
    if "perencana" in pohon:
        assert pohon["perencana"]["aksi_kanan"] is not None  # the planner's tree has its actions
