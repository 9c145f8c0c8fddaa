"""Reading the Excel questionnaire back: the workbook's layout (shared with the writer, ``iso9001assess.xlsx``),
its cells as answer values, and errors located by sheet and cell."""
