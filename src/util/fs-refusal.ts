// How file-system refusals read in messages about a place cs-train could not write.

/** File-system refusals that say a location cannot be written, not that cs-train is wrong. */
const REFUSALS: Record<string, string> = {
  ENOTDIR: 'is a file, not a folder',
  ENOENT: 'does not take new folders',
  EEXIST: 'is a file, not a folder',
  EACCES: 'may not be written',
  EPERM: 'may not be written',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full disk',
  EDQUOT: 'is over its disk quota',
};

/** What a refusal with `code` says of the place, e.g. "is a file, not a folder"; undefined for other errors. */
export function refusal(code: string | undefined): string | undefined {
  return code === undefined ? undefined : REFUSALS[code];
}
