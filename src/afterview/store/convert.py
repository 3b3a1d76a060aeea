"""Rows to the domain's immutable records, for the playbook to read."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from afterview.domain import records as r
from afterview.domain.applications import Application, Outcome, Stage
from afterview.domain.steps import StepState
from afterview.store.application_models import ApplicationRow
from afterview.store.contact_way_rows import ways_of
from afterview.store.models import (
    ContactRow,
    InterviewRow,
    ReferenceRow,
    ReferralLeadRow,
    StepRow,
)


def contact(row: ContactRow) -> r.Contact:
    ways = ways_of(row)
    return r.Contact(
        id=row.id,
        name=row.name,
        title=row.title,
        company=row.company,
        salutation=row.salutation,
        family_name=row.family_name,
        emails=ways.emails,
        phones=ways.phones,
        addresses=ways.addresses,
        chosen_email=ways.chosen_email,
        chosen_phone=ways.chosen_phone,
        chosen_address=ways.chosen_address,
        preferred_channel=r.Channel(row.preferred_channel) if row.preferred_channel else None,
        notes=row.notes,
        key=row.key,
        sample=row.sample,
        version=row.version,
    )


def reference(row: ReferenceRow) -> r.Reference:
    return r.Reference(
        id=row.id,
        name=row.name,
        relationship=row.relation,
        email=row.email,
        phone=row.phone,
        permission_date=row.permission_date,
        key=row.key,
        sample=row.sample,
        version=row.version,
    )


def referral(row: ReferralLeadRow) -> r.Referral:
    return r.Referral(
        id=row.id, name=row.name, email=row.email, phone=row.phone, note=row.note, key=row.key
    )


def interview(row: InterviewRow) -> r.Interview:
    debrief = row.debrief
    return r.Interview(
        id=row.id,
        company=row.company,
        position=row.position,
        start=row.start.astimezone(ZoneInfo(row.time_zone)),
        time_zone=row.time_zone,
        duration_minutes=row.duration_minutes,
        round=row.round,
        format=r.Format(row.format),
        location=row.location,
        country=row.country,
        region=row.region,
        status=r.Status(row.status),
        status_changed_at=row.status_changed_at,
        decision_expected=row.decision_expected,
        decided_by=row.decided_by,
        employer_will_contact=row.employer_will_contact,
        agreed_follow_up=row.agreed_follow_up,
        people=tuple(r.Participation(contact(p.contact), r.Role(p.role)) for p in row.people),
        references=tuple(reference(link.reference) for link in row.reference_links),
        referrals=tuple(referral(lead) for lead in row.referrals),
        debrief=r.Debrief(
            learned=debrief.learned,
            significant_points=debrief.significant_points,
            open_questions=debrief.open_questions,
            strong_points=debrief.strong_points,
            to_improve=debrief.to_improve,
            thank_you_topic=debrief.thank_you_topic,
        )
        if debrief is not None
        else r.Debrief(),
        key=row.key,
        sample=row.sample,
        version=row.version,
        debrief_version=debrief.version if debrief is not None else 0,
        application_id=row.application_id,
    )


def application(row: ApplicationRow) -> Application:
    return Application(
        id=row.id,
        company=row.company,
        position=row.position,
        source=row.source,
        applied_on=row.applied_on,
        link=row.link,
        posting=row.posting,
        stage=Stage(row.stage),
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_detail=row.outcome_detail,
        key=row.key,
        sample=row.sample,
        version=row.version,
    )


def step_state(row: StepRow) -> StepState:
    return StepState(
        id=row.id,
        key=row.key,
        kind=r.StepKind(row.kind),
        status=r.StepStatus(row.status),
        planned_due=row.planned_due,
        due_override=row.due_override,
        snoozed_until=row.snoozed_until,
        done_at=row.done_at,
        auto_done=row.auto_done,
    )
