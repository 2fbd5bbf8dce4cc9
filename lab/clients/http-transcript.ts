/** A redacted record of every HTTP exchange a scenario makes: evidence an auditor can read. */

export interface Exchange {
  at: string;
  method: string;
  url: string;
  status: number | null;
  requestBody?: string;
  responseBody?: string;
  durationMs: number;
}

const MAX_BODY = 4000;

export class HttpTranscript {
  readonly exchanges: Exchange[] = [];

  record(exchange: Exchange): void {
    this.exchanges.push(exchange);
  }

  /** The transcript as text, passed through the caller's redaction (secrets never leave raw). */
  toText(redact: (text: string) => string): string {
    return redact(
      this.exchanges
        .map((e) =>
          [
            `[${e.at}] ${e.method} ${e.url} -> ${e.status ?? 'no response'} (${e.durationMs} ms)`,
            e.requestBody ? `  > ${clip(e.requestBody)}` : '',
            e.responseBody ? `  < ${clip(e.responseBody)}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        )
        .join('\n'),
    );
  }
}

function clip(body: string): string {
  const flat = body.replace(/\s+/g, ' ');
  return flat.length > MAX_BODY ? `${flat.slice(0, MAX_BODY)}… (${flat.length} chars)` : flat;
}
