import type { TFunction } from 'i18next';
import type { ApiError, ReferralRow, ReferralStage } from '../../lib/backend';
import { toApiError, VOCABULARIES } from '../../lib/backend';

/** The stages of the referral pipeline, as the core's vocabulary lists them. */
export const REFERRAL_STAGES: readonly ReferralStage[] = VOCABULARIES.referral_stage as readonly ReferralStage[];
/** The stages that end a referral with a reason. */
export const CLOSED_STAGES: readonly ReferralStage[] = ['withdrawn', 'lost'];
/** The board's main columns: every stage but withdrawn and lost (shown on demand). */
export const BOARD_STAGES: readonly ReferralStage[] = REFERRAL_STAGES.filter((s) => !CLOSED_STAGES.includes(s));

export const STAGE_COLORS: Record<ReferralStage, string> = {
  referred: 'default',
  viewing_scheduled: 'blue',
  viewed: 'cyan',
  offer: 'gold',
  signed: 'green',
  withdrawn: 'default',
  lost: 'red',
};

const OPEN: readonly ReferralStage[] = ['referred', 'viewing_scheduled', 'viewed', 'offer'];

export function isOpenStage(stage: ReferralStage): boolean {
  return OPEN.includes(stage);
}

/**
 * The stages a referral may be moved to by hand (the core's rule, for offering buttons only:
 * the core decides): one step forward, or withdrawn / lost; signed only by signing.
 */
export function nextStages(stage: ReferralStage): ReferralStage[] {
  const index = OPEN.indexOf(stage);
  if (index < 0) return [];
  const forward = OPEN[index + 1];
  return [...(forward ? [forward] : []), 'withdrawn', 'lost'];
}

/** Whether a move to this stage needs a reason. */
export function needsReason(stage: ReferralStage): boolean {
  return CLOSED_STAGES.includes(stage);
}

/** Whole days since the referral entered its current stage. */
export function daysInStage(row: Pick<ReferralRow, 'stage_since'>, now: Date = new Date()): number {
  const since = new Date(row.stage_since).getTime();
  if (Number.isNaN(since)) return 0;
  return Math.max(0, Math.floor((now.getTime() - since) / 86_400_000));
}

/**
 * The reason a refusal gives, translated: the field reasons (catalog keys) of a validation
 * error, else the core's own (already translated) message, else the code's text.
 */
export function refusalText(reason: unknown, t: TFunction): string {
  const error: ApiError = toApiError(reason);
  const fieldReasons = Object.values(error.fields ?? {}).map((key) => t(String(key)));
  if (error.code === 'validation' && fieldReasons.length) return fieldReasons.join(' ');
  if (error.code === 'conflict') return t('error.conflict');
  return error.message || t(`error.${error.code}`);
}
