/**
 * Test support: the poller's lease coordinator, which the public index does not export (only the
 * scheduler built on it), so lease tests can elect and release slots in an exact order.
 */
export { createLeaseCoordinator, POLLER_LEASE_MS } from '../poller/lease';
