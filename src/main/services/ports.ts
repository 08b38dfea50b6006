// What main needs from the desktop, behind small interfaces: Electron provides them in the app, the
// browser harness provides recording versions.

/** The system clipboard. */
export interface ClipboardPort {
  writeText(text: string): void;
}

/** Saves a file where the person chooses; resolves to the path, or null when they cancel. */
export interface FilePort {
  save(suggestedName: string, content: string): Promise<string | null>;
}
