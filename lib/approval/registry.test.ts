import { describe, expect, it } from 'vitest';
import { getActionHandler, getRegisteredHandlers, registerActionHandler } from './registry';

describe('action handler registry', () => {
  it('takes a plain function as execute with risk HIGH', () => {
    registerActionHandler('test_registry_plain', async () => 'ok');
    expect(getRegisteredHandlers()).toContainEqual({ actionType: 'test_registry_plain', risk: 'HIGH' });
    expect(typeof getActionHandler('test_registry_plain')?.execute).toBe('function');
  });

  it('keeps risk and title of a handler object', () => {
    registerActionHandler('test_registry_object', { execute: () => 1, risk: 'CRITICAL', title: '거래정지' });
    expect(getRegisteredHandlers()).toContainEqual({
      actionType: 'test_registry_object',
      risk: 'CRITICAL',
      title: '거래정지',
    });
  });

  it('refuses to register a type twice', () => {
    registerActionHandler('test_registry_twice', () => 1);
    expect(() => registerActionHandler('test_registry_twice', () => 2)).toThrow(/already registered/);
  });

  it('refuses malformed types and handlers without execute', () => {
    expect(() => registerActionHandler('Bad Type', () => 1)).toThrow(TypeError);
    expect(() => registerActionHandler('test_registry_noexec', {} as never)).toThrow(TypeError);
  });
});
