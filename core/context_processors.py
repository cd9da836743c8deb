from django.conf import settings


def site(request):
    """The center's name and public contact details, for the header and footer."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_CONTACT": settings.SITE_CONTACT}
