"""What the presentation mode's slides show, as one value read in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data_access.documents.figures import DocumentFigures
from data_access.meetings.figures import MeetingFigures
from data_access.meetings.load import MeetingLoad
from data_access.overview.figures import OverviewFigures
from data_access.core.periods import Period
from data_access.points.figures import PointFigures
from data_access.tasks.figures import UnitLoad


@dataclass(frozen=True)
class ShowFigures:
    read_at: dt.datetime
    overview: OverviewFigures
    units: list[UnitLoad]  # lead units by open overdue tasks, all tasks
    documents: DocumentFigures
    meetings: MeetingFigures
    meeting_load: MeetingLoad
    meeting_load_before: MeetingLoad
    points: PointFigures
    month: Period
    before: Period
