"""Notifier backends behind one small interface, tried in order."""
