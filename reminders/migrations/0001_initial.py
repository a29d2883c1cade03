import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('habits', '0002_tips_and_reminders'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The models and their tables came from the habits app: only Django's idea of where
        # they live changes. The tables keep their names (db_table), so no row is copied.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PushSubscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('endpoint', models.URLField(max_length=1000, unique=True)),
                        ('p256dh', models.CharField(max_length=200)),
                        ('auth', models.CharField(max_length=100)),
                        ('user_agent', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('last_success_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='push_subscriptions', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'habits_pushsubscription',
                    },
                ),
                migrations.CreateModel(
                    name='ReminderSchedule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('purpose', models.CharField(choices=[('log_day', 'Log my day'), ('exercises', 'Do my exercises'), ('tip', 'A tip for my back')], max_length=20)),
                        ('times', models.JSONField(default=list)),
                        ('weekdays', models.JSONField(default=list)),
                        ('channel', models.CharField(choices=[('push', 'Notification on my phone'), ('email', 'Email'), ('both', 'Both')], default='push', max_length=10)),
                        ('skip_if_logged', models.BooleanField(default=False)),
                        ('enabled', models.BooleanField(default=True)),
                        ('next_slot_at', models.DateTimeField(blank=True, null=True)),
                        ('next_fire_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminder_schedules', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'habits_reminderschedule',
                        'ordering': ('purpose', 'id'),
                    },
                ),
                migrations.CreateModel(
                    name='ReminderDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('purpose', models.CharField(choices=[('log_day', 'Log my day'), ('exercises', 'Do my exercises'), ('tip', 'A tip for my back'), ('test', 'Test reminder')], max_length=20)),
                        ('channel', models.CharField(choices=[('push', 'Notification on my phone'), ('email', 'Email'), ('both', 'Both')], max_length=10)),
                        ('slot_at', models.DateTimeField()),
                        ('due_at', models.DateTimeField()),
                        ('state', models.CharField(choices=[('pending', 'Waiting'), ('sending', 'Sending'), ('sent', 'Sent'), ('skipped', 'Skipped'), ('missed', 'Missed'), ('failed', 'Could not be sent')], default='pending', max_length=10)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('retry_at', models.DateTimeField(blank=True, null=True)),
                        ('enqueued_at', models.DateTimeField(blank=True, null=True)),
                        ('lease_until', models.DateTimeField(blank=True, null=True)),
                        ('title', models.CharField(blank=True, max_length=120)),
                        ('body', models.TextField(blank=True)),
                        ('url', models.CharField(blank=True, max_length=200)),
                        ('detail', models.CharField(blank=True, max_length=30)),
                        ('pushed_at', models.DateTimeField(blank=True, null=True)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('shown_at', models.DateTimeField(blank=True, null=True)),
                        ('opened_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('snoozed_from', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='snoozed_to', to='reminders.reminderdelivery')),
                        ('tip', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='habits.tip')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminder_deliveries', to=settings.AUTH_USER_MODEL)),
                        ('schedule', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reminders.reminderschedule')),
                    ],
                    options={
                        'db_table': 'habits_reminderdelivery',
                        'ordering': ('-due_at', '-id'),
                    },
                ),
                migrations.AddIndex(
                    model_name='reminderschedule',
                    index=models.Index(condition=models.Q(('enabled', True), ('next_fire_at__isnull', False)), fields=['next_fire_at'], name='schedule_due_idx'),
                ),
                migrations.AddIndex(
                    model_name='reminderdelivery',
                    index=models.Index(condition=models.Q(('state__in', ('pending', 'sending'))), fields=['due_at'], name='delivery_open_idx'),
                ),
                migrations.AddIndex(
                    model_name='reminderdelivery',
                    index=models.Index(fields=['user', '-due_at'], name='delivery_inbox_idx'),
                ),
                migrations.AddConstraint(
                    model_name='reminderdelivery',
                    constraint=models.UniqueConstraint(condition=models.Q(('snoozed_from__isnull', True)), fields=('schedule', 'slot_at'), name='one_delivery_per_schedule_slot'),
                ),
            ],
            database_operations=[],
        ),
    ]
