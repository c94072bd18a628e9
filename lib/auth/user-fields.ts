/**
 * The rules for the user fields better-auth would let a user write (`name`, `image`). Names come
 * from the directory and are what approvers read as 요청자, so they are short and plain; an image
 * is an https URL or nothing.
 */
export const MAX_USER_NAME_LENGTH = 50;

// Control characters (C0, C1, DEL), line separators, and the invisible format characters
// (zero-width, bidi overrides) that make a name read differently from what it is.
const FORBIDDEN_IN_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Korean message for the first problem with the fields present, or null when they are fine. */
export function userFieldProblem(fields: { name?: unknown; image?: unknown }): string | null {
  if (fields.name !== undefined) {
    if (typeof fields.name !== 'string' || fields.name.trim().length === 0) return '이름을 입력해 주세요.';
    if ([...fields.name].length > MAX_USER_NAME_LENGTH) {
      return `이름은 ${MAX_USER_NAME_LENGTH}자 이하여야 합니다.`;
    }
    if (FORBIDDEN_IN_NAME.test(fields.name)) return '이름에 제어 문자를 쓸 수 없습니다.';
  }
  if (fields.image !== undefined && fields.image !== null) {
    if (typeof fields.image !== 'string' || !isHttpsUrl(fields.image)) {
      return '사진 주소는 https 주소만 쓸 수 있습니다.';
    }
  }
  return null;
}

function isHttpsUrl(value: string): boolean {
  if (value.length > 2048 || FORBIDDEN_IN_NAME.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
