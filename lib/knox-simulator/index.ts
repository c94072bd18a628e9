/** The bundled Knox simulator: core, HTTP handler, standalone server. */
export { type FaultSettings, faultSettingsSchema, NO_FAULTS } from './faults';
export { handleKnoxSimRequest, type KnoxSimHttpDeps, routeKnoxSimRequest } from './http';
export { DEMO_SIM_PEOPLE, type SimPersonInput, seedKnoxSimPeople } from './people';
export {
  type KnoxSimulatorServer,
  type KnoxSimulatorServerOptions,
  startKnoxSimulatorServer,
} from './server';
export {
  type InboxTab,
  KnoxSimulator,
  type KnoxSimulatorOptions,
  type NumberEncoding,
  type SimActionInput,
  type SimDocumentSummary,
  type SimDocumentView,
  type SimLineView,
  type SimResult,
  simActionSchema,
  validateLine,
} from './simulator';
export { type ActAction, allowedActions, currentTurn, type LineState } from './transitions';
