"""Letters: templates, checks, and the ways a letter leaves (PDF, printer, mail draft)."""
