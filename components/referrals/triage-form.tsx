"use client";

import Link from "next/link";
import { Radios } from "@/components/ui/radios";
import { Textarea } from "@/components/ui/textarea";
import { CheckedForm, useCheckedForm } from "@/components/forms/checked-form";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { MeetingSelect } from "@/components/meetings/meeting-select";
import type { Panel } from "@/lib/generated/prisma/enums";
import { triageReferralAction } from "@/lib/referrals/actions";
import type { MeetingChoice } from "@/lib/referrals/data";
import { TRIAGE_OUTCOMES, TRIAGE_OUTCOME_LABELS } from "@/lib/referrals/labels";
import { TRIAGE_FIELDS } from "@/lib/referrals/schema";
import { PANEL_NAMES } from "@/lib/panels/labels";

// The chair's decision, in two steps: the form, then "Check your decision" naming what will
// happen (a consequential action, so never one click; components/ui/check-step). A decision made
// before today can be recorded on its day (lib/history); accepted then, the case may wait for the
// meeting recorded as held after it instead of a meeting chosen here.

const HINTS = {
  ACCEPTED: "The case is added to the end of the meeting's agenda",
  DECLINED: "Give the reason: the referrer reads it",
  MORE_INFO_REQUESTED: "The referral goes back to the referrer, who sees it on their dashboard",
} as const;

export function TriageForm({
  referralId,
  version,
  panel,
  meetings,
  earliest,
}: {
  referralId: string;
  version: number;
  panel: Panel;
  meetings: MeetingChoice[];
  /** The earliest day the decision can have been made, in words, for the date's hint. */
  earliest: string;
}) {
  const form = useCheckedForm(triageReferralAction);
  const { errors, submitted } = form;

  return (
    <CheckedForm
      form={form}
      fields={TRIAGE_FIELDS}
      hidden={{ referralId, version }}
      check={{ title: "Check your decision", confirmLabel: "Confirm decision", changeLabel: "Change decision" }}
      note={<p className="body-m">The decision goes on the case timeline and in the referral&rsquo;s history.</p>}
      aria-labelledby="decide-heading"
    >
      <Radios
        name="outcome"
        legend="Decision"
        legendSize="s"
        items={TRIAGE_OUTCOMES.map((o) => ({ value: o, label: TRIAGE_OUTCOME_LABELS[o], hint: HINTS[o] }))}
        defaultValue={submitted("outcome")}
        error={errors.outcome}
      />
      {meetings.length > 0 ? (
        <MeetingSelect
          id="meetingId"
          label="Meeting to list the case at"
          hint={`Scheduled ${PANEL_NAMES[panel]} meetings, and those being recorded after they were held. Needed to accept, unless the decision was made before today: the case can then wait for the meeting you record as held after it.`}
          meetings={meetings}
          submitted={submitted("meetingId")}
          error={errors.meetingId}
        />
      ) : (
        <div id="meetingId" tabIndex={-1} className="mb-8">
          <p className="body-m font-bold">No {PANEL_NAMES[panel]} meeting is scheduled, so the referral cannot be accepted today.</p>
          <p className="body-m">
            <Link href="/meetings/new">Schedule a meeting</Link>, then come back to accept it. A decision made before today can be accepted
            now with its date: the case then joins the meeting you record as held after it.
          </p>
          {errors.meetingId ? <p className="body-m font-bold text-error">{errors.meetingId[0]}</p> : null}
        </div>
      )}
      <Textarea
        id="note"
        label="Reason or note"
        hint="Needed to decline (the reason) or to ask for more information (what you need). Optional when accepting."
        rows={4}
        defaultValue={submitted("note") ?? ""}
        error={errors.note}
      />
      <HappenedOnField
        what="the decision was made"
        error={errors.happenedOn}
        earliest={earliest}
        defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
      />
    </CheckedForm>
  );
}
