"""Organization and Person, moved here from disclosures with their tables (issue 13)."""

import core.uploads
import core.validators
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from core.app_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables exist from there (and the rows staff made).
        ("disclosures", "0011_merge_spelling_and_search"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [
        # Taken over from disclosures with their tables: state only, no SQL.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Organization',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                        ('short_name', models.CharField(help_text='Shown where space is short, e.g. THCS.', max_length=60, verbose_name='short name')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='slug')),
                        ('kind', models.CharField(choices=[('school', 'Lower-secondary school'), ('center', 'Community learning center')], help_text='Decides which articles of TT 09/2024 the organization must publish.', max_length=10, verbose_name='kind')),
                        ('staff_group', models.CharField(blank=True, choices=[('Cán bộ trung tâm', 'Cán bộ trung tâm'), ('Cán bộ nhà trường', 'Cán bộ nhà trường')], help_text="Members of this group add and change this organization's documents.", max_length=150, verbose_name='staff group')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                        ('address', models.CharField(blank=True, help_text='Where people come to, e.g. “Nhà văn hóa xã Tiên Tân, xóm 3”.', max_length=300, verbose_name='address')),
                        ('phone', models.CharField(blank=True, help_text='The office number people may call, e.g. 0226 3851 234.', max_length=40, validators=[core.validators.validate_public_phone], verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('contact_is_example', models.BooleanField(default=False, help_text='Ticked when the phone and e-mail above were made up for the demo. Public pages then mark them “Example”; posters, loudspeaker scripts and the yearly report leave them out. It clears itself when you type the real phone or e-mail.', verbose_name='phone and e-mail are examples')),
                        ('office_hours', models.TextField(blank=True, help_text='When someone answers, e.g. “Monday to Friday, 7:30–11:30 and 13:30–17:00”.', verbose_name='office hours')),
                        ('directions', models.TextField(blank=True, help_text='In words a visitor can follow: landmarks, the road, where to park.', verbose_name='how to get there')),
                        ('map_url', models.URLField(blank=True, help_text='Optional: the address of the place on openstreetmap.org (find the place, then copy the address bar). The page only links to it; it embeds no map.', max_length=500, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='map link')),
                        ('introduction', models.TextField(blank=True, help_text='A few lines saying who you are and what you do, shown first.', verbose_name='introduction')),
                        ('functions', models.TextField(blank=True, help_text='As set by the regulation on organization and operation.', verbose_name='functions, tasks and powers')),
                        ('history', models.TextField(blank=True, help_text='A short account of how the organization was founded and grew.', verbose_name='formation and development')),
                        ('chart', core.uploads.UploadImageField(blank=True, help_text='Optional: a photo or drawing of the organization chart (JPEG, PNG, WebP).', upload_to=core.uploads.DatedUploadTo('to-chuc'), validators=[core.uploads.ContentTypeValidator(('jpg', 'png', 'webp'), max_bytes='picture')], verbose_name='organization chart')),
                        ('chart_description', models.TextField(blank=True, help_text='Who reports to whom, in a few lines: read aloud to readers who cannot see the picture, and shown when there is no picture.', verbose_name='organization chart in words')),
                    ],
                    options={
                        'verbose_name': 'organization',
                        'verbose_name_plural': 'organizations',
                        'db_table': 'disclosures_organization',
                        'ordering': ['position', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Person',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('full_name', models.CharField(max_length=120, verbose_name='full name')),
                        ('position', models.CharField(help_text='At the center, e.g. Giám đốc, Phó Giám đốc, Cán bộ, Kế toán.', max_length=120, verbose_name='job title')),
                        ('concurrent_post', models.CharField(blank=True, help_text='The post held alongside, for leaders who serve concurrently, e.g. Phó Chủ tịch UBND xã.', max_length=200, verbose_name='main post')),
                        ('is_board', models.BooleanField(default=False, help_text='Tick for the director and deputy directors.', verbose_name='board of directors')),
                        ('duties', models.TextField(blank=True, help_text='What this person is in charge of, one duty a line.', verbose_name='duties')),
                        ('phone', models.CharField(blank=True, help_text='Only a number the person agrees to publish; leave empty otherwise.', max_length=40, validators=[core.validators.validate_public_phone], verbose_name='public phone')),
                        ('email', models.EmailField(blank=True, help_text='Only an address the person agrees to publish; leave empty otherwise.', max_length=254, verbose_name='public e-mail')),
                        ('photo', core.uploads.UploadImageField(blank=True, help_text='Optional. Made small and stripped of camera data (GPS) on upload.', upload_to=core.uploads.DatedUploadTo('can-bo'), validators=[core.uploads.ContentTypeValidator(('jpg', 'png', 'webp'), max_bytes='picture')], verbose_name='photo')),
                        ('order', models.PositiveSmallIntegerField(default=0, help_text='Smaller numbers come first.', verbose_name='order')),
                        ('is_example', models.BooleanField(default=False, help_text='Ticked on people the demo made up. Public pages mark them “Example”; posters, loudspeaker scripts and the yearly report leave them out. It clears itself when you type the real name, phone or e-mail.', verbose_name='example (demo)')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='people', to='organizations.organization', verbose_name='organization')),
                    ],
                    options={
                        'verbose_name': 'board member or staff',
                        'verbose_name_plural': 'board of directors and staff',
                        'db_table': 'disclosures_person',
                        'ordering': ['organization', '-is_board', 'order', 'full_name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('full_name', ''), _negated=True), models.Q(('position', ''), _negated=True)), name='person_has_name_and_position', violation_error_message="Give the person's name and position.")],
                    },
                ),
            ],
        ),
        # Group permissions and the admin's history follow the models.
        move_content_types("disclosures", "organizations", ["organization", "person"]),
    ]
