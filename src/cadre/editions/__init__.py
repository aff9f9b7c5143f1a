"""Editions side by side: which editions the data holds, what changed between two (`diff`), each entity's history,
and the scaffold of the next edition."""
