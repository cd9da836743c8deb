"""Admin pieces every app uses: who-did-it stamping and accent-insensitive search."""

import logging

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from core.search import clean_query, filter_words, search_words
from core.storage import is_disk_full, track_saved_files

log = logging.getLogger(__name__)


class StampedAdmin(admin.ModelAdmin):
    """Stamps `created_by` / `updated_by` (see `core.models.StampedModel`) on save.

    When the media disk is full during an upload, staff get a Vietnamese message instead of
    a 500, the admin's transaction is rolled back (no row points at a missing file), and the
    files this form had already written are removed (no file without its row).
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with track_saved_files() as saved:
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except OSError as error:
                if not is_disk_full(error):
                    raise
                log.error("Upload refused, media disk full: %s", error)
                for storage, name in saved:
                    storage.delete(name)
        self.message_user(
            request,
            _(
                "Nothing was saved: the server's disk for uploaded files is full. Tell the "
                "technical administrator; once space is freed, enter this again."
            ),
            messages.ERROR,
        )
        return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if not change and hasattr(obj, "created_by_id"):
            obj.created_by = request.user
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class FoldedSearchAdmin(admin.ModelAdmin):
    """Admin search that ignores accents and case: "tien tan" finds "Tiên Tân".

    The model keeps folded text in `folded_search_fields` (default `search_text`); every typed
    word must appear. `search_fields` must still be set for Django to show the search box.
    """

    folded_search_fields = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        words = search_words(clean_query(search_term))
        if not words:
            return queryset, False
        return filter_words(queryset, words, self.folded_search_fields), False
