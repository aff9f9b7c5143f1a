"""Loading an edition: YAML files read with positions, typed into the model, checked for meaning, enriched into a
`KnowledgeBase` (backlinks, audiences). Every problem becomes a located `DataError`; nothing raises on bad data."""
