export * from './document-number';
export * from './document-numbering';
export * from './document-layout';
export * from './pdf-renderer';
export * from './document-files';
