import { describe, expect, it } from 'vitest';
import { particle, withParticle } from './particle';

describe('Korean particles', () => {
  it('read numbers the Korean way', () => {
    expect(withParticle(2, '이/가')).toBe('2가'); // 이
    expect(withParticle(3, '이/가')).toBe('3이'); // 삼
    expect(withParticle(1, '을/를')).toBe('1을'); // 일
    expect(withParticle(4, '은/는')).toBe('4는'); // 사
    expect(withParticle(6, '과/와')).toBe('6과'); // 육
    expect(withParticle(9, '이/가')).toBe('9가'); // 구
    expect(withParticle(0, '이/가')).toBe('0이'); // 영
    expect(withParticle(10, '이/가')).toBe('10이'); // 십
    expect(withParticle(100, '을/를')).toBe('100을'); // 백
    expect(withParticle(1000, '은/는')).toBe('1000은'); // 천
    expect(withParticle(20000, '이/가')).toBe('20000이'); // 만
    expect(withParticle(1_000_000_000_000, '이/가')).toBe('1000000000000가'); // 조
    expect(withParticle('#12', '을/를')).toBe('#12를'); // 이
  });

  it('takes 로 after ㄹ and a vowel, 으로 after another consonant', () => {
    expect(withParticle(1, '으로/로')).toBe('1로'); // 일
    expect(withParticle(7, '으로/로')).toBe('7로'); // 칠
    expect(withParticle(3, '으로/로')).toBe('3으로'); // 삼
    expect(withParticle(2, '으로/로')).toBe('2로'); // 이
    expect(withParticle('서울', '으로/로')).toBe('서울로');
    expect(withParticle('정규업체', '으로/로')).toBe('정규업체로');
    expect(withParticle('승인됨', '으로/로')).toBe('승인됨으로');
  });

  it('reads Hangul words by their last syllable, past closing brackets', () => {
    expect(withParticle('정규업체 등록', '이/가')).toBe('정규업체 등록이');
    expect(withParticle('결재 양식', '을/를')).toBe('결재 양식을');
    expect(withParticle('거래정지', '을/를')).toBe('거래정지를');
    expect(withParticle('(주)한빛정밀', '과/와')).toBe('(주)한빛정밀과');
    expect(particle('「대성테크」', '은/는')).toBe('는');
  });

  it('reads Latin letters by their names', () => {
    expect(withParticle('A2001', '으로/로')).toBe('A2001로');
    expect(withParticle('PQ', '이/가')).toBe('PQ가'); // 큐
    expect(withParticle('URL', '을/를')).toBe('URL을'); // 엘
    expect(withParticle('URL', '으로/로')).toBe('URL로');
    expect(withParticle('PDF', '은/는')).toBe('PDF는'); // 에프
  });

  it('writes both forms when it cannot tell', () => {
    expect(particle('', '이/가')).toBe('이(가)');
    expect(particle('★', '을/를')).toBe('을(를)');
    expect(particle('★', '으로/로')).toBe('(으)로');
  });
});
