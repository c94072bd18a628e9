/** Pages show times the one way lib/time defines (`2026-12-02 04:50`, KST); `—` when there is none. */
export { formatDate, formatDateTime, formatDateTimeSeconds } from '@/lib/time/kst';
