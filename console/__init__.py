"""The application core: configuration, database, services, permissions, calendar, text and the CLI."""
