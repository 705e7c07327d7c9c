export { ConnectionGate } from './ConnectionGate';
export { ConnectionChooser } from './ConnectionChooser';
export { ConnectionCard } from './ConnectionCard';
export { ConnectionFooter } from './ConnectionFooter';
