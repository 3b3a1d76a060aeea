"""The main window (Qt)."""
