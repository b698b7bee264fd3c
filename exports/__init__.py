"""The export room: moving approved content into the live portal database.

Holds the portal schema, rendering (Markdown -> sanitised HTML), planning, applying and verifying
exports, and their ledger. It imports ``models`` only; services in ``console`` call it and pass what
it needs. (Built by the export issue; the workflow's ``publish`` transition is reserved for it.)
"""
