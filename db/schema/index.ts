export * from './agents';
export * from './audit';
export * from './knox/approvals';
export * from './knox/pending-actions';
export * from './knox-simulator';
export * from './system';
export * from './users';
export * from './vendors';
