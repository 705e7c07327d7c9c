// The leasing desk area (listings, prospects, partner agencies, matching): one chunk, loaded when first opened.
export { ListingsScreen } from './ListingsScreen';
export { ListingScreen } from './ListingScreen';
export { ProspectsScreen } from './ProspectsScreen';
export { ProspectScreen } from './ProspectScreen';
export { AgenciesScreen } from './AgenciesScreen';
export { AgencyScreen } from './AgencyScreen';
export * from './referrals';
