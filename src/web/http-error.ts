// An HTTP failure with its status and an i18n key (CONVENTIONS 8): handlers throw it, the app's onError renders it.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class HttpError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly key: string,
    message: string,
  ) {
    super(status, { message });
  }
}
