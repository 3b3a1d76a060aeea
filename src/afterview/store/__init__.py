"""Qt-free storage: SQLAlchemy models, safe opening, migrations, backups, and the queries."""
