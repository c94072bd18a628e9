import { describe, expect, it } from 'vitest';
import { userFieldProblem } from './user-fields';

describe('userFieldProblem', () => {
  it('accepts a plain name of up to 50 characters and an https image or none', () => {
    expect(userFieldProblem({ name: '김구매' })).toBeNull();
    expect(userFieldProblem({ name: '가'.repeat(50) })).toBeNull();
    expect(userFieldProblem({ image: 'https://cdn.example.com/a.png' })).toBeNull();
    expect(userFieldProblem({ image: null })).toBeNull();
    expect(userFieldProblem({})).toBeNull();
  });

  it.each([
    ['a\u0000b'],
    ['a\nb'],
    ['a\tb'],
    ['a\u007fb'],
    ['a\u202eb'],
    ['a\u200bb'],
    ['가'.repeat(51)],
    ['x'.repeat(200_000)],
    [''],
    ['   '],
    [42],
  ])('refuses the name %j', (name) => {
    expect(userFieldProblem({ name })).toMatch(/이름/);
  });

  it.each([
    'javascript:alert(1)',
    'http://cdn.example.com/a.png',
    'data:image/png;base64,AAAA',
    'https://user:pw@cdn.example.com/a.png',
    '//cdn.example.com/a.png',
    'https://cdn.example.com/a\u0000.png',
  ])('refuses the image %j', (image) => {
    expect(userFieldProblem({ image })).toMatch(/https/);
  });
});
