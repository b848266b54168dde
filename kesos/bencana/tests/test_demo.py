"""The demo season: plausible, consistent with its own checks, and aid as distributions."""

from kesos.bansos.models import Penyaluran
from kesos.bencana import queries
from kesos.bencana.demo import muat_bencana_demo
from kesos.bencana.models import Kejadian, Korban
from kesos.wilayah.models import Tingkat, Wilayah


def test_the_demo_season_is_consistent_and_its_aid_is_distributed(registri, persona):
    persona("admin")
    assert muat_bencana_demo(tahun=2025) == 24
    assert Kejadian.objects.filter(waktu_lapor__year=2025).count() == 24
    desa = set(Kejadian.objects.values_list("desa_kode", flat=True))
    assert desa <= set(Wilayah.objects.filter(tingkat=Tingkat.DESA).values_list("kode", flat=True))
    assert all(k.startswith("18.04.") for k in desa)  # the real kecamatan of Lampung Barat
    assert queries.stok_periksa() == [] and queries.respon_periksa() == []
    r = queries.respon_ringkas(tahun=2025)
    assert r.dibantu == 23 and r.kejadian == 24 and 2 <= r.median_jam <= 21
    assert Korban.objects.exists()
    salur = Penyaluran.objects.filter(kepesertaan__program__kode="BTD")
    assert salur.count() >= 46 and salur.filter(tanggal__year=2025).count() == salur.count()
    no5, no6 = queries.spm_bencana(tahun=2025)
    assert no5.persen is not None and 0 < no5.persen <= 100 and no6.penyebut == no5.penyebut
    assert muat_bencana_demo(tahun=2025) == 0  # safe to run twice
