from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="roleassignment",
            name="acts_on_subordinates",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Khi bật, vai trò này được thao tác trên hồ sơ của mọi đơn vị trực thuộc; "
                    "khi tắt, chỉ được xem."
                ),
                verbose_name="xử lý hồ sơ của đơn vị cấp dưới",
            ),
        ),
    ]
