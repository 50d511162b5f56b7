/** The REST routes the administration uses where GraphQL carries no files: multipart uploads answering the envelope. */
import { authHeaders, sessionExpired } from '../../auth.ts';

export interface Envelope<T> {
  readonly data: T | null;
  readonly isSuccess: boolean;
  readonly error: string | null;
  readonly errorDetails: unknown;
}

/** Posts one file as multipart part 'file' and answers the server's envelope, whatever the status. */
export async function postFile<T>(url: string, file: File): Promise<Envelope<T>> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(url, { method: 'POST', headers: authHeaders(), body: form });
  if (response.status === 401) {
    sessionExpired();
    throw new Error('Your session ended.');
  }
  try {
    return (await response.json()) as Envelope<T>;
  } catch {
    return { data: null, isSuccess: false, error: `The upload failed (${response.status}).`, errorDetails: null };
  }
}
