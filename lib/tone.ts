/**
 * What a status means to the eye, by name rather than colour: lib says `danger`, and only
 * components/ui decides that danger is rose. Labels in lib (action, Knox, vendor, PQ statuses) pick
 * a tone; the badge maps it to classes in one place.
 */
export const TONES = ['neutral', 'info', 'success', 'warning', 'danger', 'accent', 'highlight'] as const;
export type Tone = (typeof TONES)[number];
