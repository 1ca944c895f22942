export { iacApiRef } from './IacApi';
export type { IacApi, IacArchive } from './IacApi';
export {
  IacClient,
  IacRequestError,
  answersUrls,
  filenameFromDisposition,
} from './IacClient';
export * from './types';
