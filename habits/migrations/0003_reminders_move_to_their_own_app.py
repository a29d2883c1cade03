from django.db import migrations

MOVED = ("reminderschedule", "reminderdelivery", "pushsubscription")


def move_content_types(apps, schema_editor, source="habits", target="reminders"):
    # Permissions and admin history point at content types: they follow the models.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="reminders", target="habits")


class Migration(migrations.Migration):

    dependencies = [
        ('habits', '0002_tips_and_reminders'),
        ('reminders', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # Reminders moved to the reminders app (its 0001_initial takes them over); their tables
        # stay as they are, with every row.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='reminderdelivery',
                    name='schedule',
                ),
                migrations.RemoveField(
                    model_name='reminderdelivery',
                    name='snoozed_from',
                ),
                migrations.RemoveField(
                    model_name='reminderdelivery',
                    name='tip',
                ),
                migrations.RemoveField(
                    model_name='reminderdelivery',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='reminderschedule',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='PushSubscription',
                ),
                migrations.DeleteModel(
                    name='ReminderDelivery',
                ),
                migrations.DeleteModel(
                    name='ReminderSchedule',
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
