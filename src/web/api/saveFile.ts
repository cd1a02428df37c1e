/**
 * Hand a file the console fetched (a PDF, a CSV, a JSON export) to the browser to save. Nothing is kept
 * in the browser's storage; the object URL is revoked once the download has started.
 */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
