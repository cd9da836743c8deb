"""The self-assessment's configuration, put back after a flush (`load_demo` runs `load`).

The TT 25/2023 checklist and the TT 44/2014 result are configuration, not demo content: the
migration that created the tables (disclosures 0005) added them; a flush empties them.
"""

from assessment.models import Indicator, LegacyAssessmentResult
from assessment.seed import ensure_indicators, ensure_legacy_results


def load(stdout, demo="tien-tan"):
    ensure_indicators(Indicator)  # the national checklist, shared by every center
    if demo != "tien-tan":  # the TT 44/2014 result is the seed's center's own history
        stdout.write("assessment: self-assessment checklist in place")
        return
    ensure_legacy_results(LegacyAssessmentResult)
    stdout.write("assessment: self-assessment checklist and TT 44/2014 result in place")
