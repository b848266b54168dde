"""Synthetic data for benchmarks: a Renja of any size, in the local or the national shape; and a
registry of invented persons with labelled duplicates (``registri_berlabel``)."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kesos.akun.access import SISTEM
from kesos.perencanaan.models import Organisasi, Renja, SkemaKode, Tahap
from kesos.perencanaan.pohon import BarisData, IndikatorData, susun_pohon
from kesos.perencanaan.services import buat_renja_dari_data, renja_lanjutkan, sumber_dana_baku


def buat_renja_sintetis(
    *,
    kegiatan: int,
    per_program: int = 20,
    tahun: int = 2030,
    tahap: str = Tahap.RANCANGAN_AWAL,
    bentuk: str = "lokal",
    per_kegiatan: int = 10,
) -> Renja:
    """``kegiatan`` rows carrying pagu under urusan and bidang headings: in the 2021 document's
    local shape (program 1.6.9.1.P, kegiatan 1.6.9.1.P.K), or in the national shape
    (program 1.06.PP, kegiatan 1.06.PP.2.KK, sub-kegiatan 1.06.PP.2.KK.SSSS, ``per_kegiatan``
    sub-kegiatan to a kegiatan) when ``bentuk`` is "nasional"."""
    sumber_dana_baku()
    nasional = bentuk == "nasional"
    kode_org, skema = (
        ("9.99.0.00.0.00.01.0000", "nasional-050-5889") if nasional else ("1.6.9.1", "lokal-2021")
    )
    org, _ = Organisasi.objects.get_or_create(
        kode=kode_org, defaults={"nama": f"Dinas Sosial Sintetis ({bentuk})"}
    )
    bidang = "1.06" if nasional else "1.6"
    baris: list[BarisData] = [
        BarisData(kode="1", nama="URUSAN WAJIB PELAYANAN DASAR", level="urusan"),
        BarisData(kode=bidang, nama="URUSAN BIDANG SOSIAL", level="bidang", induk_kode="1"),
    ]
    n = 0

    def daun(kode: str, induk: str, level: str) -> BarisData:
        nonlocal n
        n += 1
        return BarisData(
            kode=kode,
            nama=f"Kegiatan Sintetis {kode}",
            level=level,
            induk_kode=induk,
            lokasi="Liwa",
            pagu=1_000_000 + 137 * n,
            pagu_maju=1_100_000 + 91 * n,
            sumber_dana="Dana Alokasi Umum",
            catatan="",
            indikator=[
                IndikatorData(f"Jumlah penerima manfaat {n}", f"{n % 90 + 10} Orang", "100 Orang"),
                IndikatorData("Persentase ketepatan waktu", "100 %", "100 %"),
            ][: 1 + n % 2],
        )

    p = 0
    while n < kegiatan:
        p += 1
        kode_p = f"1.06.{p:02d}" if nasional else f"{kode_org}.{p}"
        baris.append(
            BarisData(
                kode=kode_p,
                nama=f"Program Sintetis {p}",
                level="program",
                induk_kode=bidang,
                indikator=[IndikatorData(f"Persentase capaian program {p}", "100 %", "100 %")],
            )
        )
        for k in range(1, per_program + 1):
            if n == kegiatan:
                break
            if not nasional:
                baris.append(daun(f"{kode_p}.{k}", kode_p, "kegiatan"))
                continue
            kode_k = f"{kode_p}.2.{k:02d}"
            baris.append(
                BarisData(
                    kode=kode_k,
                    nama=f"Kegiatan Sintetis {kode_k}",
                    level="kegiatan",
                    induk_kode=kode_p,
                    indikator=[IndikatorData("Persentase sub-kegiatan terlaksana", "100 %", "100 %")],
                )
            )
            for s in range(1, per_kegiatan + 1):
                if n == kegiatan:
                    break
                baris.append(daun(f"{kode_k}.{s:04d}", kode_k, "sub_kegiatan"))
    susun_pohon(baris)
    renja = buat_renja_dari_data(
        pengguna=SISTEM,
        organisasi=org,
        tahun=tahun,
        tahap=Tahap.RANCANGAN_AWAL,
        baris=baris,
        skema=SkemaKode.objects.get(kode=skema),
    )
    # A later stage comes from the stages before it, as in the office (a Final from a rancangan).
    while renja.tahap != tahap:
        renja = renja_lanjutkan(renja=renja, pengguna=SISTEM)
    return renja


def buat_realisasi_sintetis(renja: Renja) -> int:
    """Four quarters of realisation for every kegiatan of a (final) Renja, in bulk."""
    from decimal import Decimal

    from kesos.monev.models import RealisasiIndikator, RealisasiTriwulan
    from kesos.perencanaan.models import BarisRenja, Indikator

    kegiatan = list(BarisRenja.objects.filter(renja=renja, anak__isnull=True, pagu__isnull=False))
    realisasi = [
        RealisasiTriwulan(baris=b, triwulan=tw, rupiah=(b.pagu or 0) // 4, faktor_pendorong="dukungan pekon")
        for b in kegiatan
        for tw in range(1, 5)
    ]
    RealisasiTriwulan.objects.bulk_create(realisasi, batch_size=2000)
    ind = {}
    for i in Indikator.objects.filter(
        baris__renja=renja, baris__anak__isnull=True, baris__pagu__isnull=False
    ):
        ind.setdefault(i.baris_id, []).append(i)
    nilai = [
        RealisasiIndikator(realisasi=r, indikator=i, nilai=Decimal((i.target_angka or 4) / 4))
        for r in realisasi
        for i in ind.get(r.baris_id, [])
    ]
    RealisasiIndikator.objects.bulk_create(nilai, batch_size=2000)
    return len(realisasi)


def buat_renstra_sintetis(renja: Renja) -> None:
    """A Renstra mirroring the Renja, with three years of recorded figures, linked row by row."""
    from decimal import Decimal

    from kesos.monev.models import CapaianTahunan
    from kesos.perencanaan.models import BarisRenja, Indikator, Renstra, RenstraBaris, RenstraIndikator

    renstra = Renstra.objects.create(
        organisasi=renja.organisasi, tahun_mulai=renja.tahun - 3, tahun_akhir=renja.tahun + 1
    )
    baris = list(BarisRenja.objects.filter(renja=renja).order_by("urutan"))
    rb = RenstraBaris.objects.bulk_create(
        [
            RenstraBaris(
                renstra=renstra, level=b.level, urutan=b.urutan, kode=b.kode.replace(".", " "), nama=b.nama
            )
            for b in baris
        ],
        batch_size=2000,
    )
    per_id = {b.id: r for b, r in zip(baris, rb, strict=True)}
    for b, r in zip(baris, rb, strict=True):
        r.induk = per_id.get(b.induk_id)
        b.renstra_baris = r
    RenstraBaris.objects.bulk_update(rb, ["induk"], batch_size=2000)
    BarisRenja.objects.bulk_update(baris, ["renstra_baris"], batch_size=2000)
    indikator = list(Indikator.objects.filter(baris__renja=renja).order_by("id"))
    ri = RenstraIndikator.objects.bulk_create(
        [
            RenstraIndikator(
                baris=per_id[i.baris_id],
                urutan=i.urutan,
                uraian=i.uraian,
                target_akhir=(i.target_angka or Decimal(4)) * 5,
            )
            for i in indikator
        ],
        batch_size=2000,
    )
    for i, r in zip(indikator, ri, strict=True):
        i.renstra_indikator = r
    Indikator.objects.bulk_update(indikator, ["renstra_indikator"], batch_size=2000)
    catatan = []
    for r in ri:
        t = r.target_akhir / 5
        catatan += [
            CapaianTahunan(indikator=r, tahun=renja.tahun - 3, sampai_dengan=True, realisasi=t),
            CapaianTahunan(indikator=r, tahun=renja.tahun - 2, target=t, realisasi=t * Decimal("0.9")),
            CapaianTahunan(indikator=r, tahun=renja.tahun - 1, target=t),
        ]
    CapaianTahunan.objects.bulk_create(catatan, batch_size=3000)


# --- A labelled registry for the duplicate search (issue 12 item 5) ---------------------------
# Invented persons only. Names are put together from common Indonesian given names, with the old
# spellings (dj, tj, oe) that the civil registry still holds beside the new ones, so that
# different people share names as they do in a regency, and spelling variants occur by chance.

LAKI = (
    "Abdul Adi Agus Ahmad Akbar Alif Andi Anton Ardi Arif Aris Asep Bagus Bambang Bayu Beni Budi "
    "Cahyo Dadang Danu Darmawan Dedi Deni Dimas Djoko Doni Edi Eko Endro Fadli Fajar Faisal Feri "
    "Gilang Guntur Hadi Hamzah Hasan Hendra Heri Husein Ilham Imam Indra Irfan Iwan Jaka Joko "
    "Juanda Kurnia Lukman Mahmud Mamat Marwan Mulyadi Nanang Nugroho Nur Prasetyo Purwanto Rahmat "
    "Ramli Rendi Rizal Rizki Rudi Saiful Samsul Sigit Slamet Soekarno Soleh Sugeng Suharto Sukardi "
    "Sumarno Supriyadi Surya Sutrisno Syahrul Taufik Teguh Tjahjo Toni Udin Wahyu Wawan Widodo "
    "Yanto Yoga Yudi Yusuf Zainal Zulkifli Rahman Hakim Ridwan Ismail Junaidi Kosim Maman Nasrul "
    "Paijo Ruslan Syamsul Tarmizi Usman Wagiman Yadi Zaenal Bahrudin Darto Gatot Harun Jumadi"
).split()
PEREMPUAN = (
    "Ani Aisyah Anita Ayu Bunga Cici Citra Dewi Diah Dian Dwi Eka Elis Endang Erna Evi Fatimah "
    "Fitri Gita Hana Hartini Ida Indah Intan Irma Jamilah Juwita Kartini Kurniasih Lestari Lilis "
    "Lina Maya Mega Murni Nani Nining Novi Nur Nurul Puji Putri Ratna Ratih Reni Rina Rini Rosita "
    "Sari Siti Sri Suci Sulastri Sumiati Susi Tari Tati Tuti Umi Wati Wulan Yanti Yuli Yuni Zahra "
    "Aminah Djuwariah Halimah Khadijah Maryam Nadia Nurhayati Oktavia Partini Rohani Salmah Sukarsih "
    "Suparmi Tjitjih Wartini Yayuk Zubaidah Anisa Farida Hasanah Kasmini Lasmi Marni Ngatini Parmi "
    "Rukiah Saodah Toyibah Warsini Yati Zulaeha Asih Darmi Emi Ijah Karsih Mulyani Painem Rumini"
).split()
KEDUA = (
    "Saputra Pratama Wijaya Hidayat Rahayu Susanto Setiawan Kurniawan Handayani Permata Utami "
    "Firmansyah Maulana Anggraini Santoso Gunawan Nugraha Ramadhan Hidayati Wahyuni Purnama Sari "
    "Lestari Kusuma Wibowo Suryadi Hartono Sudirman Harahap Nasution Siregar Lubis Sembiring "
    "Hakim Fauzi Rachman Syahputra Prasetya Yulianti Safitri Apriani Oktaviani Novianti Damayanti "
    "Susilowati Marlina Sumarni Suryani Rohmah Fitriani Saputri Kartika Puspita Ningsih Astuti "
    "Mulyono Haryanto Sugiarto Suparman Supardi Sutarno Darmadi Rusdi Effendi Arifin Syafei "
    "Iskandar Djunaidi Sjarif Soebagio Tjiptadi Yusuf Ibrahim Ismail Kadir Mansur Salim Abdullah "
    "Hamid Rasyid Zakaria Baharudin Hasibuan Pohan Tanjung Batubara Simatupang Ginting Tarigan "
    "Manurung Pane Ritonga Rangkuti Daulay Panjaitan Sitompul Situmorang Pardede Wardana Adiputra "
    "Sanjaya Mahendra Permana Kusnadi Sukmana Hermawan Irawan Sulistyo Widjaja Budiman Hendrawan"
).split()
MUHAMMAD = ("Muhammad", "Muhamad", "Mohammad", "Mohamad", "Moh.", "Muh.", "M.")


def _nama_baru(rng, jk: str) -> str:
    depan = rng.choice(LAKI if jk == "L" else PEREMPUAN)
    r = rng.random()
    if r < 0.15:
        return depan  # one name, as many Javanese of the older generation
    if jk == "L" and r < 0.30:
        return f"{rng.choice(MUHAMMAD[:2])} {depan} {rng.choice(KEDUA)}"
    if r < 0.40:
        return f"{depan} {rng.choice(KEDUA)} {rng.choice(KEDUA)}"
    return f"{depan} {rng.choice(KEDUA)}"


# Spelling variants of one sound (old and new spelling, and how people write what they hear).
FONETIK = (
    ("dj", "j"),
    ("tj", "c"),
    ("oe", "u"),
    ("j", "dj"),
    ("c", "tj"),
    ("u", "oe"),
    ("y", "i"),
    ("i", "y"),
    ("sj", "sy"),
    ("sy", "sj"),
    ("kh", "h"),
    ("f", "p"),
    ("z", "s"),
    ("q", "k"),
    ("ch", "kh"),
)


def _varian_fonetik(rng, nama: str) -> str:
    """Another spelling of the same name: a different Muhammad, a doubled or undoubled letter,
    or an old/new spelling of one sound."""
    kata = nama.split(" ")
    for i, k in enumerate(kata):
        if k in MUHAMMAD:
            kata[i] = rng.choice([m for m in MUHAMMAD if m != k])
            return " ".join(kata)
    calon = []
    rendah = nama.lower()
    for a, b in FONETIK:
        mulai = rendah.find(a, 1 if a in ("y", "i", "u") else 0)
        if mulai >= 0:
            calon.append((mulai, a, b))
    for i in range(1, len(rendah)):
        if rendah[i] == rendah[i - 1] and rendah[i].isalpha():
            calon.append((i, rendah[i], ""))  # Muhammad -> Muhamad
        elif (
            rendah[i] in "lmnrst"
            and rendah[i - 1] in "aiueo"
            and i + 1 < len(rendah)
            and rendah[i + 1] in "aiueo"
        ):
            calon.append((i, rendah[i], rendah[i] * 2))  # Hasan -> Hassan
    if not calon:
        return _salah_ketik(rng, nama, 1)
    i, a, b = rng.choice(calon)
    hasil = nama[:i] + (b.upper() if nama[i].isupper() and b else b) + nama[i + len(a) :]
    if nama[i].isupper() and b:
        hasil = nama[:i] + b[0].upper() + b[1:] + nama[i + len(a) :]
    return hasil


HURUF = "abcdefghijklmnopqrstuvwxyz"


def _salah_ketik(rng, nama: str, berapa: int) -> str:
    """``berapa`` keyboard slips: a letter replaced, dropped, added, or two swapped."""
    teks = nama
    for _ in range(berapa):
        posisi = [i for i, c in enumerate(teks) if c.isalpha() and i > 0]
        i = rng.choice(posisi)
        jenis = rng.choice(("ganti", "hapus", "tambah", "tukar"))
        if jenis == "ganti":
            teks = teks[:i] + rng.choice([h for h in HURUF if h != teks[i].lower()]) + teks[i + 1 :]
        elif jenis == "hapus":
            teks = teks[:i] + teks[i + 1 :]
        elif jenis == "tambah":
            teks = teks[:i] + rng.choice(HURUF) + teks[i:]
        elif i + 1 < len(teks) and teks[i + 1].isalpha() and teks[i + 1] != teks[i]:
            teks = teks[:i] + teks[i + 1] + teks[i] + teks[i + 2 :]
        else:
            teks = teks[:i] + rng.choice([h for h in HURUF if h != teks[i].lower()]) + teks[i + 1 :]
    return teks


JENIS_DUPLIKAT = (
    "salah_ketik_1",  # one letter wrong in the name; same KK, desa and birth date
    "salah_ketik_2",  # two letters wrong
    "ejaan",  # another spelling of the same sound, or of Muhammad
    "tukar_tanggal",  # day and month swapped (and the NIK made from the swapped date)
    "nik_salah_ketik",  # one digit of the NIK mistyped, nothing else different
    "dua_kk",  # the same person in another household of the same kecamatan
    "pindah",  # moved: another desa, often another kecamatan, a new NIK there
)
JENIS_BUKAN = ("kembar", "nama_sama_ayah_anak", "nama_sama_orang_lain")


@dataclass
class Berlabel:
    """A synthetic registry with its answer: which pairs (by NIK) are the same person, and
    which look alike but are not."""

    baris: list[list[str]]
    benar: list[tuple[str, str, str]]  # (nik, nik, kind of corruption)
    bukan: list[tuple[str, str, str]]  # hard negatives: (nik, nik, kind)


def registri_berlabel(
    jumlah: int, *, porsi_duplikat: float = 0.01, porsi_bukan: float = 0.004, seed: int = 12
) -> Berlabel:
    """``jumlah`` rows in the import's columns: households in the real desa of Lampung Barat,
    about ``porsi_duplikat`` of them second records of a person (each kind of
    ``JENIS_DUPLIKAT`` equally often) and ``porsi_bukan`` hard negatives."""
    from kesos.wilayah.models import Tingkat, Wilayah

    rng = random.Random(seed)
    pada = date(2026, 6, 1)
    desa = [
        (w, w.induk)
        for w in Wilayah.objects.filter(
            tingkat__in=[Tingkat.DESA, Tingkat.KELURAHAN], kode__startswith="18.04."
        )
        .select_related("induk")
        .order_by("kode")
    ]
    if not desa:
        raise ValueError("Wilayah Lampung Barat belum dimuat.")
    dipakai: set[str] = set()
    urut: dict[str, int] = {}
    no_kk = [0]

    def nik_baru(kec: str, lahir: date, jk: str) -> str:
        hari = lahir.day + (40 if jk == "P" else 0)
        awal = f"{kec}{hari:02d}{lahir.month:02d}{lahir.year % 100:02d}"
        while True:
            urut[awal] = urut.get(awal, rng.randint(0, 50)) + rng.randint(1, 3)
            nik = f"{awal}{urut[awal] % 9999 + 1:04d}"
            if nik not in dipakai:
                dipakai.add(nik)
                return nik

    def kk_baru(kec: str) -> str:
        no_kk[0] += 1
        return f"{kec}{no_kk[0] % 999999 + 1:06d}{no_kk[0] // 999999 + 1:04d}"

    def baris(nik, kk, nama, jk, lahir, d, kec, hub) -> list[str]:
        return [
            nik,
            kk,
            nama,
            jk,
            lahir.strftime("%d-%m-%Y"),
            f"Dusun {rng.randint(1, 6)}",
            kec.nama,
            d.nama,
            hub,
            "",
        ]

    semua: list[list[str]] = []
    target_dup = int(jumlah * porsi_duplikat)
    target_bukan = int(jumlah * porsi_bukan)
    target_asli = jumlah - target_dup - target_bukan
    while len(semua) < target_asli:
        d, kec = rng.choice(desa)
        kode_kec = kec.kode.replace(".", "")
        kk = kk_baru(kode_kec)
        belakang = rng.choice(KEDUA)
        for i in range(min(rng.choice([1, 2, 3, 3, 4, 4, 5, 6]), target_asli - len(semua))):
            if i == 0:
                usia, jk, hub = rng.randint(22, 80), "L" if rng.random() < 0.85 else "P", "Kepala Keluarga"
            elif i == 1:
                usia, jk, hub = rng.randint(20, 75), "P", "Istri"
            else:
                usia, jk, hub = rng.randint(0, 25), rng.choice("LP"), "Anak"
            lahir = pada - timedelta(days=usia * 365 + rng.randint(0, 364))
            nama = _nama_baru(rng, jk)
            if hub == "Anak" and " " in nama and rng.random() < 0.4:
                nama = f"{nama.split(' ')[0]} {belakang}"  # children often carry the father's name
            semua.append(baris(nik_baru(kode_kec, lahir, jk), kk, nama, jk, lahir, d, kec, hub))

    NIK, KK, NAMA, JK, LAHIR, ALAMAT, KEC, DESA, HUB = range(9)
    per_kec = {}
    for d, kec in desa:
        per_kec.setdefault(kec.kode, []).append((d, kec))
    wil = {(kec.nama, d.nama): (d, kec) for d, kec in desa}
    benar: list[tuple[str, str, str]] = []
    tambahan: list[list[str]] = []
    asli = list(semua)
    sudah: set[str] = set()
    while len(benar) < target_dup:
        jenis = JENIS_DUPLIKAT[len(benar) % len(JENIS_DUPLIKAT)]
        o = rng.choice(asli)
        if o[NIK] in sudah:
            continue  # one second record per person: every true pair is then labelled
        d, kec = wil[(o[KEC], o[DESA])]
        kode_kec = kec.kode.replace(".", "")
        lahir = datetime.strptime(o[LAHIR], "%d-%m-%Y").date()
        jk, nama, kk = o[JK], o[NAMA], o[KK]
        hub = "Famili Lain" if o[HUB] == "Kepala Keluarga" else o[HUB]
        if jenis == "salah_ketik_1":
            nama = _salah_ketik(rng, nama, 1)
        elif jenis == "salah_ketik_2":
            nama = _salah_ketik(rng, nama, 2)
        elif jenis == "ejaan":
            nama = _varian_fonetik(rng, nama)
        elif jenis == "tukar_tanggal":
            if lahir.day > 12 or lahir.day == lahir.month:
                continue
            lahir = lahir.replace(day=lahir.month, month=lahir.day)
        elif jenis == "nik_salah_ketik":
            while True:
                i = rng.randint(12, 15)
                nik = (
                    o[NIK][:i]
                    + str(rng.choice([c for c in range(10) if str(c) != o[NIK][i]]))
                    + o[NIK][i + 1 :]
                )
                if nik not in dipakai and nik[12:] != "0000":
                    break
            dipakai.add(nik)
            tambahan.append(baris(nik, kk, nama, jk, lahir, d, kec, hub))
            benar.append((o[NIK], nik, jenis))
            sudah.add(o[NIK])
            continue
        elif jenis == "dua_kk":
            d, kec = rng.choice(per_kec[kec.kode])
            kk, hub = kk_baru(kode_kec), "Kepala Keluarga" if jk == "L" else "Istri"
        elif jenis == "pindah":
            d, kec = rng.choice(desa)
            kode_kec = kec.kode.replace(".", "")
            kk, hub = "", ""
        if nama == o[NAMA] and jenis in ("salah_ketik_1", "salah_ketik_2", "ejaan"):
            continue
        nik = nik_baru(kode_kec, lahir, jk)
        tambahan.append(baris(nik, kk, nama, jk, lahir, d, kec, hub))
        benar.append((o[NIK], nik, jenis))
        sudah.add(o[NIK])

    bukan: list[tuple[str, str, str]] = []
    while len(bukan) < target_bukan:
        jenis = JENIS_BUKAN[len(bukan) % len(JENIS_BUKAN)]
        o = rng.choice(asli)
        if o[NIK] in sudah:
            continue
        d, kec = wil[(o[KEC], o[DESA])]
        kode_kec = kec.kode.replace(".", "")
        lahir = datetime.strptime(o[LAHIR], "%d-%m-%Y").date()
        if jenis == "kembar":
            if o[HUB] != "Anak":
                continue
            jk = rng.choice("LP")
            depan = o[NAMA].split(" ")[0]
            while (lain := rng.choice(LAKI if jk == "L" else PEREMPUAN)) == depan:
                pass
            nama = " ".join([lain, *o[NAMA].split(" ")[1:]])
            tambahan.append(baris(nik_baru(kode_kec, lahir, jk), o[KK], nama, jk, lahir, d, kec, "Anak"))
        elif jenis == "nama_sama_ayah_anak":
            if o[HUB] != "Kepala Keluarga" or o[JK] != "L" or lahir.year > 1990:
                continue
            anak = lahir.replace(year=lahir.year + rng.randint(20, 35), day=min(lahir.day, 28))
            anak = anak - timedelta(days=rng.randint(1, 200))
            if anak >= pada:
                continue
            tambahan.append(baris(nik_baru(kode_kec, anak, "L"), o[KK], o[NAMA], "L", anak, d, kec, "Anak"))
        else:
            d, kec = rng.choice(desa)
            kode_kec = kec.kode.replace(".", "")
            lain = pada - timedelta(days=rng.randint(0, 80 * 365))
            if lain == lahir:
                continue
            tambahan.append(
                baris(
                    nik_baru(kode_kec, lain, o[JK]),
                    kk_baru(kode_kec),
                    o[NAMA],
                    o[JK],
                    lain,
                    d,
                    kec,
                    "Kepala Keluarga" if o[JK] == "L" else "",
                )
            )
        bukan.append((o[NIK], tambahan[-1][NIK], jenis))

    # The second records are scattered through the file, as they would arrive over the years.
    tempat = sorted(rng.randint(0, len(semua)) for _ in tambahan)
    campur: list[list[str]] = []
    j = 0
    for i, b in enumerate(semua):
        while j < len(tempat) and tempat[j] == i:
            campur.append(tambahan[j])
            j += 1
        campur.append(b)
    campur += tambahan[j:]
    return Berlabel(campur, benar, bukan)
