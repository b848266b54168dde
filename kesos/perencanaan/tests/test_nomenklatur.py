import csv

from kesos.perencanaan.models import NomenklaturItem, NomenklaturVersi
from kesos.perencanaan.nomenklatur import DATA, nomenklatur_muat_baku


def _baris_csv(nama: str) -> list[list[str]]:
    with open(DATA / nama, encoding="utf-8", newline="") as f:
        return [r for r in list(csv.reader(f))[1:] if r]


def test_both_versions_load_with_every_row_and_removed_rows_marked(db):
    nomenklatur_muat_baku()
    kep = NomenklaturVersi.objects.get(kode="kepmendagri-050-3708-2020")
    rows = _baris_csv("nomenklatur_sosial_kepmendagri_050-3708.csv")
    assert kep.item.count() == len(rows)
    assert kep.item.filter(aktif=False).count() == sum(1 for r in rows if r[3] == "1")
    assert kep.item.filter(level="program", kode="1.06.01").exists()
    lama = NomenklaturVersi.objects.get(kode="permendagri-13-2006")
    assert lama.item.count() == len(_baris_csv("nomenklatur_sosial_permendagri_13-2006.csv"))


def test_a_loaded_version_is_never_edited_in_place(db):
    nomenklatur_muat_baku()
    item = NomenklaturItem.objects.get(versi__kode="kepmendagri-050-3708-2020", kode="1.06.01")
    item.nama = "diubah setempat"
    item.save()
    jumlah = NomenklaturItem.objects.count()
    nomenklatur_muat_baku()
    item.refresh_from_db()
    assert item.nama == "diubah setempat" and NomenklaturItem.objects.count() == jumlah
