"""The public-services page: procedures, dossiers, units with late dossiers, the service index; its drill-downs."""
