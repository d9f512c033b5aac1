"use client";

import { Radios } from "@/components/ui/radios";
import { Textarea } from "@/components/ui/textarea";
import { CheckedForm, useCheckedForm } from "@/components/forms/checked-form";
import type { Panel } from "@/lib/generated/prisma/enums";
import { cancelMeetingAction } from "@/lib/meetings/actions";
import { CANCEL_FIELDS, CANCEL_REASON_MAX } from "@/lib/meetings/schema";
import { MeetingSelect } from "./meeting-select";

type OtherMeeting = { id: string; reference: string; startsAt: Date; agendaItems: number };

/**
 * The chair cancels a scheduled meeting: the reason, what happens to the cases on its agenda (moved
 * to another scheduled meeting, or the referrals back to the triage queue), then a check step that
 * names what will happen (components/ui/check-step).
 */
export function CancelMeetingForm({
  meetingId,
  version,
  panel,
  items,
  otherMeetings,
}: {
  meetingId: string;
  version: number;
  panel: Panel;
  items: number;
  otherMeetings: OtherMeeting[];
}) {
  const form = useCheckedForm(cancelMeetingAction);
  const { errors, submitted } = form;
  const choices = [
    ...(otherMeetings.length > 0
      ? [
          {
            value: "MOVE",
            label: "Move them to another scheduled meeting",
            hint: "They join the end of its agenda in the same order. Accepted referrals stay accepted.",
          },
        ]
      : []),
    {
      value: "RETURN",
      label: "Return the referrals to the triage queue",
      hint: "Each referral is decided on again. Cases listed for review come off the agenda; those still due for review are offered when the next meeting is scheduled.",
    },
  ];
  return (
    <CheckedForm
      form={form}
      fields={CANCEL_FIELDS}
      hidden={{ meetingId, version }}
      check={{
        title: "Check before you cancel the meeting",
        confirmLabel: "Cancel the meeting",
        confirmVariant: "warning",
        changeLabel: "Change",
      }}
      note={
        <p className="body-m">
          A cancelled meeting cannot be started, run or closed, and this cannot be undone. Its agenda stays as a record; each case on it
          gets an entry on its timeline.
        </p>
      }
    >
      <Textarea
        id="reason"
        label="Why is the meeting cancelled?"
        labelSize="s"
        hint="Panel members read it in the meetings list and on each case's timeline. Do not include personal details: it is also kept in the audit trail."
        rows={3}
        maxLength={CANCEL_REASON_MAX}
        defaultValue={submitted("reason") ?? ""}
        error={errors.reason}
      />
      {items > 0 ? (
        <>
          <Radios
            name="agenda"
            legend={`What happens to the ${items === 1 ? "case" : `${items} cases`} on its agenda?`}
            legendSize="s"
            hint={
              otherMeetings.length === 0
                ? `No other ${panel} meeting is scheduled. To move the cases instead, schedule one first.`
                : undefined
            }
            items={choices}
            defaultValue={submitted("agenda")}
            error={errors.agenda}
          />
          {otherMeetings.length > 0 ? (
            <MeetingSelect
              id="moveToMeetingId"
              label="Meeting to move the cases to"
              hint={`Scheduled ${panel} meetings. Needed to move the cases.`}
              meetings={otherMeetings}
              submitted={submitted("moveToMeetingId")}
              error={errors.moveToMeetingId}
            />
          ) : null}
        </>
      ) : null}
    </CheckedForm>
  );
}
