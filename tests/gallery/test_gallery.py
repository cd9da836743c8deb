"""/thu-vien-anh/ (issue 16, part 2): photo albums. Staff upload many photos at once in the
admin; every photo goes through the one picture intake; readers page through an album
without a script."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core.hooks import related_links
from gallery.models import Album, Photo
from news.images import rendition_name
from tests.factories import center_staff, school_staff
from tests.news.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/gallery/album/add/"


def jpeg(size=(1200, 900), color=(30, 120, 60), exif=True):
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "CameraMaker"
        data[0x8825] = {1: "N", 2: (21.0, 30.0, 0.0), 3: "E", 4: (105.0, 55.0, 0.0)}
        kwargs["exif"] = data.tobytes()
    image.save(buffer, "JPEG", **kwargs)
    return buffer.getvalue()


def png(size=(800, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def album(title="Ngày hội đọc sách", photos=0, **values):
    defaults = {
        "title": title,
        "status": Album.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
    }
    defaults.update(values)
    made = Album.objects.create(**defaults)
    for n in range(photos):
        Photo.objects.create(
            album=made,
            image=upload(f"a{n}.jpg", jpeg(size=(400, 300), exif=False)),
            caption=f"Ảnh số {n + 1}",
            position=n + 1,
        )
    return made


def admin_data(**values):
    data = {
        "title": "Hội thi nấu ăn",
        "description": "Chị em các thôn nấu món quê.",
        "cover": "",
        "article": "",
        "course": "",
        "status": "published",
        "published_at_0": timezone.localtime().strftime("%d/%m/%Y"),
        "published_at_1": "07:00:00",
        "slug": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "_save": "1",
    }
    data.update(values)
    return data


def test_the_urls_are_the_fixed_ones():
    assert reverse("gallery:album-list") == "/thu-vien-anh/"
    assert reverse("gallery:album-detail", args=["le-hoi"]) == "/thu-vien-anh/le-hoi/"
    assert reverse("gallery:photo-detail", args=["le-hoi", 2]) == "/thu-vien-anh/le-hoi/2/"


# --- The admin: many photos at once ----------------------------------------------------------


def test_staff_upload_several_photos_at_once(client):
    client.force_login(center_staff(username="canbo-anh"))
    files = [upload("IMG_1.jpg", jpeg()), upload("IMG_2.png", png()), upload("IMG_3.jpg", jpeg())]
    response = client.post(ADD, admin_data(new_photos=files), follow=True)
    assert response.status_code == 200
    made = Album.objects.get()
    photos = list(made.photos.all())
    assert len(photos) == 3
    assert [p.position for p in photos] == [1, 2, 3]
    assert made.created_by.username == "canbo-anh"
    assert all(p.created_by == made.created_by for p in photos)
    # Stayed on the album's page, to caption the photos.
    assert response.redirect_chain[-1][0] == reverse("admin:gallery_album_change", args=[made.pk])
    for photo in photos:
        storage, name = photo.image.storage, photo.image.name
        assert "IMG_" not in name and name.startswith("gallery/") and name.endswith(".jpg")
        with storage.open(name) as fh, Image.open(fh) as stored:
            assert stored.format == "JPEG"
            assert not stored.getexif()  # camera and GPS position gone
        for suffix in ("w360.webp", "w360.jpg", "w720.jpg"):
            assert storage.exists(rendition_name(name, suffix))


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("gia.jpg", b"<html><script>alert(1)</script></html>", "không phải"),
        ("tai-lieu.pdf", b"%PDF-1.4 not a photo", ".pdf"),
        ("rong.jpg", b"", "trống"),
    ],
)
def test_one_bad_file_refuses_the_whole_upload_and_is_named(client, name, data, problem):
    client.force_login(center_staff(username="canbo-anh2"))
    files = [upload("tot.jpg", jpeg()), upload(name, data), upload("tot2.png", png())]
    response = client.post(ADD, admin_data(new_photos=files))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"“{name}”" in html
    assert problem in html.lower()
    assert "Không ảnh nào trong lần tải này được lưu" in html
    assert not Album.objects.exists() and not Photo.objects.exists()


def test_an_oversized_file_is_refused(client, settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "picture": 1}  # megabytes
    client.force_login(center_staff(username="canbo-anh3"))
    small = upload("nho.jpg", jpeg(size=(300, 200)))
    big = upload("lon.jpg", jpeg(size=(300, 200)) + b"\0" * (1024 * 1024))
    response = client.post(ADD, admin_data(new_photos=[small, big]))
    html = response.content.decode()
    assert "“lon.jpg”" in html and "“nho.jpg”" not in html
    assert not Photo.objects.exists()


def test_too_many_files_at_once_are_refused(client, settings):
    settings.UPLOAD_LIMITS = {**settings.UPLOAD_LIMITS, "album_photos": 2}
    client.force_login(center_staff(username="canbo-anh4"))
    files = [upload(f"a{n}.jpg", jpeg(size=(200, 150))) for n in range(3)]
    response = client.post(ADD, admin_data(new_photos=files))
    assert "Mỗi lần chỉ tải được tối đa 2 ảnh" in response.content.decode()
    assert not Album.objects.exists()


def test_photos_are_added_after_the_existing_ones(client):
    made = album(photos=2)
    client.force_login(center_staff(username="canbo-anh5"))
    url = reverse("admin:gallery_album_change", args=[made.pk])
    photos = list(made.photos.all())
    data = admin_data(
        title=made.title,
        slug=made.slug,
        new_photos=[upload("moi.jpg", jpeg(size=(300, 200)))],
        **{
            "photos-TOTAL_FORMS": "2",
            "photos-INITIAL_FORMS": "2",
            "photos-0-id": str(photos[0].pk),
            "photos-0-album": str(made.pk),
            "photos-0-caption": "Ảnh thứ hai",
            "photos-0-alt": "",
            "photos-0-position": "5",
            "photos-1-id": str(photos[1].pk),
            "photos-1-album": str(made.pk),
            "photos-1-caption": "Ảnh đầu",
            "photos-1-alt": "",
            "photos-1-position": "1",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [p.caption for p in made.photos.all()] == ["Ảnh đầu", "Ảnh thứ hai", ""]


def test_school_staff_cannot_edit_albums(client):
    made = album()
    client.force_login(school_staff(username="gv-anh"))
    assert client.get(ADD).status_code == 403
    assert client.get(reverse("admin:gallery_album_change", args=[made.pk])).status_code == 403


def test_renditions_are_made_once():
    made = album(photos=1)
    photo = made.photos.get()
    name = photo.image.name
    storage = photo.image.storage
    before = storage.get_modified_time(rendition_name(name, "w360.jpg"))
    photo.caption = "Chú thích mới"
    photo.save()
    assert photo.image.name == name
    assert storage.get_modified_time(rendition_name(name, "w360.jpg")) == before


# --- Public pages ----------------------------------------------------------------------------


def test_the_list_shows_published_albums_with_cover_and_count(client):
    album("Lớp tin học cho người cao tuổi", photos=3)
    album("Bản nháp", status=Album.Status.DRAFT)
    album("Sắp đăng", published_at=timezone.now() + datetime.timedelta(days=1))
    html = client.get("/thu-vien-anh/").content.decode()
    assert "Lớp tin học cho người cao tuổi" in html
    assert "3 ảnh" in html
    assert 'loading="lazy"' in html and "-w360.webp" in html
    assert "Bản nháp" not in html and "Sắp đăng" not in html


def test_the_album_shows_photos_in_order_with_captions_lazily(client):
    made = album(photos=3)
    first = made.photos.get(position=1)
    first.position = 9
    first.save()
    html = client.get(made.get_absolute_url()).content.decode()
    assert html.index("Ảnh số 2") < html.index("Ảnh số 3") < html.index("Ảnh số 1")
    assert html.count('loading="lazy"') == 3
    assert 'width="400" height="300"' in html
    assert 'alt="Ảnh số 2"' in html  # the caption when no description was written
    assert f'href="{made.get_absolute_url()}1/"' in html


def test_a_photo_page_has_previous_and_next(client):
    made = album(photos=3)
    html = client.get(f"{made.get_absolute_url()}2/").content.decode()
    assert "Ảnh 2 / 3" in html
    assert f'rel="prev" href="{made.get_absolute_url()}1/"' in html
    assert f'rel="next" href="{made.get_absolute_url()}3/"' in html
    last = client.get(f"{made.get_absolute_url()}3/").content.decode()
    assert 'rel="next"' not in last


@pytest.mark.parametrize(
    "path",
    ["0/", "4/", "-1/", "abc/", "1.5/", "９/", "9" * 50 + "/", "%00/", "1%0a/"],
)
def test_a_bad_photo_number_is_a_404(client, path):
    made = album(photos=3)
    assert client.get(made.get_absolute_url() + path).status_code == 404


@pytest.mark.parametrize(
    "slug", ["khong-co", "x" * 500, "%3Cscript%3E", "..%2F..", "%C0%AF", "ng%C3%A0y"]
)
def test_a_bad_slug_is_a_404(client, slug):
    album(photos=1)
    assert client.get(f"/thu-vien-anh/{slug}/").status_code == 404
    assert client.get(f"/thu-vien-anh/{slug}/1/").status_code == 404


def test_unpublished_and_scheduled_albums_are_404(client):
    draft = album("Nháp", status=Album.Status.DRAFT, photos=1)
    later = album("Sau", published_at=timezone.now() + datetime.timedelta(days=1), photos=1)
    for made in (draft, later):
        assert client.get(made.get_absolute_url()).status_code == 404
        assert client.get(f"{made.get_absolute_url()}1/").status_code == 404


def test_a_post_is_refused(client):
    made = album(photos=1)
    assert client.post(made.get_absolute_url()).status_code == 405
    assert client.post(f"{made.get_absolute_url()}1/").status_code == 405
    assert client.post("/thu-vien-anh/").status_code == 405


def test_a_bad_page_number_shows_a_page(client):
    album(photos=1)
    for page in ("abc", "0", "99999", "9" * 5000):
        assert client.get("/thu-vien-anh/", {"page": page}).status_code == 200


def test_query_count_stays_flat_as_photos_grow(client):
    made = album(photos=2)
    for n in range(3):
        album(f"Album {n}", photos=2)

    def queries(path):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx)

    few_detail, few_list = queries(made.get_absolute_url()), queries("/thu-vien-anh/")
    for n in range(6):
        Photo.objects.create(
            album=made, image=upload("x.jpg", jpeg(size=(200, 150))), position=10 + n
        )
    for n in range(4):
        album(f"Thêm {n}", photos=1)
    assert queries(made.get_absolute_url()) == few_detail
    assert queries("/thu-vien-anh/") == few_list


def test_the_album_links_to_its_article_and_the_article_to_its_album(client):
    article = ArticleFactory(title="Ngày hội đọc sách ở xã")
    made = album("Ảnh ngày hội đọc sách", article=article, photos=1)
    assert article.get_absolute_url() in client.get(made.get_absolute_url()).content.decode()
    article_html = client.get(article.get_absolute_url()).content.decode()
    assert made.get_absolute_url() in article_html
    assert related_links(article) == [(made.title, made.get_absolute_url())]
    # A draft album is not linked.
    made.status = Album.Status.DRAFT
    made.save()
    assert made.get_absolute_url() not in client.get(article.get_absolute_url()).content.decode()


def test_an_unpublished_article_is_not_linked_from_the_album(client):
    article = ArticleFactory(title="Bài chưa đăng", status="draft")
    made = album(article=article, photos=1)
    assert "Bài chưa đăng" not in client.get(made.get_absolute_url()).content.decode()


def test_the_site_search_finds_albums_without_accents(client):
    album("Hội thi nấu ăn của Hội Phụ nữ", description="Món bánh quê", photos=1)
    made = Album.objects.get()
    html = client.get("/tim-kiem/", {"q": "nau an"}).content.decode()
    assert made.get_absolute_url() in html


def test_a_scheduled_album_is_the_next_change():
    from gallery.selectors import next_change

    now = timezone.now()
    when = now + datetime.timedelta(days=2)
    album("Sắp đăng", published_at=when)
    assert next_change(now) == when


def test_a_saved_photo_or_album_shows_at_once_on_cached_pages(client):
    made = album(photos=1)
    assert "Chú thích mới" not in client.get(made.get_absolute_url()).content.decode()
    photo = made.photos.get()
    photo.caption = "Chú thích mới"
    photo.save()
    assert "Chú thích mới" in client.get(made.get_absolute_url()).content.decode()
    made.title = "Tên album mới"
    made.save()
    assert "Tên album mới" in client.get("/thu-vien-anh/").content.decode()


@pytest.mark.parametrize("demo", ["tien-tan", "tien-hai"])
def test_the_demo_albums_are_made_once_with_their_photos(demo):
    from gallery import demo as gallery_demo

    out = io.StringIO()
    gallery_demo.load(out, demo)
    gallery_demo.load(out, demo)  # idempotent
    expected = gallery_demo.ALBUMS[demo]
    assert Album.objects.count() == len(expected)
    assert Photo.objects.count() == sum(len(photos) for *_, photos in expected)
    assert all(album.is_published() for album in Album.objects.all())


def test_the_cover_must_be_a_photo_of_the_album_and_bad_input_changes_nothing(client):
    other = album("Album khác", photos=1)
    made = album(photos=1)
    client.force_login(center_staff(username="canbo-anh6"))
    url = reverse("admin:gallery_album_change", args=[made.pk])
    for values in (
        {"cover": str(other.photos.get().pk)},
        {"cover": "abc"},
        {"title": "x" * 5000},
        {"title": ""},
        {"article": "999999"},
    ):
        data = admin_data(slug=made.slug, **{"title": made.title, **values})
        response = client.post(url, data)
        assert response.status_code == 200, values
        assert "errornote" in response.content.decode(), values
    made.refresh_from_db()
    assert made.cover_id is None and made.title == "Ngày hội đọc sách"
