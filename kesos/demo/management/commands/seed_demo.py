from django.core.management.base import BaseCommand
from django.db import transaction

from kesos.akun.models import Pengguna, Peran
from kesos.akun.services import pengguna_buat
from kesos.bansos.demo import muat_bansos_demo
from kesos.bencana.demo import muat_bencana_demo
from kesos.monev.demo import muat_lampiran_i, muat_realisasi_demo
from kesos.perencanaan.demo import muat_renja_demo, muat_renja_nasional_demo
from kesos.perencanaan.nomenklatur import nomenklatur_muat_baku
from kesos.registri.demo import muat_verval_demo
from kesos.registri.services import kategori_muat_baku
from kesos.spm.services import spm_muat_baku
from kesos.wilayah.services import wilayah_muat_lampung_barat

# Demo logins, one per role. Passwords are public: for a demo on one's own machine only.
PENGGUNA_DEMO = [
    ("admin", Peran.ADMIN, "Admin Demo", ""),
    ("perencana", Peran.PERENCANA, "Perencana Demo", ""),
    ("kadis", Peran.KEPALA_DINAS, "Kepala Dinas Demo", ""),
    ("reviewer", Peran.REVIEWER, "Reviewer Bappeda Demo", ""),
    ("operator_balikbukit", Peran.OPERATOR, "Operator Balik Bukit", "18.04.04"),
    ("operator_sumberjaya", Peran.OPERATOR, "Operator Sumber Jaya", "18.04.05"),
]
SANDI_DEMO = "kesos-demo"


class Command(BaseCommand):
    help = (
        "Muat data demo Lampung Barat 2021: wilayah, nomenklatur, Renja 2021 (Lampiran II), "
        "Renstra dan evaluasi (Lampiran I), anggaran 2019, Renja 2022 sintetis sebuah Dinas Sosial "
        "lain dalam bentuk kode nasional (final, dengan realisasi triwulan I–III), pengguna demo, "
        "program bantuan dengan penerima sintetis, SPM, dan putaran verval yang sedang berjalan."
    )

    def handle(self, *args, **opts):
        with transaction.atomic():
            n_wilayah = wilayah_muat_lampung_barat()
            nomenklatur_muat_baku()
            renja = muat_renja_demo()
            muat_lampiran_i(organisasi=renja.organisasi)
            nasional = muat_renja_nasional_demo()
            kategori_muat_baku()
            for username, peran, nama, wilayah in PENGGUNA_DEMO:
                if not Pengguna.objects.filter(username=username).exists():
                    user = pengguna_buat(
                        username=username,
                        password=SANDI_DEMO,
                        peran=peran,
                        nama=nama,
                        wilayah_kode=wilayah,
                    )
                    if peran == Peran.ADMIN:
                        user.is_staff = user.is_superuser = True
                        user.save(update_fields=["is_staff", "is_superuser"])
            n_bencana = muat_bencana_demo()
        # Programmes and SPM after the demo users exist: they are defined by the demo admin.
        spm_muat_baku()
        bansos = muat_bansos_demo()
        # A year in progress: the synthetic office's Renja final with three quarters recorded,
        # and a verification round under way in Balik Bukit.
        berjalan = muat_realisasi_demo(nasional)
        putaran = muat_verval_demo(
            kepala=Pengguna.objects.get(username="kadis"),
            operator=Pengguna.objects.get(username="operator_balikbukit"),
        )
        self.stdout.write(self.style.SUCCESS(f"{n_wilayah} wilayah, {renja} dan {nasional} siap."))
        if n_bencana:
            self.stdout.write(f"{n_bencana} kejadian bencana sintetis dengan bantuan dari gudang demo.")
        if bansos:
            self.stdout.write(
                "Program bantuan demo (penerima sintetis): "
                + ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in bansos.items())
            )
        self.stdout.write(f"{berjalan}: realisasi triwulan I–III (sintetis).")
        if putaran:
            self.stdout.write(f"Putaran verval terbuka: {putaran.nama}.")
        self.stdout.write(f"Login demo (sandi untuk semua: {SANDI_DEMO}):")
        for username, peran, nama, _ in PENGGUNA_DEMO:
            self.stdout.write(f"  {username:<22} {Peran(peran).label:<14} {nama}")
