"""gunicorn hooks for the load test: each request's CPU time in its worker (a sync worker serves
one request at a time, so the difference of the process's CPU clock is that request's), written
as `path<TAB>ms` lines to the file named by KESOS_BEBAN_CPU. The machine is shared: wall-clock
times move with everyone else's load, CPU time much less."""

import os
import time

_BERKAS = os.environ.get("KESOS_BEBAN_CPU")


def pre_request(worker, req):
    worker.kesos_cpu = time.process_time()


def post_request(worker, req, environ, resp):
    if _BERKAS and hasattr(worker, "kesos_cpu"):
        ms = (time.process_time() - worker.kesos_cpu) * 1000
        with open(_BERKAS, "a", encoding="utf-8") as f:
            f.write(f"{req.method} {req.path}\t{ms:.1f}\n")
