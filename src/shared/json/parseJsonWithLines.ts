// A strict JSON reader that also remembers the line each value starts on, so an import error can say
// "line 42, plans.3.policies.0.values.coverageBp" instead of just "invalid". Same grammar as JSON.parse.

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface JsonWithLines {
  value: unknown;
  /** Line of the value at a dotted path ("plans.3.name"); the nearest enclosing value's line if unknown. */
  lineOf(path: ReadonlyArray<string | number>): number;
}

const MAX_DEPTH = 64;

export function parseJsonWithLines(text: string): JsonWithLines {
  let i = 0;
  let line = 1;
  const lines = new Map<string, number>();

  const fail = (message: string): never => {
    throw new JsonSyntaxError(line, `Line ${line}: ${message}`);
  };
  const skip = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      i++;
    }
  };

  function parseString(): string {
    i++; // opening quote
    let out = '';
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('a text value has a broken escape (\\).');
        }
        continue;
      }
      if (c === '\n' || c.charCodeAt(0) < 0x20) fail('a text value is not closed on its line.');
      out += c;
      i++;
    }
    return fail('a text value is never closed.');
  }

  function parseValue(path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) fail('the file is nested too deeply.');
    skip();
    lines.set(path, line);
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      skip();
      if (text[i] === '}') {
        i++;
        return { ...obj };
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('expected a quoted field name.');
        const key = parseString();
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`the field "${key}" appears twice.`);
        skip();
        if (text[i] !== ':') fail(`expected ":" after "${key}".`);
        i++;
        obj[key] = parseValue(path === '' ? key : `${path}.${key}`, depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          // A plain object: no prototype tricks (a "__proto__" key stays an ordinary, rejected field).
          return Object.assign(Object.create(null), obj) as Record<string, unknown>;
        }
        fail('expected "," or "}".');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(path === '' ? String(arr.length) : `${path}.${arr.length}`, depth + 1));
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail('expected "," or "]".');
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 40),
    );
    if (!literal) return fail('expected a value.');
    i += literal[0].length;
    return literal[0] === 'true'
      ? true
      : literal[0] === 'false'
        ? false
        : literal[0] === 'null'
          ? null
          : Number(literal[0]);
  }

  const value = parseValue('', 0);
  skip();
  if (i < text.length) fail('there is more text after the end of the data.');
  return {
    value,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const found = lines.get(path.slice(0, n).join('.'));
        if (found !== undefined) return found;
      }
      return 1;
    },
  };
}
