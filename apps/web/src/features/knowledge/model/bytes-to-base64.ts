/** Base64 of bytes without building one huge argument list (String.fromCharCode(...all) overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  const sliceLength = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += sliceLength) {
    binary += String.fromCharCode(...bytes.subarray(start, start + sliceLength));
  }
  return btoa(binary);
}

/** The file's bytes as base64, for the upload procedure (JSON carries no bytes). */
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
