"""Publishing editions as versions of the site: the MkDocs engine called in-process, one commit per publication on
gh-pages, the local preview server, the plain docs folder, and the link checker of a built site."""
