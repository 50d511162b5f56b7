/** File downloads: fetched with the bearer token (a plain link cannot carry it), then saved through a blob URL. */
import { authHeaders, sessionExpired } from './auth.ts';

/** The file name of a Content-Disposition header (RFC 6266 filename* first), or null. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) {
    return null;
  }
  const star = /filename\*\s*=\s*([^']*)''([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? null;
}

export async function downloadFile(url: string, fallbackName: string): Promise<string> {
  const response = await fetch(url, { headers: authHeaders() });
  if (response.status === 401) {
    sessionExpired();
    throw new Error('Your session ended.');
  }
  if (!response.ok) {
    let message = `The download failed (${response.status}).`;
    try {
      const body = (await response.json()) as { error?: string };
      message = body.error ?? message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  const name = dispositionFileName(response.headers.get('Content-Disposition')) ?? fallbackName;
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

/** Uploads a file as multipart form data (the Office template upload); answers the envelope's error on failure. */
export async function uploadFile(url: string, field: string, file: File, method = 'PUT'): Promise<void> {
  const form = new FormData();
  form.append(field, file);
  const response = await fetch(url, { method, headers: authHeaders(), body: form });
  if (response.status === 401) {
    sessionExpired();
    throw new Error('Your session ended.');
  }
  if (!response.ok) {
    let message = `The upload failed (${response.status}).`;
    try {
      const body = (await response.json()) as { error?: string };
      message = body.error ?? message;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
}
