"""Programme scale: results from files, batch runs, comparisons, portfolio summaries, the demo."""
