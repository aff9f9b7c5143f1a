"""Sub-commands of the `cadre` CLI, one module each."""
