"""Qt-free domain: records, the follow-up playbook, business-day and time-zone arithmetic."""
