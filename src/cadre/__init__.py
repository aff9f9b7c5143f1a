"""Cadre commun des projets de e-santé: the domain (model, loading, validation, enrichment), free of MkDocs."""

from cadre.loading.knowledge import InvalidEdition, KnowledgeBase, load_knowledge_base

__all__ = ["InvalidEdition", "KnowledgeBase", "load_knowledge_base"]
