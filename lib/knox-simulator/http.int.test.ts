import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KNOX_ERROR } from '@/lib/knox-api/approval/codes';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { handleKnoxSimRequest, routeKnoxSimRequest } from './http';
import { seedKnoxSimPeople } from './people';
import { type KnoxSimulatorServer, startKnoxSimulatorServer } from './server';
import { KnoxSimulator } from './simulator';
import { drafter, submitBody } from './test-fixtures';

let database: TestDatabase;
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;
const HEADERS = { 'System-ID': 'SYS', Authorization: 'Bearer secret', 'Content-Type': 'application/json' };
const APPROVALS = '/approval/api/v2.0/approvals';
const LINE = [drafter(), { epId: 'A2001', seq: 1, role: 1 }];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedKnoxSimPeople(database.db);
});
afterAll(() => database?.destroy());

describe('the fetch-style handler (as mounted in the app)', () => {
  let sim: KnoxSimulator;
  const sleeps: number[] = [];
  const deps = () => ({
    simulator: sim,
    basePath: '/knox-sim',
    ownOrigin: 'http://app.test',
    // Records waits instead of waiting, except when a signal ends them.
    sleep: async (ms: number, signal: AbortSignal) => {
      sleeps.push(ms);
      if (ms >= 1000 && !signal.aborted) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      }
    },
  });
  const call = (path: string, init: RequestInit = {}) =>
    handleKnoxSimRequest(
      new Request(`http://app.test/knox-sim${path}`, { ...init, headers: { ...HEADERS, ...init.headers } }),
      deps(),
    );
  const post = (path: string, body: unknown, init: RequestInit = {}) =>
    call(path, { method: 'POST', body: JSON.stringify(body), ...init });
  const known = async (apInfId: string) => (await sim.status([{ apinfid: apInfId }])).ok;

  beforeAll(() => {
    sim = new KnoxSimulator({ db: database.db, systemId: 'SYS', token: 'secret' });
  });
  afterEach(() => {
    sim.faults.clear();
    sleeps.length = 0;
  });

  it('serves submit, status, detail and cancel in Knox envelopes', async () => {
    const apInfId = nextId('h');
    const submit = await post(`${APPROVALS}/submit`, submitBody(apInfId, LINE));
    expect(submit.status).toBe(200);
    expect(await submit.json()).toEqual({ result: 'success', data: { apInfId }, statusCode: '200' });
    const status = await post(`${APPROVALS}/status`, [{ apinfid: apInfId }]);
    expect(await status.json()).toEqual({
      result: 'success',
      data: [{ apInfId, docChgNum: '0', status: '1' }],
      statusCode: '200',
    });
    const detail = await call(`${APPROVALS}/${apInfId}/detail`);
    expect(await detail.json()).toMatchObject({ result: 'success', data: { apInfId, status: '1' } });
    const cancel = await post(`${APPROVALS}/${apInfId}/cancel`, { apInfId, opinion: '취소' });
    expect(await cancel.json()).toEqual({ result: 'success', data: { apInfId }, statusCode: '200' });
  });

  it('answers business errors with HTTP 200 result "fail" and the error detail', async () => {
    const response = await call(`${APPROVALS}/unknown-id/detail`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      result: 'fail',
      errorDetail: {
        url: `/knox-sim${APPROVALS}/unknown-id/detail`,
        errorCode: 'APE020',
        errorMessage: '[apInfId] that request process does not exist',
        detailMessages: null,
      },
    });
    const broken = await call(`${APPROVALS}/submit`, { method: 'POST', body: '{not json' });
    expect(await broken.json()).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.INVALID_REQUEST },
    });
  });

  it('answers 401 with Knox body for a wrong token or System-ID, and does nothing', async () => {
    const apInfId = nextId('auth');
    const variants: Array<Record<string, string>> = [
      { Authorization: 'Bearer wrong' },
      { 'System-ID': 'OTHER' },
      { Authorization: '' },
    ];
    for (const headers of variants) {
      const response = await post(`${APPROVALS}/submit`, submitBody(apInfId, LINE), { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: '900901', message: 'Invalid Credentials' });
    }
    expect(await known(apInfId)).toBe(false);
  });

  it('answers 404 outside its routes and 405 for a wrong method', async () => {
    expect((await call('/approval/api/v2.0/other')).status).toBe(404);
    expect((await call(`${APPROVALS}/submit`)).status).toBe(405);
    expect((await post(`${APPROVALS}/x/detail`, {})).status).toBe(405);
    const outside = await handleKnoxSimRequest(new Request('http://app.test/api/health'), deps());
    expect(outside.status).toBe(404);
  });

  it('keeps and validates fault settings through the control API', async () => {
    const set = await post('/sim/faults', { latencyMs: 250, failRate: 0.5 });
    expect(await set.json()).toMatchObject({
      result: 'success',
      data: { latencyMs: 250, failRate: 0.5, errorRate: 0, dropRate: 0, outage: false },
    });
    for (const bad of [
      { errorRate: 2 },
      { dropRate: -0.1 },
      { latencyMs: 'slow' },
      { outage: 'yes' },
      { typo: 1 },
    ]) {
      const refused = await (await post('/sim/faults', bad)).json();
      expect(refused).toMatchObject({
        result: 'fail',
        errorDetail: { errorCode: KNOX_ERROR.INVALID_REQUEST },
      });
    }
    expect(await (await call('/sim/faults')).json()).toMatchObject({
      data: { latencyMs: 250, failRate: 0.5 },
    });
    expect(await (await call('/sim/faults', { method: 'DELETE' })).json()).toMatchObject({
      data: { latencyMs: 0, failRate: 0, errorRate: 0, dropRate: 0, outage: false },
    });
  });

  it('adds latency to Knox calls only', async () => {
    sim.faults.update({ latencyMs: 300 });
    await post(`${APPROVALS}/status`, [{ apinfid: 'x' }]);
    expect(sleeps).toEqual([300]);
    await call('/sim/inbox?epId=A2001');
    expect(sleeps).toEqual([300]);
  });

  it('answers HTTP 500 at the error rate before doing anything', async () => {
    sim.faults.update({ errorRate: 1 });
    const apInfId = nextId('e500');
    const response = await post(`${APPROVALS}/submit`, submitBody(apInfId, LINE));
    expect(response.status).toBe(500);
    sim.faults.clear();
    expect(await known(apInfId)).toBe(false);
  });

  it('answers result "fail" at the fail rate before doing anything', async () => {
    sim.faults.update({ failRate: 1 });
    const apInfId = nextId('fail');
    const body = await (await post(`${APPROVALS}/submit`, submitBody(apInfId, LINE))).json();
    expect(body).toMatchObject({ result: 'fail', errorDetail: { errorCode: KNOX_ERROR.INJECTED_FAILURE } });
    sim.faults.clear();
    expect(await known(apInfId)).toBe(false);
  });

  it('fails every Knox call with 503 during an outage, but keeps the control API up', async () => {
    sim.faults.update({ outage: true });
    expect((await post(`${APPROVALS}/status`, [{ apinfid: 'x' }])).status).toBe(503);
    expect((await call('/sim/faults')).status).toBe(200);
  });

  it('stores a dropped submit and holds the answer until the client gives up', async () => {
    sim.faults.update({ dropRate: 1 });
    const apInfId = nextId('drop');
    const aborter = new AbortController();
    const pending = handleKnoxSimRequest(
      new Request(`http://app.test/knox-sim${APPROVALS}/submit`, {
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify(submitBody(apInfId, LINE)),
        signal: aborter.signal,
      }),
      deps(),
    );
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    // Stored before the answer is lost: ask until it shows up (the handler has no hook to await).
    for (let i = 0; i < 200 && !(await known(apInfId)); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await known(apInfId)).toBe(true);
    expect(settled).toBe(false);
    aborter.abort();
    expect((await pending).status).toBe(504);
    expect(sleeps).toContain(120_000);
  });

  it('drops only submit and cancel answers', async () => {
    sim.faults.update({ dropRate: 1 });
    const response = await post(`${APPROVALS}/status`, [{ apinfid: 'nope' }]);
    expect(await response.json()).toMatchObject({ result: 'fail', errorDetail: { errorCode: 'APE020' } });
  });

  it('applies rates with the injected randomness', async () => {
    const rolls = [0.2, 0.8];
    const seeded = new KnoxSimulator({
      db: database.db,
      systemId: 'SYS',
      token: 'secret',
      random: () => rolls.shift() ?? 0.99,
    });
    seeded.faults.update({ errorRate: 0.5 });
    const request = () =>
      routeKnoxSimRequest(
        new Request(`http://app.test${APPROVALS}/status`, {
          method: 'POST',
          headers: HEADERS,
          body: JSON.stringify([{ apinfid: 'nope' }]),
        }),
        { simulator: seeded, ownOrigin: 'http://app.test' },
      );
    expect(((await request()) as Response).status).toBe(500);
    expect(((await request()) as Response).status).toBe(200);
  });

  it('acts and lists through the control API in the Knox envelope', async () => {
    const apInfId = nextId('ctl');
    await post(`${APPROVALS}/submit`, submitBody(apInfId, LINE));
    const inbox = await (await call('/sim/inbox?epId=A2001')).json();
    expect(inbox.data.map((item: { apInfId: string }) => item.apInfId)).toContain(apInfId);
    const acted = await (
      await post('/sim/act', { apInfId, epId: 'A2001', action: 'approve', opinion: '좋습니다' })
    ).json();
    expect(acted).toMatchObject({ result: 'success', data: { apInfId, status: 2, docChgNum: 1 } });
    const refused = await (await post('/sim/act', { apInfId, epId: 'A2001', action: 'approve' })).json();
    expect(refused).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.ACTION_NOT_ALLOWED },
    });
    const people = await (await call('/sim/people')).json();
    expect(people.data.map((person: { epId: string }) => person.epId)).toContain('A2002');
  });
});

describe("the control API's access checks", () => {
  const OWN = 'http://app.test';
  let sim: KnoxSimulator;
  let sessionSignedIn = false;
  const sessionChecks: string[] = [];
  const deps = () => ({
    simulator: sim,
    basePath: '/knox-sim',
    ownOrigin: OWN,
    hasPortalSession: async (request: Request) => {
      sessionChecks.push(request.headers.get('cookie') ?? '');
      return sessionSignedIn;
    },
  });
  const act = (headers: Record<string, string>, body: unknown) =>
    handleKnoxSimRequest(
      new Request(`${OWN}/knox-sim/sim/act`, { method: 'POST', headers, body: JSON.stringify(body) }),
      deps(),
    );
  const CREDS = { 'System-ID': 'SYS', Authorization: 'Bearer secret' };
  const JSON_TYPE = { 'Content-Type': 'application/json' };
  const knoxStatus = async (apInfId: string) => {
    const result = await sim.status([{ apinfid: apInfId }]);
    return result.ok ? Number(result.data[0]!.status) : undefined;
  };
  const submitted = async () => {
    const apInfId = nextId('acl');
    await sim.submit(submitBody(apInfId, LINE));
    return apInfId;
  };
  const approve = (apInfId: string) => ({ apInfId, epId: 'A2001', action: 'approve' });

  beforeAll(() => {
    sim = new KnoxSimulator({ db: database.db, systemId: 'SYS', token: 'secret' });
  });
  afterEach(() => {
    sessionSignedIn = false;
    sessionChecks.length = 0;
    sim.faults.clear();
  });

  it('refuses the cross-site text/plain POST a web page can send, and the document stays open', async () => {
    const apInfId = await submitted();
    // What <form enctype="text/plain"> or fetch(no-cors) on another site sends: no credentials.
    const response = await act(
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'text/plain' },
      approve(apInfId),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.CROSS_SITE_REFUSED },
    });
    expect(await knoxStatus(apInfId)).toBe(1);
  });

  it('refuses a foreign or null Origin and a cross-site fetch even with the credentials', async () => {
    const apInfId = await submitted();
    for (const headers of [
      { Origin: 'https://evil.example' } as Record<string, string>,
      { Origin: 'null' },
      { Origin: 'http://app.test:8080' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const response = await act({ ...CREDS, ...JSON_TYPE, ...headers }, approve(apInfId));
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await knoxStatus(apInfId)).toBe(1);
  });

  it('refuses a body that is not application/json with 415', async () => {
    const apInfId = await submitted();
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await act({ ...CREDS, Origin: OWN, 'Content-Type': type }, approve(apInfId));
      expect(response.status, type).toBe(415);
      expect(await response.json()).toMatchObject({
        errorDetail: { errorCode: KNOX_ERROR.UNSUPPORTED_MEDIA_TYPE },
      });
    }
    expect(await knoxStatus(apInfId)).toBe(1);
  });

  it('answers 401 to a same-origin caller with neither credentials nor a session', async () => {
    const apInfId = await submitted();
    for (const headers of [
      { ...JSON_TYPE, Origin: OWN },
      { ...JSON_TYPE },
      { ...JSON_TYPE, 'System-ID': 'SYS', Authorization: 'Bearer wrong' },
      { ...JSON_TYPE, Authorization: 'Bearer secret' },
    ]) {
      const response = await act(headers, approve(apInfId));
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.json()).toMatchObject({ errorDetail: { errorCode: KNOX_ERROR.UNAUTHENTICATED } });
    }
    expect(await knoxStatus(apInfId)).toBe(1);
    const reads = [
      new Request(`${OWN}/knox-sim/sim/inbox?epId=A2001`),
      new Request(`${OWN}/knox-sim/sim/people`),
      new Request(`${OWN}/knox-sim/sim/faults`),
      new Request(`${OWN}/knox-sim/sim/faults`, { method: 'DELETE' }),
    ];
    for (const request of reads) expect((await handleKnoxSimRequest(request, deps())).status).toBe(401);
  });

  it('serves a caller holding the simulator credentials without asking for a session', async () => {
    const apInfId = await submitted();
    const response = await act({ ...CREDS, ...JSON_TYPE }, approve(apInfId));
    expect(await response.json()).toMatchObject({ result: 'success', data: { apInfId, status: 2 } });
    expect(sessionChecks).toEqual([]);
  });

  it('serves a same-origin request of a signed-in portal user', async () => {
    const apInfId = await submitted();
    sessionSignedIn = true;
    const response = await act(
      { ...JSON_TYPE, Origin: OWN, 'Sec-Fetch-Site': 'same-origin', Cookie: 'session=abc' },
      approve(apInfId),
    );
    expect(await response.json()).toMatchObject({ result: 'success', data: { apInfId, status: 2 } });
    expect(sessionChecks).toEqual(['session=abc']);
  });

  it('refuses a NUL in a body before it reaches the database', async () => {
    const apInfId = await submitted();
    // JSON.stringify writes it as a \u0000 escape: valid JSON, which the simulator must still refuse.
    const nulOpinion = await act({ ...CREDS, ...JSON_TYPE }, { ...approve(apInfId), opinion: 'a\u0000b' });
    expect(await nulOpinion.json()).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.INVALID_REQUEST },
    });
    // The inbox's server action reaches the simulator without this HTTP layer: its schema refuses too.
    expect(await sim.act({ ...approve(apInfId), opinion: 'a\u0000b' })).toMatchObject({
      ok: false,
      code: KNOX_ERROR.INVALID_REQUEST,
    });
    const nulEpId = await act({ ...CREDS, ...JSON_TYPE }, { ...approve(apInfId), epId: 'A2001\u0000' });
    expect(await nulEpId.json()).toMatchObject({ errorDetail: { errorCode: KNOX_ERROR.INVALID_REQUEST } });
    expect(await knoxStatus(apInfId)).toBe(1);
    // The Knox API reads its bodies the same way: a NUL in a subject is refused, nothing stored.
    const nulSubject = nextId('nul');
    const submit = await handleKnoxSimRequest(
      new Request(`${OWN}/knox-sim${APPROVALS}/submit`, {
        method: 'POST',
        headers: { ...CREDS, ...JSON_TYPE },
        body: JSON.stringify(submitBody(nulSubject, LINE, { subject: '제목\u0000' })),
      }),
      deps(),
    );
    expect(await submit.json()).toMatchObject({ errorDetail: { errorCode: KNOX_ERROR.INVALID_REQUEST } });
    expect(await knoxStatus(nulSubject)).toBeUndefined();
    // Other control characters are ordinary text to store.
    const ok = await act(
      { ...CREDS, ...JSON_TYPE },
      { ...approve(apInfId), opinion: '첫 줄\n둘째 줄\t끝\u000c' },
    );
    expect(await ok.json()).toMatchObject({ result: 'success' });
  });
});

describe('the standalone server', () => {
  let server: KnoxSimulatorServer;
  let numeric: KnoxSimulatorServer;

  beforeAll(async () => {
    server = await startKnoxSimulatorServer({ db: database.db, port: 0, systemId: 'SYS', token: 'secret' });
    numeric = await startKnoxSimulatorServer({
      db: database.db,
      systemId: 'SYS',
      token: 'secret',
      numberEncoding: 'number',
    });
  });
  afterAll(async () => {
    await server?.close();
    await numeric?.close();
  });
  afterEach(() => server.simulator.faults.clear());

  const post = (base: string, path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });

  it('serves the Knox API at the root of its port, in either number encoding', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const apInfId = nextId('srv');
    expect(
      await (await post(server.url, `${APPROVALS}/submit`, submitBody(apInfId, LINE))).json(),
    ).toMatchObject({
      result: 'success',
      data: { apInfId },
    });
    const asStrings = await (await post(server.url, `${APPROVALS}/status`, [{ apinfid: apInfId }])).json();
    expect(asStrings).toEqual({
      result: 'success',
      data: [{ apInfId, docChgNum: '0', status: '1' }],
      statusCode: '200',
    });
    const asNumbers = await (await post(numeric.url, `${APPROVALS}/status`, [{ apinfid: apInfId }])).json();
    expect(asNumbers).toEqual({
      result: 'success',
      data: [{ apInfId, docChgNum: 0, status: 1 }],
      statusCode: 200,
    });
    const detail = await (
      await fetch(`${numeric.url}${APPROVALS}/${apInfId}/detail`, { headers: HEADERS })
    ).json();
    expect(detail.data.aplns[1]).toMatchObject({ seq: 1, role: 1, aplnStatsCode: 0 });
    const unauthorized = await fetch(`${server.url}${APPROVALS}/status`, { method: 'POST', body: '[]' });
    expect(unauthorized.status).toBe(401);
  });

  it('guards its control API: credentials required, cross-site browser requests refused', async () => {
    const apInfId = nextId('srv-acl');
    await post(server.url, `${APPROVALS}/submit`, submitBody(apInfId, LINE));
    const body = JSON.stringify({ apInfId, epId: 'A2001', action: 'approve' });
    const anonymous = await fetch(`${server.url}/sim/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await fetch(`${server.url}/sim/act`, {
      method: 'POST',
      headers: { ...HEADERS, Origin: 'https://evil.example' },
      body,
    });
    expect(crossSite.status).toBe(403);
    const plain = await fetch(`${server.url}/sim/act`, {
      method: 'POST',
      headers: { ...HEADERS, 'Content-Type': 'text/plain' },
      body,
    });
    expect(plain.status).toBe(415);
    // Its own origin is the server's URL.
    const own = await fetch(`${server.url}/sim/act`, {
      method: 'POST',
      headers: { ...HEADERS, Origin: server.url },
      body,
    });
    expect(await own.json()).toMatchObject({ result: 'success', data: { apInfId, status: 2 } });
  });

  it('stores a dropped submit and cuts the connection', async () => {
    server.simulator.faults.update({ dropRate: 1 });
    const apInfId = nextId('cut');
    await expect(post(server.url, `${APPROVALS}/submit`, submitBody(apInfId, LINE))).rejects.toThrow();
    server.simulator.faults.clear();
    const status = await (await post(server.url, `${APPROVALS}/status`, [{ apinfid: apInfId }])).json();
    expect(status).toMatchObject({ result: 'success', data: [{ apInfId, status: '1' }] });
  });

  it('resets connections during an outage and serves again after', async () => {
    await (await post(server.url, '/sim/faults', { outage: true })).json();
    await expect(post(server.url, `${APPROVALS}/status`, [{ apinfid: 'x' }])).rejects.toThrow();
    await fetch(`${server.url}/sim/faults`, { method: 'DELETE', headers: HEADERS });
    const after = await post(server.url, `${APPROVALS}/status`, [{ apinfid: 'x' }]);
    expect(after.status).toBe(200);
  });

  it('closes even with a connection held open', async () => {
    const extra = await startKnoxSimulatorServer({ db: database.db });
    extra.simulator.faults.update({ latencyMs: 60_000 });
    const hanging = fetch(`${extra.url}${APPROVALS}/status`, {
      method: 'POST',
      headers: { 'System-ID': 'KNOX-SIM', Authorization: 'Bearer knox-sim-token' },
      body: '[]',
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await extra.close();
    expect(await hanging).toBeInstanceOf(Error);
  });
});
