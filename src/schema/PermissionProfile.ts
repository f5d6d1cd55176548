/** What an approval asks to be allowed beyond the sandbox. */
export interface PermissionProfile {
  /** Network access, when asked for. */
  network?: { enabled?: boolean };
  /** Paths to read and to write beyond the sandbox. */
  fileSystem?: { read?: string[]; write?: string[] };
}
