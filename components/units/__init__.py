"""The units' page: the ranking of every unit, and one unit's whole picture."""
