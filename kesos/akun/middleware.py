from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control


class TanpaSimpan:
    """Pages for signed-in users may hold personal data: no browser or proxy keeps a copy
    (``Cache-Control: no-store``). Static files are served before this by whitenoise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class BahasaKantor:
    """kesos speaks the office's language until the user picks another on the language menu
    (a cookie): the browser's Accept-Language is not asked, since the office's computers and
    phones are often set to English while their users work in Bahasa Indonesia.
    A program reading the API may still ask for English with Accept-Language.
    Placed before ``LocaleMiddleware``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
