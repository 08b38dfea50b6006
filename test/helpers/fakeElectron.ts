// A stand-in for the parts of Electron that bootstrap.ts uses, faithful where the hardening depends on
// it: a BrowserWindow announces its webContents through the app's 'web-contents-created' event before
// the constructor returns; every webContents is an event emitter with a main frame, a window-open
// handler, printing and page scripts; ipcMain keeps one invoke handler per channel and calls it with an
// event carrying the sender and its frame; the session keeps the handlers set on it; safeStorage
// encrypts reversibly (never the plain secret) and names a keyring backend. Names and signatures follow
// electron.d.ts (checked by `satisfies` against its types). Nothing here launches anything.
import { EventEmitter } from 'node:events';
import type {
  App,
  BrowserWindowConstructorOptions,
  Dialog,
  IpcMain,
  SafeStorage,
  Session,
  IpcMainInvokeEvent,
  MessageBoxOptions,
  MessageBoxReturnValue,
  OnBeforeRequestListenerDetails,
} from 'electron';

/** A preventable Electron event (navigation events pass one, with the url on it for frame navigation). */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  url?: string;
}
export const fakeEvent = (url?: string): FakeEvent => {
  const event: FakeEvent = {
    defaultPrevented: false,
    url,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
};

type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeFrame {
  constructor(
    public url: string,
    readonly top: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeFrame('');
  openHandler: OpenHandler | null = null;
  /** The page's hash: set by the URL loaded, and by a script that assigns location.hash. */
  hash = '';
  /** What main pushed to the page (webContents.send), in order. */
  sent: Array<[string, unknown]> = [];
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  /**
   * What page scripts answer: the print view moves to the hash it is given and reports that job ready
   * at once (printQueue.ts reads its data-print-ready / -failed as one object).
   */
  pageScript: (code: string) => unknown = (code) => {
    const assign = /^location\.hash = (".*")$/.exec(code);
    if (assign) {
      this.hash = JSON.parse(assign[1]!) as string;
      return this.hash;
    }
    return code.includes('printReady') ? { ready: this.hash, failed: null, problem: null } : undefined;
  };
  printed: unknown[] = [];
  isCrashed(): boolean {
    return false;
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  async executeJavaScript(code: string): Promise<unknown> {
    return this.pageScript(code);
  }
  async printToPDF(options: unknown): Promise<Buffer> {
    this.printed.push({ pdf: options });
    return Buffer.from('%PDF-1.7 fake');
  }
  print(options: unknown, callback: (success: boolean, reason: string) => void): void {
    this.printed.push({ print: options });
    callback(true, '');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrls: string[] = [];
  private destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
    this.webContents.hash = new URL(url).hash;
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export interface FakeElectronOptions {
  isPackaged: boolean;
  userData: string;
  /** safeStorage: false when the OS offers no protected storage. */
  encryption?: boolean;
}

export function createFakeElectron(options: FakeElectronOptions) {
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const windows: FakeBrowserWindow[] = [];

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged,
    quitCalls: 0,
    relaunchCalls: 0,
    requestSingleInstanceLock: (): boolean => true,
    quit() {
      app.quitCalls++;
    },
    relaunch() {
      app.relaunchCalls++;
    },
    whenReady: () => readyPromise,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not modelled`);
      return options.userData;
    },
    getVersion: () => '0.0.0-test',
  });

  /** As in Electron: the app hears about each new webContents before the window's constructor returns. */
  const BrowserWindow = class extends FakeBrowserWindow {
    constructor(windowOptions: BrowserWindowConstructorOptions) {
      super(windowOptions);
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
  } as new (options: BrowserWindowConstructorOptions) => FakeBrowserWindow;

  type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
  const ipcHandlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle(channel: string, handler: InvokeHandler) {
      if (ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    },
  };

  type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
  type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
  type DeviceHandler = Parameters<Session['setDevicePermissionHandler']>[0];
  type BeforeRequest = (
    details: OnBeforeRequestListenerDetails,
    callback: (response: { cancel?: boolean }) => void,
  ) => void;
  const handlers = {
    permissionRequest: null as RequestHandler,
    permissionCheck: null as CheckHandler,
    devicePermission: null as DeviceHandler,
    beforeRequest: null as BeforeRequest | null,
  };
  const session = {
    setPermissionRequestHandler(handler: RequestHandler) {
      handlers.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: CheckHandler) {
      handlers.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: DeviceHandler) {
      handlers.devicePermission = handler;
    },
    webRequest: {
      onBeforeRequest(listener: BeforeRequest) {
        handlers.beforeRequest = listener;
      },
    },
  };

  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: { url: string }) => Promise<Response> | Response>(),
    registerSchemesAsPrivileged(schemes: unknown[]) {
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: { url: string }) => Promise<Response> | Response) {
      protocol.handlers.set(scheme, handler);
    },
  };

  const safeStorage = {
    isAsyncEncryptionAvailable: async () => options.encryption ?? true,
    getSelectedStorageBackend: () => 'gnome_libsecret' as const,
    encryptStringAsync: async (text: string) =>
      Buffer.from(`enc:${Buffer.from(text).reverse().toString('base64')}`),
    decryptStringAsync: async (data: Buffer) => ({
      result: Buffer.from(data.toString().slice(4), 'base64').reverse().toString(),
      shouldReEncrypt: false,
    }),
  };

  const errorBoxes: Array<{ title: string; content: string }> = [];
  /** Message boxes shown, and the buttons the person presses next, in order (none left: the cancel button). */
  const messageBoxes: MessageBoxOptions[] = [];
  const messageBoxAnswers: number[] = [];
  const dialog = {
    showErrorBox: (title: string, content: string) => void errorBoxes.push({ title, content }),
    showMessageBox: async (box: MessageBoxOptions) => {
      messageBoxes.push(box);
      return { response: messageBoxAnswers.shift() ?? box.cancelId ?? 0, checkboxChecked: false };
    },
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
  };

  // The signatures bootstrap relies on, held to electron.d.ts: a renamed or re-shaped API fails typecheck.
  safeStorage satisfies Pick<
    SafeStorage,
    'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
  >;
  session satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
  ipcMain satisfies Pick<IpcMain, 'handle'>;
  dialog satisfies Pick<Dialog, 'showErrorBox'> & {
    showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
  };
  app satisfies Pick<
    App,
    'requestSingleInstanceLock' | 'quit' | 'relaunch' | 'getPath' | 'getVersion' | 'whenReady'
  >;

  const electron = {
    app,
    BrowserWindow,
    clipboard: { writeText: (_text: string) => undefined },
    dialog,
    ipcMain,
    powerMonitor: new EventEmitter(),
    protocol,
    safeStorage,
    session: { defaultSession: session },
    shell: { openExternal: async (_url: string) => undefined },
  };

  /** Sends an IPC invoke as Electron would, from `frame` of `contents`. */
  async function invoke(
    channel: string,
    input: unknown,
    from: { contents: FakeWebContents; frame: FakeFrame | null },
  ): Promise<unknown> {
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = { sender: from.contents, senderFrame: from.frame } as unknown as IpcMainInvokeEvent;
    return handler(event, input);
  }

  return {
    electron,
    ready,
    windows,
    ipcHandlers,
    /** What bootstrap set on the default session. */
    session: handlers,
    protocol,
    errorBoxes,
    messageBoxes,
    messageBoxAnswers,
    invoke,
    /** The first window that is not a hidden print window. */
    mainWindow: () =>
      windows.find((w) => w.options.show === false && w.options.title === 'VerifyDesk') ?? null,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
