import PDFDocument from 'pdfkit';

/**
 * A pdfkit document collected into one Buffer, with the reports' shared layout: a bold 13 pt heading
 * and 10 pt text lines. `done` resolves once `doc.end()` has been called and every byte is written.
 */
export function startPdf(options: PDFKit.PDFDocumentOptions) {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => {
    doc
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(text)
      .font('Helvetica')
      .fontSize(10)
      .moveDown(0.2);
  };
  const line = (text: string, indent = 0) => {
    doc.text(text, { indent });
  };
  return { doc, done, heading, line };
}
