/** Pages show a document through the same allow-list that cleans it before it goes to Knox. */
export { sanitizeDocumentHtml } from '@/lib/html/sanitize';
