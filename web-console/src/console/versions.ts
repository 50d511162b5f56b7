/**
 * Optimistic concurrency in forms: objects carry a version that a save must send back. A page reads the object again
 * after each save, but a form used before that read lands must send the version the save answered, not the older one.
 */

/** The newer of the version last read and the one a save answered (null when neither is known). */
export function latestVersion(read: number | null, answered: number | null): number | null {
  if (read == null) return answered;
  if (answered == null) return read;
  return Math.max(read, answered);
}
