// The old path, kept until the domain folders import from '@/lib/approval' (the integrator removes it).
export * from './document/template-utils';
