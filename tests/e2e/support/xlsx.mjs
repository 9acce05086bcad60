// Reads an .xlsx file in the tests, without a library: the zip's central
// directory, each part inflated with Node's zlib, and a sheet's cells with
// their type (numeric cells carry no t="s"/"str" attribute).
import zlib from 'node:zlib';

/** The zip's parts by name. */
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const parts = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    parts.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The workbook's sheet names, and each sheet's cells by reference ("B5"):
 * `{ value, number }` (number: a numeric cell). */
export function readXlsx(buf) {
  const parts = unzip(buf);
  const text = (n) => parts.get(n)?.toString('utf8') ?? '';
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => unescape([...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')));
  const names = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => unescape(m[1]));
  const sheets = names.map((_, i) => {
    const cells = new Map();
    for (const m of text(`xl/worksheets/sheet${i + 1}.xml`).matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, ref, attrs, body = ''] = m;
      const v = body.match(/<v>([^<]*)<\/v>/)?.[1];
      const type = attrs.match(/t="([^"]+)"/)?.[1];
      if (type === 's') cells.set(ref, { value: shared[Number(v)], number: false });
      else if (type === 'inlineStr') cells.set(ref, { value: unescape(body.match(/<t[^>]*>([^<]*)<\/t>/)?.[1] ?? ''), number: false });
      else if (v !== undefined) cells.set(ref, { value: type === 'str' ? unescape(v) : v, number: !type || type === 'n' });
    }
    return cells;
  });
  return { names, sheets, styles: text('xl/styles.xml'), sheetXml: (i) => text(`xl/worksheets/sheet${i + 1}.xml`) };
}
