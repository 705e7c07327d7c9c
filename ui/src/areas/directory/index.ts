/** The directory area: customers and units (one chunk, loaded on first use). */
export { CustomerScreen } from './CustomerScreen';
export { CustomersScreen } from './CustomersScreen';
export { UnitsScreen } from './UnitsScreen';
