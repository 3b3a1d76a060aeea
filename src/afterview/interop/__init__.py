"""Interoperability: calendar (ICS), contact cards (vCard) and CSV, each import safe."""
