// The leasing desk area (referrals, listings, prospects, partner agencies, viewings, reminders): one chunk, loaded when first opened.
export { ListingsScreen } from './ListingsScreen';
export { ListingScreen } from './ListingScreen';
export { ProspectsScreen } from './ProspectsScreen';
export { ProspectScreen } from './ProspectScreen';
export { AgenciesScreen } from './AgenciesScreen';
export { AgencyScreen } from './AgencyScreen';
export * from './referrals';
