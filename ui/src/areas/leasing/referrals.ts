// The leasing desk's referral pipeline, viewings calendar, signing and reminders.
export { ReferralsScreen } from './ReferralsScreen';
export { ReferralDrawer, StageTag } from './ReferralDrawer';
export { SignDialog } from './SignDialog';
export { ViewingsScreen } from './ViewingsScreen';
export { LeasingRemindersScreen } from './LeasingRemindersScreen';
export { OwnerLeasesCard } from './OwnerLeasesCard';
