// What main needs from the desktop, behind small interfaces: Electron provides them in the app, the
// browser harness provides recording versions.

/** The system clipboard. */
export interface ClipboardPort {
  writeText(text: string): void;
}

/** Files and folders the person chooses in the system's dialogs; null when they cancel. */
export interface FilePort {
  /** Saves a file where the person chooses; resolves to the path. */
  save(suggestedName: string, content: string | Uint8Array): Promise<string | null>;
  /** Asks for a folder (an existing one, or one made in the dialog); resolves to its path. */
  chooseFolder(title: string): Promise<string | null>;
  /** Asks for an existing file with one of the extensions (no dot); resolves to its path. */
  chooseFile(title: string, extensions: readonly string[]): Promise<string | null>;
}

/** Opens a web page in the person's browser, only through openExternalSafe (listed sites only). */
export interface LinkPort {
  open(url: string, allowedSites: readonly string[]): Promise<void>;
}

/** Renders a print route of the renderer (e.g. "print/cost-summary/12") with the same templates everywhere. */
export interface PrintPort {
  /** A PDF of the route, US Letter. */
  toPdf(route: string): Promise<Uint8Array>;
  /** Sends the route to a printer (the system print dialog). */
  print(route: string): Promise<void>;
}
