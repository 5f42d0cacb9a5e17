export { discoverPersonas, placePinned, type Discovery, type DiscoveredPersona, type DiscoverOptions } from './discover.service.js';
export { assignPersonas, refreshProfiles, type Assignment } from './assign.service.js';
export { listPersonas, getPersona, renamePersona, pinPersona, listPersonaMembers, type PersonaView, type PersonaList, type PersonaMembersPage } from './personas.service.js';
export { findCustomerPersona, type CustomerPersona } from './persona-members.repo.js';
export { compareGroupDrift, personaShifts, type DriftGroup, type DriftReport, type DriftAttribute, type PersonaShift } from './drift.service.js';
export { cohensD, cramersV, totalVariationDistance, compareCategorical, flagShifts } from './drift.js';
export { adjustedRandIndex, silhouetteScore } from './cluster-quality.js';
export type { PersonaProfile } from './persona-profile.repo.js';
export type { Period } from './drift.repo.js';
