import pytest

from core.html import sanitize_html

XSS = [
    '<script>alert("x")</script>',
    '<img src="/media/a.jpg" onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{display:none}</style>",
    '<object data="x.swf"></object>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("payload", XSS)
def test_no_script_survives(payload):
    cleaned = sanitize_html(payload).lower()
    for bad in (
        "<script",
        "javascript:",
        "onerror",
        "<iframe",
        "<style",
        "<svg",
        "<object",
        "<form",
        "data:text",
        "style=",
    ):
        assert bad not in cleaned


def test_editor_formatting_is_kept():
    html = (
        "<h2>Lịch học</h2><p><strong>Đậm</strong> <em>nghiêng</em></p>"
        "<ul><li>Một</li></ul><ol><li>Hai</li></ol>"
        '<p><a href="https://tientan.edu.vn/x">liên kết</a> <a href="tel:0226385">gọi</a> '
        '<a href="mailto:a@b.vn">thư</a></p>'
        '<table><tbody><tr><th>Lớp</th><td colspan="2">Mộc</td></tr></tbody></table>'
        '<p><img src="/media/news/2025/01/a.jpg" alt="Lớp học" width="640" height="480"></p>'
    )
    cleaned = sanitize_html(html)
    for kept in (
        "<h2>Lịch học</h2>",
        "<strong>Đậm</strong>",
        "<em>nghiêng</em>",
        "<li>Một</li>",
        'href="https://tientan.edu.vn/x"',
        'href="tel:0226385"',
        'href="mailto:a@b.vn"',
        "<table>",
        'colspan="2"',
        'src="/media/news/2025/01/a.jpg"',
        'alt="Lớp học"',
    ):
        assert kept in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_an_image_address_copied_from_the_admin_keeps_only_its_path():
    cleaned = sanitize_html('<img src="https://tthtcd.example.vn/media/news/a.jpg" alt="Lớp">')
    assert '<img src="/media/news/a.jpg" alt="Lớp" loading="lazy">' in cleaned
    assert "src" not in sanitize_html('<img src="/static/../media/x.jpg">')


def test_images_from_other_sites_are_dropped():
    cleaned = sanitize_html(
        '<img src="https://tracker.example/pixel.gif"><img src="//x.example/a.png">'
    )
    assert "tracker.example" not in cleaned
    assert "x.example" not in cleaned


def test_empty_editor_content_is_empty():
    assert sanitize_html("<p></p>") == ""
    assert sanitize_html("") == ""


# What the editor's "insert picture" button puts in a text (static/js/rich-text-editor.js).
INSERTED = (
    '<figure class="figure"><img src="/media/pictures/2026/01/3f2a.jpg" alt="Lớp học"'
    ' width="1080" height="720" data-file="7" style="border:9px" onload="alert(1)">'
    '<figcaption class="figure-caption">Buổi học đầu tiên</figcaption></figure>'
)


def test_a_picture_inserted_with_the_editor_is_kept_with_what_it_needs():
    assert sanitize_html(INSERTED) == (
        '<figure><img src="/media/pictures/2026/01/3f2a.jpg" alt="Lớp học" width="1080"'
        ' height="720" loading="lazy">'
        "<figcaption>Buổi học đầu tiên</figcaption></figure>"
    )


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.jpg",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)//.jpg",
        "/static/img/logo.png",
        "/media/disclosures/2025/09/bieu-mau.pdf",
        "/media/../etc/passwd.jpg",
        "/media/pictures/a.svg",
        "/tin-tuc/bai-viet/?anh=/media/a.jpg",
    ],
)
def test_pictures_from_anywhere_but_our_uploads_lose_their_address(src):
    cleaned = sanitize_html(f'<figure><img src="{src}" alt="Ảnh"></figure>')
    assert "src=" not in cleaned


S3 = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "tientan",
            "custom_domain": "media.tientan.example.vn",
            "location": "tthtcd",
            "querystring_auth": False,
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_with_uploads_in_object_storage_only_its_own_addresses_are_kept(settings):
    settings.STORAGES = S3
    ours = "https://media.tientan.example.vn/tthtcd/pictures/2026/01/3f2a.jpg"
    assert f'src="{ours}"' in sanitize_html(f'<img src="{ours}" alt="Lớp">')
    for foreign in (
        "http://media.tientan.example.vn/tthtcd/pictures/2026/01/3f2a.jpg",
        "https://media.tientan.example.vn/other-center/a.jpg",
        "https://media.tientan.example.vn.evil.example/tthtcd/a.jpg",
        "/media/pictures/2026/01/3f2a.jpg",
    ):
        assert "src=" not in sanitize_html(f'<img src="{foreign}" alt="Lớp">'), foreign
