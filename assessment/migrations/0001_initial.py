"""The TT 25/2023 self-assessment, moved here from disclosures with its tables (issue 13)."""

import core.uploads
import disclosures.validators
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.app_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # The tables exist from there (and the rows staff made).
        ("disclosures", "0012_organizations_moved"),
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
                    name='Indicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(help_text='As in the circular, e.g. 1.2.', max_length=10, unique=True, verbose_name='code')),
                        ('criterion', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(20)], verbose_name='criterion number')),
                        ('criterion_title', models.CharField(max_length=300, verbose_name='criterion')),
                        ('wording', models.TextField(help_text='The indicator as the circular words it.', verbose_name='wording')),
                        ('wording_status', models.CharField(choices=[('official', 'Checked against the official text'), ('summary', 'From a summary: check against the official text'), ('missing', 'Not found: enter it from the official text')], default='missing', help_text='Choose “checked against the official text” only after comparing the wording with the circular itself. Other wordings are marked on the checklist and the printout.', max_length=10, verbose_name='source of the wording')),
                        ('applies_to', models.CharField(choices=[('both', 'Levels 1 and 2'), ('1', 'Level 1 only'), ('2', 'Level 2 only')], default='both', max_length=4, verbose_name='applies to')),
                        ('threshold_level1', models.CharField(blank=True, help_text='Leave empty when the wording says it all.', max_length=300, verbose_name='requirement at level 1')),
                        ('threshold_level2', models.CharField(blank=True, help_text='Only when level 2 asks more than level 1. Staff can then answer “meets level 1 only”.', max_length=300, verbose_name='higher requirement at level 2')),
                        ('source', models.CharField(default='Thông tư 25/2023/TT-BGDĐT', max_length=300, verbose_name='source')),
                        ('evidence_key', models.CharField(blank=True, choices=[('', 'None: staff enter the answer and attach the evidence'), ('classes-held', 'Classes held in the year'), ('plan-and-report', "The center's yearly plan and report published"), ('lifelong-week', 'Activities of the lifelong-learning week')], default='', help_text="The portal's own records that support this indicator, if any.", max_length=20, verbose_name='portal check')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                        ('is_active', models.BooleanField(default=True, help_text='Untick instead of deleting an indicator that past assessments answered.', verbose_name='in use')),
                    ],
                    options={
                        'verbose_name': 'self-assessment indicator',
                        'verbose_name_plural': 'self-assessment indicators',
                        'db_table': 'disclosures_indicator',
                        'ordering': ['criterion', 'order', 'code'],
                    },
                ),
                migrations.CreateModel(
                    name='LegacyAssessmentResult',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('scheme', models.CharField(default='Thông tư 44/2014/TT-BGDĐT', max_length=100, verbose_name='scheme')),
                        ('year', models.PositiveSmallIntegerField(blank=True, help_text='Leave empty when the source does not say.', null=True, validators=[django.core.validators.MinValueValidator(2014), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('period', models.CharField(blank=True, help_text='When the year is not known, what the source allows, e.g. 2015–2019.', max_length=100, verbose_name='period')),
                        ('points', models.DecimalField(decimal_places=1, max_digits=4, verbose_name='points')),
                        ('max_points', models.PositiveSmallIntegerField(default=100, verbose_name='out of')),
                        ('classification', models.CharField(blank=True, help_text='As the decision states it (e.g. Tốt). Leave empty when the source is silent.', max_length=50, verbose_name='classification')),
                        ('assessed_by', models.CharField(blank=True, max_length=200, verbose_name='assessed by')),
                        ('source_note', models.TextField(help_text='Where the result is written.', verbose_name='source')),
                    ],
                    options={
                        'verbose_name': 'result under TT 44/2014',
                        'verbose_name_plural': 'results under TT 44/2014',
                        'db_table': 'disclosures_legacyassessmentresult',
                        'ordering': [models.OrderBy(models.F('year'), descending=True, nulls_last=True), '-points'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('points__gte', 0), ('points__lte', models.F('max_points'))), name='legacyresult_points_in_range', violation_error_message='The points lie between 0 and the maximum.')],
                    },
                ),
                migrations.CreateModel(
                    name='SelfAssessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('year', models.PositiveSmallIntegerField(help_text='The calendar year assessed: its figures run from 1 January to 31 December.', unique=True, validators=[django.core.validators.MinValueValidator(2024), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('target_level', models.PositiveSmallIntegerField(choices=[(1, 'Level 1 (Khá)'), (2, 'Level 2 (Tốt)')], default=1, verbose_name='level sought')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('final', 'Final')], default='draft', max_length=10, verbose_name='status')),
                        ('week_start', models.DateField(blank=True, help_text='Empty: 1 October. Change it when the province set other dates.', null=True, verbose_name='lifelong-learning week from')),
                        ('week_end', models.DateField(blank=True, help_text='Empty: 7 October.', null=True, verbose_name='lifelong-learning week to')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                    ],
                    options={
                        'verbose_name': 'learning-community self-assessment',
                        'verbose_name_plural': 'learning-community self-assessments',
                        'db_table': 'disclosures_selfassessment',
                        'ordering': ['-year'],
                    },
                ),
                migrations.CreateModel(
                    name='IndicatorAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('result', models.CharField(choices=[('unknown', 'Not assessed yet'), ('no', 'Not met'), ('level1', 'Meets level 1 only'), ('yes', 'Met')], default='unknown', max_length=8, verbose_name='result')),
                        ('note', models.TextField(blank=True, help_text='What shows it: figures, documents, decisions.', verbose_name='note')),
                        ('evidence_file', core.uploads.UploadFileField(blank=True, help_text='PDF, Word, Excel, ODT/ODS or a JPEG/PNG scan.', max_length=200, upload_to=core.uploads.DatedUploadTo('tu-danh-gia'), validators=[disclosures.validators.validate_document_file], verbose_name='evidence file')),
                        ('evidence_file_type', models.CharField(blank=True, editable=False, max_length=8)),
                        ('evidence_file_size', models.PositiveBigIntegerField(default=0, editable=False)),
                        ('evidence_link', models.URLField(blank=True, help_text='A page that shows it, e.g. a news article or a disclosure on this site.', max_length=500, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='evidence link')),
                        ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='assessment.indicator', verbose_name='indicator')),
                        ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='assessment.selfassessment', verbose_name='self-assessment')),
                    ],
                    options={
                        'verbose_name': 'indicator answer',
                        'verbose_name_plural': 'indicator answers',
                        'db_table': 'disclosures_indicatoranswer',
                        'ordering': ['assessment', 'indicator__criterion', 'indicator__order', 'indicator__code'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='selfassessment',
                    constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2024), ('year__lte', 2100)), name='selfassessment_year_in_range', violation_error_message='TT 25/2023 assesses the years from 2024.'),
                ),
                migrations.AddConstraint(
                    model_name='selfassessment',
                    constraint=models.CheckConstraint(condition=models.Q(('target_level__in', [1, 2])), name='selfassessment_level_1_or_2', violation_error_message='The level is 1 or 2.'),
                ),
                migrations.AddConstraint(
                    model_name='selfassessment',
                    constraint=models.CheckConstraint(condition=models.Q(('week_start__isnull', True), ('week_end__isnull', True), ('week_end__gte', models.F('week_start')), _connector='OR'), name='selfassessment_week_in_order', violation_error_message='The week cannot end before it starts.'),
                ),
                migrations.AddConstraint(
                    model_name='indicatoranswer',
                    constraint=models.UniqueConstraint(fields=('assessment', 'indicator'), name='indicatoranswer_one_per_indicator', violation_error_message='This indicator is already answered for that year.'),
                ),
            ],
        ),
        # Group permissions and the admin's history follow the models.
        move_content_types(
            "disclosures",
            "assessment",
            ["indicator", "selfassessment", "indicatoranswer", "legacyassessmentresult"],
        ),
    ]
