"""The Excel questionnaire: the blank template out, the filled answers back in."""
