export { EntityIacCard } from './EntityIacCard';
