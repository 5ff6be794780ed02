import { uniformInteger } from '../distributions';
import { createStream } from '../random';
import {
  DAY_SECONDS,
  DEMO_DAYS,
  HOUR_SECONDS,
  MINUTE_SECONDS,
  coversMinuteEndingAt,
  type DemoTimeline,
  type TimeWindow,
} from '../timeline';

export const MEMBER_CLUSTERS = ['member1', 'member2', 'member3'] as const;
export type MemberCluster = (typeof MEMBER_CLUSTERS)[number];

/** A time a member cluster reads NotReady: in the samples of the minutes that end inside `window`. */
export interface NotReadySpell {
  member: MemberCluster;
  window: TimeWindow;
  /** Karmada cannot reach the cluster at all, rather than seeing failed health checks now and then. */
  unreachable: boolean;
}

const SINGLE_MINUTE_BLIPS = 2;

/**
 * When each member cluster is NotReady: member2 through its outage, member3 flapping, and a few
 * single-minute blips drawn from the seed. Drawn over the full demo span whatever span is generated, so
 * a shorter data set has the same spells as the end of the full one.
 */
export function notReadySpells(timeline: DemoTimeline, seed: number): NotReadySpell[] {
  const random = createStream(seed, 'karmada-readiness-schedule');
  const { member2Unreachable, member3Flapping } = timeline.incidents;
  const spells: NotReadySpell[] = [{ member: 'member2', window: member2Unreachable, unreachable: true }];

  let flapStart = member3Flapping.start + uniformInteger(random, 0, 5) * MINUTE_SECONDS;
  while (flapStart < member3Flapping.end) {
    const flapEnd = Math.min(member3Flapping.end, flapStart + uniformInteger(random, 1, 3) * MINUTE_SECONDS);
    spells.push({ member: 'member3', window: { start: flapStart, end: flapEnd }, unreachable: false });
    flapStart += uniformInteger(random, 10, 20) * MINUTE_SECONDS;
  }

  const incidents = Object.values(timeline.incidents);
  const earliest = timeline.end - DEMO_DAYS * DAY_SECONDS + DAY_SECONDS;
  const latest = timeline.end - DAY_SECONDS;
  let blips = 0;
  while (blips < SINGLE_MINUTE_BLIPS) {
    const start = earliest + uniformInteger(random, 0, (latest - earliest) / MINUTE_SECONDS) * MINUTE_SECONDS;
    const nearAnIncident = incidents.some(
      (incident) => start > incident.start - 2 * HOUR_SECONDS && start < incident.end + 2 * HOUR_SECONDS
    );
    if (nearAnIncident) {
      continue;
    }
    const member = MEMBER_CLUSTERS[uniformInteger(random, 0, MEMBER_CLUSTERS.length - 1)];
    spells.push({ member, window: { start, end: start + MINUTE_SECONDS }, unreachable: false });
    blips++;
  }
  return spells;
}

/** The spell `member` is in at the sample at `sampleTime`, if any. */
export function spellAt(
  spells: readonly NotReadySpell[],
  member: MemberCluster,
  sampleTime: number
): NotReadySpell | undefined {
  return spells.find((spell) => spell.member === member && coversMinuteEndingAt(spell.window, sampleTime));
}
