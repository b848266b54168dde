from rest_framework.pagination import LimitOffsetPagination


class Halaman(LimitOffsetPagination):
    """limit/offset with a ceiling: at most 500 rows a request, and an offset the database can
    take (a larger one is an empty page, not an integer overflow in SQL)."""

    default_limit = 100
    max_limit = 500
    max_offset = 10**12

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), self.max_offset)
