"""Many photos at once, on the album's page in the admin (Django's "Uploading multiple files").

Each file goes through the site's one picture check (`core.uploads.PhotoValidator`: a real
JPEG, PNG or WebP, within the "picture" size limit and the pixel budget), and the number of
files through `UPLOAD_LIMITS["album_photos"]`. One bad file refuses the whole upload, with a
message naming it: staff fix or drop that file and send the same selection again, instead of
having to find out which photos of a half-saved upload are missing.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.uploads import PhotoValidator, display_name
from gallery.models import Album, Photo


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """A list of uploaded files, each checked as a photo; the list within the count limit."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        limit = settings.UPLOAD_LIMITS["album_photos"]
        if len(files) > limit:
            raise ValidationError(
                ngettext(
                    "At most %(limit)d photo can be uploaded at once; %(count)d were chosen.",
                    "At most %(limit)d photos can be uploaded at once; %(count)d were chosen.",
                    limit,
                ),
                code="too_many",
                params={"limit": limit, "count": len(files)},
            )
        errors = []
        check = PhotoValidator()
        for upload in files:
            try:
                super().clean(upload, initial)
                check(upload)
            except ValidationError as error:
                for message in error.messages:
                    errors.append(
                        ValidationError(
                            _("“%(name)s”: %(problem)s"),
                            code="bad_photo",
                            params={"name": display_name(upload.name or ""), "problem": message},
                        )
                    )
        if errors:
            errors.append(
                ValidationError(_("No photo of this upload was saved."), code="none_saved")
            )
            raise ValidationError(errors)
        return files


class AlbumAdminForm(forms.ModelForm):
    new_photos = MultiplePhotoField(
        label=_("Add photos"),
        required=False,
        help_text=_(
            "Choose several photos at once (hold Ctrl, or tap each one on a phone). They are "
            "added after the album's photos; captions and order are set below once saved."
        ),
    )

    class Meta:
        model = Album
        fields = [
            "title",
            "description",
            "cover",
            "article",
            "course",
            "status",
            "published_at",
            "slug",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cover" in self.fields:
            # Only this album's photos (none yet on a new album).
            self.fields["cover"].queryset = Photo.objects.filter(album_id=self.instance.pk or 0)
