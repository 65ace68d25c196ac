"""Admin helpers shared by every app."""

from motcua.text import fold


class FoldedSearchMixin:
    """Admin search that also matches the folded name, so "dang ky" finds "Đăng ký"."""

    def get_search_results(self, request, queryset, search_term):
        results, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.filter(name_folded__contains=fold(search_term))
        return results, duplicates
