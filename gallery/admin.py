from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import StampedAdmin
from gallery.forms import AlbumAdminForm
from gallery.models import Album, Photo


class PhotoInline(admin.TabularInline):
    """The album's photos, to order (position) and caption them."""

    model = Photo
    extra = 0
    fields = ["image", "caption", "alt", "position"]
    ordering = ["position", "pk"]


@admin.register(Album)
class AlbumAdmin(StampedAdmin):
    """An album: its text and publication, then "Add photos" (many files at once), then its
    photos to caption and order."""

    form = AlbumAdminForm
    list_display = ["title", "status", "published_at", "photo_count", "updated_by"]
    list_filter = ["status", ("published_at", admin.DateFieldListFilter)]
    list_select_related = ["updated_by"]
    search_fields = ["search_text"]  # title and description, folded
    date_hierarchy = "published_at"
    raw_id_fields = ["article", "course"]
    inlines = [PhotoInline]
    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "description", "new_photos", "cover"]}),
        (_("Linked pages"), {"fields": ["article", "course"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
        (
            _("Address and history"),
            {
                "classes": ["collapse"],
                "fields": ["slug", "created_by", "created_at", "updated_by", "updated_at"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photos_total=Count("photos"))

    @admin.display(description=_("photos"), ordering="photos_total")
    def photo_count(self, album):
        return album.photos_total

    def save_formset(self, request, form, formset, change):
        for photo in formset.save(commit=False):
            if not photo.pk:
                photo.created_by = request.user
            photo.updated_by = request.user
            photo.save()
        for photo in formset.deleted_objects:
            photo.delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        files = form.cleaned_data.get("new_photos") or []
        if not files:
            return
        album = form.instance
        with transaction.atomic():
            start = (album.photos.aggregate(last=Max("position"))["last"] or 0) + 1
            for offset, upload in enumerate(files):
                Photo.objects.create(
                    album=album,
                    image=upload,
                    position=start + offset,
                    created_by=request.user,
                    updated_by=request.user,
                )
        self.message_user(
            request,
            ngettext(
                "%(count)d photo was added. Write their captions below.",
                "%(count)d photos were added. Write their captions below.",
                len(files),
            )
            % {"count": len(files)},
            messages.SUCCESS,
        )

    def response_add(self, request, obj, post_url_continue=None):
        # After the first save, stay on the album: its photos are captioned there.
        if "_addanother" not in request.POST and "_popup" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_add(request, obj, post_url_continue)
