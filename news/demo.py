"""Demo news for `manage.py load_demo`: for the seed's center (Tiên Tân), the seed article in
full, the "Xem thêm" items of the page it came from, and a few current notices; for the
second demo center (Tiên Hải), a few invented items of its own. Idempotent: articles are
found by their title, compared without accents (a title an earlier demo spelled otherwise is
respelled)."""

import datetime
import io
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

from core.text import fold
from news.models import Article, Category
from news.seed import ensure_categories

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEED_TITLE = "Trung tâm học tập cộng đồng xã Tiên Tân điểm sáng xây dựng xã hội học tập"
AUTHOR = "TTHTCĐ xã Tiên Tân"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def seed_body() -> str:
    """The seed article's paragraphs as HTML: "* ..." lines become headings, "Một là:" ...
    lead-ins bold, the closing signature right-aligned text is dropped (it is the byline)."""
    paragraphs = (Path(__file__).parent / "demo_content" / "seed-article.txt").read_text(
        encoding="utf-8"
    )
    html = []
    for line in paragraphs.splitlines():
        line = line.strip()
        if not line or line == "TTHTCĐ Xã Tiên Tân":
            continue
        if line.startswith("*"):
            html.append(f"<h2>{escape(line.lstrip('* ').rstrip(':'))}</h2>")
        elif ":" in line[:10]:
            lead, rest = line.split(":", 1)
            html.append(f"<p><strong>{escape(lead)}:</strong>{escape(rest)}</p>")
        else:
            html.append(f"<p>{escape(line)}</p>")
    return "\n".join(html)


def cover(text: str, colour: str) -> ContentFile:
    """A simple generated cover photo (the demo has no real photographs)."""
    image = Image.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(image)
    for y in range(0, 900, 6):  # a soft vertical gradient
        draw.line([(0, y), (1600, y)], fill=tuple(max(0, c - y // 12) for c in colour))
    font = ImageFont.truetype(str(FONT), 64) if FONT.exists() else ImageFont.load_default(64)
    draw.multiline_text((90, 620), text, font=font, fill="white", spacing=12)
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    return ContentFile(buf.getvalue(), name="demo.jpg")


def at(year, month, day, hour=8):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=TZ)


def tien_tan_items(now):
    return [
        {
            "title": SEED_TITLE,
            "category": "tin-tuc-su-kien",
            "summary": (
                "Từ năm học 2012 đến 2019, Trung tâm học tập cộng đồng xã Tiên Tân đã mở 50 lớp "
                "với 3.554 lượt học viên, góp phần nâng cao dân trí và xây dựng xã hội học tập."
            ),
            "body": seed_body(),
            "published_at": at(2019, 11, 15),
            "cover": ("Trung tâm học tập cộng đồng\nxã Tiên Tân", (11, 93, 59)),
            "cover_alt": "Trung tâm học tập cộng đồng xã Tiên Tân",
        },
        {
            "title": "Lễ khai giảng năm học 2016-2017 trường THCS Tiên Tân",
            "category": "tin-tuc-su-kien",
            "summary": "Thầy và trò trường THCS Tiên Tân khai giảng năm học mới 2016-2017.",
            "body": "<p>Sáng ngày 05/09/2016, trường THCS Tiên Tân long trọng tổ chức lễ khai "
            "giảng năm học 2016-2017.</p>",
            "published_at": at(2016, 9, 5),
            "cover": ("Khai giảng\nnăm học 2016-2017", (150, 40, 40)),
            "cover_alt": "Lễ khai giảng năm học 2016-2017",
        },
        {
            "title": "Đại hội chi bộ trường THCS Tiên Tân nhiệm kỳ 2018-2020",
            "category": "tin-tuc-su-kien",
            "summary": "Chi bộ trường THCS Tiên Tân tổ chức đại hội nhiệm kỳ 2018-2020.",
            "body": "<p>Chi bộ trường THCS Tiên Tân tổ chức đại hội nhiệm kỳ 2018-2020.</p>",
            "published_at": at(2017, 10, 20),
        },
        {
            "title": "Clip học sinh 9A khóa 2008-2012",
            "category": "video-clip",
            "summary": "Kỷ niệm của học sinh lớp 9A khóa 2008-2012 trường THCS Tiên Tân.",
            "body": "<p>Clip kỷ niệm của học sinh lớp 9A khóa 2008-2012.</p>",
            "published_at": at(2012, 6, 1),
        },
        {
            "title": "Clip phỏng vấn mô hình trường học mới",
            "category": "video-clip",
            "summary": "Phỏng vấn giáo viên và học sinh về mô hình trường học mới (VNEN).",
            "body": "<p>Giáo viên và học sinh chia sẻ về mô hình trường học mới.</p>",
            "published_at": at(2015, 3, 10),
        },
        {
            "title": "Bài giảng Vật lý 6 VNEN",
            "category": "bai-giang",
            "summary": "Bài giảng Vật lý lớp 6 theo mô hình trường học mới VNEN.",
            "body": "<p>Bài giảng Vật lý lớp 6 theo mô hình trường học mới (VNEN).</p>",
            "published_at": at(2015, 2, 2),
        },
        {
            "title": "Thông báo tuyển sinh lớp tin học cơ bản cho người lớn tuổi",
            "category": "thong-bao",
            "summary": "Trung tâm nhận đăng ký lớp tin học cơ bản: dùng điện thoại, Zalo, tra cứu "
            "thông tin. Đăng ký tại trang Lớp học hoặc tại nhà văn hóa xã.",
            "body": "<p>Trung tâm học tập cộng đồng xã Tiên Tân thông báo nhận đăng ký lớp "
            "<strong>tin học cơ bản cho người lớn tuổi</strong>: sử dụng điện thoại thông minh, "
            "Zalo, tra cứu thông tin trên mạng an toàn.</p><ul><li>Địa điểm: nhà văn hóa xã."
            "</li><li>Học phí: miễn phí.</li><li>Đăng ký: tại trang Lớp học của cổng thông tin "
            "hoặc gặp cán bộ trung tâm.</li></ul>",
            "published_at": now - datetime.timedelta(days=3),
            "expires_at": now + datetime.timedelta(days=60),
            "pinned": True,
        },
        {
            "title": "Thông báo lịch tập huấn kỹ thuật chăm sóc lúa vụ Xuân",
            "category": "thong-bao",
            "summary": "Tập huấn kỹ thuật sử dụng phân bón và chăm sóc lúa vụ Xuân tại hội trường "
            "UBND xã.",
            "body": "<p>Trung tâm phối hợp với Hội Nông dân xã tổ chức tập huấn kỹ thuật sử dụng "
            "phân bón và chăm sóc lúa vụ Xuân. Kính mời bà con tham dự.</p>",
            "published_at": now - datetime.timedelta(days=1),
            "expires_at": now + datetime.timedelta(days=30),
            "pinned": True,
        },
        {
            "title": "Hoạt động văn hóa, văn nghệ chào mừng ngày Nhà giáo Việt Nam 20/11",
            "category": "hoat-dong-tthtcd",
            "summary": "Các xóm, cơ quan, trường học tham gia liên hoan văn nghệ tại trung tâm xã.",
            "body": "<p>Trung tâm tổ chức liên hoan văn nghệ chào mừng ngày Nhà giáo Việt Nam, "
            "với sự tham gia của các xóm, cơ quan và trường học trong xã.</p>",
            "published_at": now - datetime.timedelta(days=9),
        },
    ]


def tien_hai_items(now):
    """The second demo center's news: invented, and short, so it is told apart at a glance."""
    return [
        {
            "title": "Thông báo mở lớp tin học cho hội viên phụ nữ xã Tiên Hải",
            "category": "thong-bao",
            "summary": "Lớp tin học miễn phí: dùng điện thoại thông minh, chuyển tiền an toàn, "
            "nhận biết tin nhắn lừa đảo. Đăng ký tại trang Lớp học.",
            "body": "<p>Trung tâm học tập cộng đồng xã Tiên Hải phối hợp với Hội Liên hiệp "
            "Phụ nữ xã mở <strong>lớp tin học cho hội viên phụ nữ</strong> tại nhà văn hóa "
            "thôn Đông. Kính mời bà con đăng ký.</p>",
            "published_at": now - datetime.timedelta(days=2),
            "expires_at": now + datetime.timedelta(days=45),
            "pinned": True,
        },
        {
            "title": "Xã Tiên Hải ra mắt tủ sách cộng đồng tại nhà văn hóa thôn Tây",
            "category": "hoat-dong-tthtcd",
            "summary": "Hơn 300 đầu sách do bà con và nhà trường góp tặng, mở cửa mỗi tối "
            "Thứ Bảy và Chủ nhật.",
            "body": "<p>Tủ sách cộng đồng của xã Tiên Hải đặt tại nhà văn hóa thôn Tây, mở cửa "
            "tối Thứ Bảy và Chủ nhật hằng tuần.</p>",
            "published_at": now - datetime.timedelta(days=6),
            "cover": ("Tủ sách cộng đồng\nxã Tiên Hải", (30, 70, 140)),
            "cover_alt": "Tủ sách cộng đồng xã Tiên Hải",
        },
        {
            "title": "Tập huấn kỹ thuật trồng nấm rơm cho bà con xã Tiên Hải",
            "category": "tin-tuc-su-kien",
            "summary": "Gần 40 bà con các thôn học cách ủ rơm, cấy giống và chăm sóc nấm.",
            "body": "<p>Trung tâm phối hợp với Trạm Khuyến nông tổ chức tập huấn kỹ thuật "
            "trồng nấm rơm tại nhà văn hóa thôn Nam.</p>",
            "published_at": now - datetime.timedelta(days=20),
        },
    ]


DEMOS = {"tien-tan": (tien_tan_items, AUTHOR), "tien-hai": (tien_hai_items, "TTHTCĐ xã Tiên Hải")}


def load(stdout, demo="tien-tan"):
    ensure_categories(Category)
    categories = {c.slug: c for c in Category.objects.all()}
    published = Article.Status.PUBLISHED
    items_of, author = DEMOS[demo]
    items = items_of(timezone.now())
    created = 0
    for item in items:
        item = dict(item)
        category = categories[item.pop("category")]
        picture = item.pop("cover", None)
        article = Article.objects.filter(title__fold=fold(item["title"])).first()
        was_created = article is None
        if article is not None and article.title != item["title"]:
            article.title = item["title"]
            article.save()
        if was_created:
            article = Article.objects.create(
                **item, category=category, status=published, byline=author
            )
            created += 1
            if picture:
                text, colour = picture
                article.cover = cover(text, colour)
                article.save()
    stdout.write(f"news: {created} article(s) created, {Article.objects.count()} in total")
