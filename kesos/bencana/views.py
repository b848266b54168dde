from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kesos.akun.access import PEMBACA_RENCANA, peran_diperlukan


@peran_diperlukan(*PEMBACA_RENCANA)
def beranda(request: HttpRequest) -> HttpResponse:
    return render(request, "bencana/beranda.html", {})
