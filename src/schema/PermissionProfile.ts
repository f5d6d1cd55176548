/** What an approval asks to be allowed beyond the sandbox. */
export interface PermissionProfile {
  network?: { enabled?: boolean };
  fileSystem?: { read?: string[]; write?: string[] };
}
