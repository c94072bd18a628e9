/**
 * Korean particles after an interpolated word or number: `버전 2가`, `버전 3이`, `작업 #7을`,
 * `A2001로`. The choice depends on how the last syllable is read aloud, so numbers are read the
 * Korean way (1 일, 10 십, 100 백, 10000 만) and Latin letters by their names (L 엘, M 엠).
 */

export type ParticlePair = '이/가' | '을/를' | '은/는' | '과/와' | '으로/로';

/** How a word ends when read aloud: no final consonant, final ㄹ, or another final consonant. */
type Ending = 'vowel' | 'rieul' | 'consonant';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL = 8;

/** 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구. */
const DIGIT_ENDINGS: readonly Ending[] = [
  'consonant',
  'rieul',
  'vowel',
  'consonant',
  'vowel',
  'vowel',
  'consonant',
  'rieul',
  'rieul',
  'vowel',
];

/** Read as letters: 엘, 알 end in ㄹ; 엠, 엔 in another consonant; the rest in a vowel. */
const LETTER_ENDINGS: Readonly<Record<string, Ending>> = {
  L: 'rieul',
  R: 'rieul',
  M: 'consonant',
  N: 'consonant',
};

/** The unit a number ending in zeros is read with last: 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ), 억 (ㄱ), 조. */
function zerosEnding(zeros: number): Ending {
  if (zeros >= 12) return 'vowel';
  return 'consonant';
}

function endingOf(text: string): Ending | null {
  // Closing brackets and quotes are not read: `(주)한빛정밀」` ends with 밀.
  const trimmed = text.replace(/[\s)\]}'"」』’”>.]+$/u, '');
  const digits = /(\d+)$/.exec(trimmed)?.[1];
  if (digits) {
    const value = digits.replace(/^0+(?=\d)/, '');
    const zeros = /0*$/.exec(value)![0].length;
    if (zeros === 0 || value === '0') return DIGIT_ENDINGS[Number(value.at(-1))]!;
    return zerosEnding(zeros);
  }
  const last = trimmed.at(-1);
  if (!last) return null;
  const code = last.codePointAt(0)!;
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const final = (code - HANGUL_FIRST) % 28;
    if (final === 0) return 'vowel';
    return final === RIEUL ? 'rieul' : 'consonant';
  }
  if (/[a-z]/i.test(last)) return LETTER_ENDINGS[last.toUpperCase()] ?? 'vowel';
  return null;
}

/**
 * The particle of `pair` that follows `word`; both forms (`이(가)`) when the ending cannot be read,
 * which is how Korean software writes it.
 */
export function particle(word: string | number, pair: ParticlePair): string {
  const [withConsonant, withVowel] = pair.split('/') as [string, string];
  const ending = endingOf(String(word));
  if (ending === null) {
    return pair === '으로/로' ? '(으)로' : `${withConsonant}(${withVowel})`;
  }
  // ㄹ takes 로 like a vowel does: 서울로, 1로 (일로).
  if (pair === '으로/로') return ending === 'consonant' ? withConsonant : withVowel;
  return ending === 'vowel' ? withVowel : withConsonant;
}

/** `word` followed by its particle: `withParticle(2, '이/가')` → `2가`. */
export function withParticle(word: string | number, pair: ParticlePair): string {
  return `${word}${particle(word, pair)}`;
}
