# Every Renja is written in one code scheme (set for older ones by 0003). A migration of its
# own: PostgreSQL refuses to alter a table in the transaction that has just updated its rows.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('perencanaan', '0003_skema_kode'),
    ]

    operations = [
        migrations.AddField(
            model_name='renja',
            name='nomenklatur',
            field=models.ForeignKey(blank=True, help_text='Versi nomenklatur nasional yang menjadi acuan pemeriksaan kode dan nama.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='renja', to='perencanaan.nomenklaturversi'),
        ),
        migrations.AlterField(
            model_name='renja',
            name='skema',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='renja', to='perencanaan.skemakode'),
        ),
    ]
