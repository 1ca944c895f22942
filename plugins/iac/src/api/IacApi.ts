import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  GenerateKind,
  JsonSchema,
  PreviewResult,
  RequestOptions,
  TemplateSummary,
  UpgradePreviewResult,
  ValidateResponse,
} from './types';

/** A generated archive, ready to be saved. */
export interface IacArchive {
  blob: Blob;
  /** From Content-Disposition, e.g. "orders-platform.zip". */
  filename: string;
}

/**
 * The IaC Forge REST API as the frontend uses it. Every call goes through
 * the fetchApi (the routes need a Backstage token).
 */
export interface IacApi {
  /** GET /templates */
  listTemplates(options?: RequestOptions): Promise<TemplateSummary[]>;
  /** GET /schemas/:name (cached per name). */
  getSchema(name: string, options?: RequestOptions): Promise<JsonSchema>;
  /** POST /validate/:kind: field-path issues, nothing rendered. */
  validate(
    kind: GenerateKind,
    payload: unknown,
    options?: RequestOptions,
  ): Promise<ValidateResponse>;
  /** POST /generate/:kind/preview: the files, or the issues of a 400. */
  preview(
    kind: GenerateKind,
    payload: unknown,
    options?: RequestOptions & { checks?: boolean },
  ): Promise<PreviewResult>;
  /** POST /generate/:kind/download: the ZIP. Throws IacRequestError (with issues) on a 400. */
  download(
    kind: GenerateKind,
    payload: unknown,
    options?: RequestOptions,
  ): Promise<IacArchive>;
  /**
   * Reads `.iacforge/answers.json` of a generated repository from its
   * source location (`url:https://…/tree/main/`). Resolves undefined when the
   * file cannot be read (private repository, other host, missing file).
   */
  readAnswers(
    sourceLocation: string,
    options?: RequestOptions,
  ): Promise<Record<string, unknown> | undefined>;
  /** POST /upgrade/preview: an upgrade as a dry run (diff against main, predicted conflicts). */
  previewUpgrade(
    request: { location: string; answers?: Record<string, unknown> },
    options?: RequestOptions,
  ): Promise<UpgradePreviewResult>;
}

/** The API reference of the IaC Forge client. */
export const iacApiRef = createApiRef<IacApi>({ id: 'plugin.iac.api' });
