"""Demo albums for the demo centers: photos drawn with Pillow (no picture files in the repo),
through the same intake as an upload (re-encoded, renditions made once)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from classes.models import Course
from gallery.models import Album, Photo
from news.models import Article

# (slug, title, description, [(caption, colours)]) per demo center.
ALBUMS = {
    "tien-tan": [
        (
            "ngay-hoi-doc-sach-2025",
            "Ngày hội đọc sách 2025",
            "Bà con và các cháu thiếu nhi cùng đọc sách, đổi sách tại nhà văn hóa xã.",
            [
                ("Các cháu thiếu nhi đọc truyện tranh", ("#2e7d32", "#fdd835")),
                ("Góc đổi sách cũ lấy sách mới", ("#1565c0", "#ffb300")),
                ("Cán bộ thư viện giới thiệu sách nông nghiệp", ("#6a1b9a", "#80deea")),
            ],
        ),
        (
            "lop-tin-hoc-cho-nguoi-cao-tuoi",
            "Lớp tin học cho người cao tuổi",
            "Các cụ tập dùng điện thoại thông minh: gọi video, đọc tin tức, nhận thông báo của xã.",
            [
                ("Cụ ông tập gọi video cho con cháu", ("#00695c", "#ffcc80")),
                ("Giáo viên hướng dẫn từng người", ("#283593", "#a5d6a7")),
            ],
        ),
    ],
    "tien-hai": [
        (
            "hoi-thi-nau-an-phu-nu",
            "Hội thi nấu ăn của Hội Phụ nữ",
            "Chị em các thôn trổ tài nấu món ăn quê hương.",
            [
                ("Đội thôn Đông chuẩn bị món bánh", ("#c62828", "#fff59d")),
                ("Ban giám khảo chấm điểm", ("#4e342e", "#b3e5fc")),
            ],
        ),
    ],
}


def drawn_photo(caption, colours, number):
    """A small JPEG: two colour bands and a sun, enough to look like a picture."""
    sky, field = colours
    image = Image.new("RGB", (960, 640), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 400, 960, 640], fill=field)
    draw.ellipse([700 - number * 40, 80, 820 - number * 40, 200], fill="#fffde7")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")


def load(stdout, demo="tien-tan"):
    article = Article.objects.published().first()
    course = Course.objects.published().first()
    for index, (slug, title, description, photos) in enumerate(ALBUMS.get(demo, [])):
        album, created = Album.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "status": Album.Status.PUBLISHED,
                "published_at": timezone.now() - datetime.timedelta(days=7 * (index + 1)),
                "article": article if index == 0 else None,
                "course": course if index == 1 else None,
            },
        )
        if not created:
            continue
        for position, (caption, colours) in enumerate(photos, start=1):
            Photo.objects.create(
                album=album,
                image=drawn_photo(caption, colours, position),
                caption=caption,
                position=position,
            )
    stdout.write(f"Photo albums: {Album.objects.count()}")
