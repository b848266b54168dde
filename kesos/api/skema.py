"""The error shape (``Galat``) documented on every operation of the OpenAPI schema."""

GALAT = {
    "type": "object",
    "description": "Satu bentuk galat untuk seluruh API.",
    "properties": {
        "code": {"type": "string", "description": "kata tetap: tidak_valid, tidak_berhak, konflik_edit, …"},
        "message": {"type": "string", "description": "kalimat untuk pengguna"},
        "fields": {
            "type": "object",
            "description": "pesan per isian; kosong bila galat tidak tentang satu isian",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "masalah": {
            "type": "array",
            "description": "berkas yang ditolak: setiap masalah dengan baris, kolom, nilai dan pesannya",
            "items": {"type": "object"},
        },
    },
    "required": ["code", "message", "fields"],
}

KETERANGAN = {
    "400": "Isian tidak valid atau ditolak",
    "401": "Belum masuk",
    "403": "Tidak berhak",
    "404": "Tidak ada",
    "405": "Metode tidak diizinkan",
    "406": "Format jawaban tidak didukung",
    "409": "Diubah pengguna lain",
    "415": "Jenis isi tidak didukung",
    "429": "Terlalu banyak percobaan",
    "500": "Galat server",
}


def tambah_galat(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation may answer each error status
    with ``Galat``."""
    result.setdefault("components", {}).setdefault("schemas", {})["Galat"] = GALAT
    acuan = {"$ref": "#/components/schemas/Galat"}
    for jalur in result.get("paths", {}).values():
        for metode, operasi in jalur.items():
            if metode not in {"get", "post", "put", "patch", "delete"}:
                continue
            jawaban = operasi.setdefault("responses", {})
            for kode, teks in KETERANGAN.items():
                jawaban.setdefault(
                    kode, {"description": teks, "content": {"application/json": {"schema": acuan}}}
                )
    return result
