// The service menus area: its screens are one chunk, loaded when first opened.
export { CatalogScreen } from './CatalogScreen';
export { PackagesScreen } from './PackagesScreen';
export { PackageScreen } from './PackageScreen';
export { StatementsScreen } from './StatementsScreen';
