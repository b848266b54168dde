"""Bulk writes for large imports: plain INSERTs or COPY instead of the ORM, ids reserved in
one block, look-ups by one join, and the database settings that make a large load fast.
Nothing here knows what is imported."""

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def tanpa_gc() -> Iterator[None]:
    """No cyclic garbage collection during a bulk load: its rows make no cycles (reference
    counting frees them), but their millions of tuples kept triggering collections that walked
    every live object, which cost as much as unpickling the rows themselves."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


@contextmanager
def kunci_asing_segera(models: tuple, kecuali: tuple[type, type]) -> Iterator[None]:
    """PostgreSQL: check the foreign keys of these tables at each statement instead of at
    commit. Django makes them DEFERRABLE INITIALLY DEFERRED, so all of them (one per row) would
    be checked at the end, while nothing else can run; checked as each chunk is written, they
    are done while a worker prepares the next chunk. ``kecuali`` (table, referenced table)
    stays deferred, for a row written before the row it refers to."""
    if connection.vendor != "postgresql":
        yield
        return
    tabel = [m._meta.db_table for m in models]
    with connection.cursor() as c:
        c.execute(
            "SELECT conname FROM pg_constraint WHERE contype = 'f' AND condeferrable "
            "AND conrelid = ANY(%s::regclass[]) "
            "AND NOT (conrelid = %s::regclass AND confrelid = %s::regclass)",
            [tabel, kecuali[0]._meta.db_table, kecuali[1]._meta.db_table],
        )
        nama = ", ".join(connection.ops.quote_name(r[0]) for r in c.fetchall())
        c.execute(f"SET CONSTRAINTS {nama} IMMEDIATE")
        yield  # on an exception the transaction is rolled back, and the mode ends with it
        c.execute(f"SET CONSTRAINTS {nama} DEFERRED")


@contextmanager
def cache_besar() -> Iterator[None]:
    """SQLite: a page cache of 256 MiB instead of 2 MiB, or every index insert of a large load
    reads its page again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as c:
        c.execute("PRAGMA cache_size")
        lama = c.fetchone()[0]
        c.execute("PRAGMA cache_size = -262144")
        try:
            yield
        finally:
            c.execute(f"PRAGMA cache_size = {int(lama)}")


_ESCAPE_COPY = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def teks_copy(baris: list[tuple]) -> str:
    """Rows in PostgreSQL's COPY text format. Values are str (escaped only where needed: the
    check is cheaper than translating every value), None, bool, int or date."""
    return "".join(
        "\t".join(
            [
                "\\N"
                if v is None
                else (v.translate(_ESCAPE_COPY) if "\\" in v or "\t" in v or "\n" in v or "\r" in v else v)
                if type(v) is str
                else ("t" if v else "f")
                if type(v) is bool
                else str(v)
                for v in row
            ]
        )
        + "\n"
        for row in baris
    )


def sisip(model, kolom: tuple[str, ...], baris: list[tuple] | str, abaikan_bentrok: bool = False) -> None:
    """INSERT many plain tuples (or, on PostgreSQL, COPY text) at once: the ORM's bulk_create
    builds a model instance and compiles every value, which made saving six times slower than
    validating."""
    if not baris:
        return
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql" and not abaikan_bentrok:
        # COPY is PostgreSQL's bulk path: about four times faster than a pipeline of INSERTs.
        with connection.cursor() as c:
            with c.cursor.copy(
                f"COPY {qn(model._meta.db_table)} ({', '.join(qn(k) for k in kolom)}) FROM STDIN"
            ) as copy:
                if isinstance(baris, str):
                    copy.write(baris)
                else:
                    for row in baris:
                        copy.write_row(row)
        return
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(k) for k in kolom)}) "
        f"VALUES ({', '.join(['%s'] * len(kolom))})" + (" ON CONFLICT DO NOTHING" if abaikan_bentrok else "")
    )
    with connection.cursor() as c:
        c.executemany(sql, baris)


def kunci_tabel(*models) -> None:
    """Keep other writers out of these tables until the import's transaction ends (they wait;
    readers do not): ids can then be reserved in one block, and no key looked up as new can be
    added by someone else before the import inserts it. SQLite has the same from its
    IMMEDIATE transactions (settings)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            tabel = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            c.execute(f"LOCK TABLE {tabel} IN SHARE ROW EXCLUSIVE MODE")


def id_menurut_nomor(model, kolom: str, nomor: Iterable[str]) -> dict[str, int]:
    """Ids of the rows whose ``kolom`` is one of ``nomor`` (digits only: they are written as
    COPY text unescaped), by one join with the numbers loaded into a temporary table: a single
    pass instead of an index probe per number."""
    nomor = list(nomor)
    if not nomor:
        return {}
    qn = connection.ops.quote_name
    tabel, k = qn(model._meta.db_table), qn(kolom)
    with connection.cursor() as c:
        # A table no larger than the file (the first load of a registry) is read whole: cheaper
        # than loading the numbers into a temporary table to join them.
        c.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {tabel} LIMIT %s) t", [len(nomor) + 1])
        if c.fetchone()[0] <= len(nomor):
            c.execute(f"SELECT {k}, id FROM {tabel}")
            dicari = set(nomor)
            return {n: i for n, i in c.fetchall() if n in dicari}
        c.execute("CREATE TEMPORARY TABLE kesos_impor_nomor (nomor varchar(40) NOT NULL)")
        try:
            if connection.vendor == "postgresql":
                with c.cursor.copy("COPY kesos_impor_nomor (nomor) FROM STDIN") as copy:
                    copy.write("".join(f"{n}\n" for n in nomor))
                c.execute("ANALYZE kesos_impor_nomor")
            else:
                c.executemany("INSERT INTO kesos_impor_nomor (nomor) VALUES (%s)", [(n,) for n in nomor])
            c.execute(
                f"SELECT t.{qn(kolom)}, t.id FROM {qn(model._meta.db_table)} t "
                f"JOIN kesos_impor_nomor n ON t.{qn(kolom)} = n.nomor"
            )
            return dict(c.fetchall())
        finally:
            c.execute("DROP TABLE kesos_impor_nomor")


def id_baru(model, n: int) -> list[int]:
    """Ids for ``n`` rows about to be inserted, taken before inserting them so that nothing
    has to be looked up afterwards."""
    if n == 0:
        return []
    tabel = model._meta.db_table
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            # One block from the sequence: safe because kunci_tabel keeps every other insert
            # (and so every other nextval) out until the transaction ends.
            c.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabel])
            urutan = c.fetchone()[0]
            c.execute("SELECT nextval(%s)", [urutan])
            awal = c.fetchone()[0]
            c.execute("SELECT setval(%s, %s)", [urutan, awal + n - 1])
            return list(range(awal, awal + n))
        # SQLite: transactions begin IMMEDIATE (settings), so the import holds the write lock and
        # no other writer can take these ids; sqlite_sequence keeps ids of deleted rows unused.
        c.execute(
            f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {connection.ops.quote_name(tabel)}), 0), "
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [tabel],
        )
        awal = c.fetchone()[0] + 1
        return list(range(awal, awal + n))
