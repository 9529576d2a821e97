// The raw Content-Type of one named part of a multipart body, read from the body's first bytes.

/** The value of the Content-Type header of the part named `name`, or null when it is not in `head`. */
export function partContentType(head: Buffer, bodyContentType: string, name: string): string | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(bodyContentType);
  const delimiter = boundary?.[1] ?? boundary?.[2];
  if (!delimiter) return null;
  const marker = Buffer.from(`--${delimiter}`);
  for (let at = head.indexOf(marker); at !== -1; at = head.indexOf(marker, at + marker.length)) {
    const start = at + marker.length;
    const end = head.indexOf('\r\n\r\n', start);
    if (end === -1) return null;
    const headers = head.subarray(start, end).toString('latin1').split('\r\n');
    const disposition = headers.find((line) => /^content-disposition:/i.test(line));
    const partName = disposition ? /;\s*name="([^"]*)"/i.exec(disposition)?.[1] : undefined;
    if (partName !== name) continue;
    const type = headers.find((line) => /^content-type:/i.test(line));
    return type ? type.slice(type.indexOf(':') + 1).trim() : null;
  }
  return null;
}
