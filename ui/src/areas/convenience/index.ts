// Convenience services (便民服务): mail and parcels, storage, lending. One chunk, loaded when first opened.
export { MailScreen, StorageScreen, LendingScreen } from './ConvenienceScreens';
