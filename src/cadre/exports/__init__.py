"""What an edition publishes beside its pages: open data (api/v1 JSON, CSV, schemas), PDF documents, Atom feeds."""
