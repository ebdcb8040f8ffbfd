"""What the presentation mode's slides show, as one value read in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data_access.documents import DocumentFigures
from data_access.meeting_figures import MeetingFigures
from data_access.meetings import MeetingLoad
from data_access.overview import OverviewFigures
from data_access.periods import Period
from data_access.point_figures import PointFigures
from data_access.tasks import UnitLoad


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
