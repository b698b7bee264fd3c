"""Services: every use case, and the only way anything is written.

Each write service opens one transaction, checks permission, writes its rows and one audit event,
and raises a typed :class:`console.errors.ConsoleError` a person can read. Read-only helpers live
in :mod:`console.services.queries`.
"""
