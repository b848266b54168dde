"""Users of kesos under load, for `python -m bench.beban` (which starts everything and passes the
ids of the seeded data in the JSON file named by KESOS_BEBAN_DATA).

Each user starts signed in as its role's demo user and then works as that role would: a page,
a pause of one to three seconds, the next page. A page's chart images are fetched after it, as a
browser would. Requests are named by page, so the summary has one line per page.
"""

import json
import os
import random

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["KESOS_BEBAN_DATA"], encoding="utf-8").read())
_sesi = {nama: iter(daftar) for nama, daftar in DATA["sesi"].items()}


class Pengguna(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        # A session of the role's demo user made by bench.beban, as the login form would.
        self.client.cookies.set("sessionid", next(_sesi[self.username]), domain="127.0.0.1")
        r = self.client.get("/", name="beranda /")
        if "/masuk/" in r.url:
            raise RuntimeError(f"sesi {self.username} tidak berlaku")

    def halaman(self, url: str, nama: str, gambar: tuple[tuple[str, str], ...] = ()) -> None:
        with self.client.get(url, name=nama, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
            elif "/masuk/" in r.url:
                r.failure("diarahkan ke halaman masuk")
        for src, nama_gambar in gambar:
            self.client.get(src, name=nama_gambar)

    def beranda(self) -> None:
        self.halaman("/", "beranda /")

    def pohon(self) -> None:
        self.halaman(f"/renja/{DATA['renja']}/", "pohon Renja")

    def periksa(self) -> None:
        self.halaman(f"/renja/{DATA['renja']}/periksa/", "Periksa")

    def tc29(self) -> None:
        org, tahun = DATA["organisasi"], DATA["tahun"]
        self.halaman(
            f"/evaluasi/{org}/tc29/{tahun}/",
            "T-C.29",
            ((f"/evaluasi/{org}/tren/{tahun}.svg", "grafik tren T-C.29 (svg)"),),
        )

    def e81(self) -> None:
        renja = DATA["renja"]
        self.halaman(
            f"/evaluasi/renja/{renja}/e81/",
            "E.81",
            ((f"/evaluasi/renja/{renja}/capaian.svg", "grafik capaian E.81 (svg)"),),
        )

    def verval(self) -> None:
        self.halaman("/registri/verval/", "verval (kemajuan)")


class KepalaDinas(Pengguna):
    """Reads the plan, its check and both evaluation tables; watches verval."""

    weight = 4
    username = "kadis"

    @task(2)
    def t_beranda(self) -> None:
        self.beranda()

    @task(2)
    def t_pohon(self) -> None:
        self.pohon()

    @task(1)
    def t_periksa(self) -> None:
        self.periksa()

    @task(3)
    def t_tc29(self) -> None:
        self.tc29()

    @task(3)
    def t_e81(self) -> None:
        self.e81()

    @task(1)
    def t_verval(self) -> None:
        self.verval()


class Perencana(Pengguna):
    """Works on the Renja: its tree, its check, the evaluation."""

    weight = 6
    username = "perencana"

    @task(2)
    def t_beranda(self) -> None:
        self.beranda()

    @task(4)
    def t_pohon(self) -> None:
        self.pohon()

    @task(3)
    def t_periksa(self) -> None:
        self.periksa()

    @task(2)
    def t_tc29(self) -> None:
        self.tc29()

    @task(2)
    def t_e81(self) -> None:
        self.e81()


class Operator(Pengguna):
    """A kecamatan operator: finds persons of the area, opens one and saves its verval result."""

    weight = 10
    username = "operator_balikbukit"

    @task(1)
    def t_beranda(self) -> None:
        self.beranda()

    @task(4)
    def t_cari(self) -> None:
        kata = random.choice(DATA["cari"])
        self.halaman(f"/registri/orang/?q={kata}", "cari orang")

    @task(2)
    def t_verval(self) -> None:
        self.verval()

    @task(2)
    def t_tandai(self) -> None:
        orang = random.choice(DATA["orang"])
        self.halaman(f"/registri/orang/{orang}/", "orang (halaman)")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            f"/registri/orang/{orang}/verval/",
            data={
                "putaran": DATA["putaran"],
                "hasil": random.choice(["valid", "dikoreksi"]),
                "catatan": "uji beban",
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": f"{self.host}/registri/orang/{orang}/"},
            name="verval (simpan)",
            catch_response=True,
            allow_redirects=False,
        ) as r:
            if r.status_code != 302:
                r.failure(f"HTTP {r.status_code}")
