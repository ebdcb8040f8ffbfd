"""Public administrative services: the procedures published, the dossiers handled, the service index."""
