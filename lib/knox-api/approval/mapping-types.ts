export interface Attachment {
  contentType: string;
  fileName: string;
  /** base64 */
  contents: string;
}
