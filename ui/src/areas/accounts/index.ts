/** The accounts area after sign-in (one chunk, loaded on first use). */
export { AuditScreen } from './AuditScreen';
export { SettingsScreen } from './SettingsScreen';
export { StaffScreen } from './StaffScreen';
