/** A refused or failed operation: the CLI prints the message on stderr and exits 1. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export interface RestClientOptions {
  baseUrl: string;
  token?: string;
  /** The simulator's Knox credentials, which its control API asks of programs. */
  simulator: { systemId: string; token: string };
  fetch: typeof fetch;
}

/** The REST API of CONTRACTS.md, over HTTP: every error envelope becomes a CliFailure with its message. */
export class RestClient {
  constructor(private readonly options: RestClientOptions) {}

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const search = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ).toString();
    return this.send<T>('GET', search ? `${path}?${search}` : path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.options.token) {
      throw new CliFailure(
        'API 토큰이 없습니다: APPROVALS_TOKEN 환경 변수나 --token 옵션으로 지정하세요',
        'NO_TOKEN',
      );
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetchOrFail(`${this.options.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await readJson(response);
    if (response.ok) return payload as T;
    const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new CliFailure(
      error?.message
        ? `${error.message} (${error.code ?? response.status})`
        : `HTTP ${response.status} ${response.statusText}`,
      error?.code,
    );
  }

  /** The simulator's control API (`/knox-sim/sim/act`): the simulator's Knox credentials, Knox's envelope. */
  async simulatorAct(input: {
    apInfId: string;
    epId: string;
    action: string;
    opinion?: string;
  }): Promise<unknown> {
    const response = await this.fetchOrFail(`${this.options.baseUrl}/knox-sim/sim/act`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'System-ID': this.options.simulator.systemId,
        authorization: `Bearer ${this.options.simulator.token}`,
      },
      body: JSON.stringify(input),
    });
    const payload = (await readJson(response)) as
      | { result?: string; data?: unknown; errorDetail?: { errorCode?: string; errorMessage?: string } }
      | undefined;
    if (response.status === 404 && payload?.result === undefined) {
      throw new CliFailure(
        `${this.options.baseUrl}에서 Knox 시뮬레이터를 찾을 수 없습니다 (실제 Knox를 쓰는 서버입니다)`,
      );
    }
    if (payload?.result === 'success') return payload.data;
    const detail = payload?.errorDetail;
    throw new CliFailure(
      detail?.errorMessage
        ? `Knox 시뮬레이터가 거부했습니다: ${detail.errorMessage} (${detail.errorCode ?? response.status})`
        : `Knox 시뮬레이터 오류: HTTP ${response.status}`,
      detail?.errorCode,
    );
  }

  private async fetchOrFail(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.options.fetch(url, init);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new CliFailure(
        `서버에 연결할 수 없습니다: ${this.options.baseUrl} (${cause ?? (error as Error).message}). APPROVALS_URL을 확인하세요`,
      );
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (response.ok) throw new CliFailure(`서버가 JSON이 아닌 응답을 보냈습니다 (HTTP ${response.status})`);
    return undefined;
  }
}
