from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import StampedAdmin
from core.cache import bump_content_version
from news.models import Article, Attachment, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 1
    fields = ["title", "file", "order", "description"]
    readonly_fields = ["description"]

    @admin.display(description=_("type and size"))
    def description(self, obj):
        return obj.description if obj.pk else "—"


@admin.register(Article)
class ArticleAdmin(StampedAdmin):
    list_display = ["title", "category", "publication", "pinned", "updated_by", "preview_link"]
    list_filter = ["status", "category", "pinned", ("published_at", admin.DateFieldListFilter)]
    list_select_related = ["category", "updated_by"]
    search_fields = ["search_text"]  # title, summary and body, folded
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish", "pin", "unpin"]
    inlines = [AttachmentInline]
    readonly_fields = ["preview_link", "created_by", "created_at", "updated_by", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "category", "summary", "body"]}),
        (_("Photo and video"), {"fields": ["cover", "cover_alt", "video_url"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "expires_at",
                    "pinned",
                    "byline",
                    "preview_link",
                ]
            },
        ),
        (
            _("Address and history"),
            {
                "classes": ["collapse"],
                "fields": ["slug", "created_by", "created_at", "updated_by", "updated_at"],
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "title":
            kwargs["widget"] = forms.TextInput(attrs={"size": 80})
        elif db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
        elif db_field.name == "video_url":
            kwargs["assume_scheme"] = "https"  # "youtu.be/..." typed without a scheme
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("publication"), ordering="published_at")
    def publication(self, obj):
        when = date_format(timezone.localtime(obj.published_at), "SHORT_DATETIME_FORMAT")
        if obj.status == Article.Status.DRAFT:
            return _("Draft")
        if obj.is_scheduled:
            return format_html("⏰ {} {}", _("scheduled for"), when)
        if obj.expires_at and obj.expires_at <= timezone.now():
            return _("Expired")
        return format_html("✔ {} {}", _("published"), when)

    @admin.display(description=_("view"))
    def preview_link(self, obj):
        if not obj.pk:
            return "—"
        label = _("View on the site") if obj.is_live else _("Preview (staff only)")
        return format_html('<a href="{}" target="_blank">{}</a>', obj.get_absolute_url(), label)

    def _bulk_update(self, request, queryset, message, **changes):
        count = queryset.update(updated_by=request.user, updated_at=timezone.now(), **changes)
        bump_content_version()  # update() sends no post_save: tell the page cache here
        self.message_user(request, message(count), messages.SUCCESS)

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        self._bulk_update(
            request,
            queryset,
            lambda n: (
                ngettext("%(n)d article published.", "%(n)d articles published.", n) % {"n": n}
            ),
            status=Article.Status.PUBLISHED,
        )

    @admin.action(description=_("Unpublish the selected articles"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._bulk_update(
            request,
            queryset,
            lambda n: (
                ngettext("%(n)d article returned to draft.", "%(n)d articles returned to draft.", n)
                % {"n": n}
            ),
            status=Article.Status.DRAFT,
        )

    @admin.action(description=_("Pin the selected articles"), permissions=["change"])
    def pin(self, request, queryset):
        self._bulk_update(
            request,
            queryset,
            lambda n: ngettext("%(n)d article pinned.", "%(n)d articles pinned.", n) % {"n": n},
            pinned=True,
        )

    @admin.action(description=_("Unpin the selected articles"), permissions=["change"])
    def unpin(self, request, queryset):
        self._bulk_update(
            request,
            queryset,
            lambda n: ngettext("%(n)d article unpinned.", "%(n)d articles unpinned.", n) % {"n": n},
            pinned=False,
        )
