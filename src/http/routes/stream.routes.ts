import type { ServerResponse } from 'node:http';
import Type from 'typebox';
import type { Core } from '../../core.ts';
import type { ChangeMessage } from '../../live/change-bus.ts';
import { changesSince } from '../../live/change-feed.ts';
import { filterChange, type StreamFilter } from '../../live/stream-filter.ts';
import { requireAccount, stillSignedIn } from '../auth.ts';
import type { TypedServer } from '../server.ts';

const HEARTBEAT_MS = 15_000;
const list = (s: string | undefined) => (s ? new Set(s.split(',').map((x) => x.trim()).filter(Boolean)) : undefined);

export function streamRoutes(api: TypedServer, core: Core): void {
  // Streams never go idle, so closing the server would wait on them for ever: end them first; browsers reconnect.
  const open = new Set<ServerResponse>();
  api.addHook('preClose', (done) => {
    for (const res of open) res.end();
    done();
  });
  api.get('/api/stream', {
    schema: {
      tags: ['trực tiếp'],
      summary: 'Luồng Server-Sent Events (cần đăng nhập: số liệu trực tiếp chưa công bố): mỗi thay đổi đã ghi (giá trị KPI, điểm, thứ hạng), lọc theo đơn vị và chỉ tiêu',
      description: 'Gửi lại header Last-Event-ID (hoặc ?lastEventId=) để nhận tiếp những thay đổi đã lỡ.',
      querystring: Type.Object({
        unit: Type.Optional(Type.String({ maxLength: 2000 })),
        indicator: Type.Optional(Type.String({ maxLength: 2000 })),
        lastEventId: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
    },
  }, async (req, reply) => {
    requireAccount(req);
    const filter: StreamFilter = { units: list(req.query.unit), indicators: list(req.query.indicator) };
    const header = req.headers['last-event-id'];
    const resumeFrom = Number(Array.isArray(header) ? header[0] : header ?? req.query.lastEventId ?? NaN);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');

    let lastSent = Number.isFinite(resumeFrom) ? resumeFrom : -1;
    const send = (message: ChangeMessage) => {
      if (message.seq <= lastSent) return;
      lastSent = message.seq;
      const part = filterChange(message, filter, core.ctx.units);
      if (part) res.write(`id: ${part.seq}\nevent: change\ndata: ${JSON.stringify(part)}\n\n`);
    };
    // Subscribe before reading the backlog, then hold live messages until the backlog is out: nothing lost, nothing twice.
    const held: ChangeMessage[] = [];
    let replaying = true;
    const unsubscribe = core.bus.subscribe((m) => (replaying ? held.push(m) : send(m)));
    const heartbeat = setInterval(() => {
      void stillSignedIn(core, req).then((ok) => (ok ? res.write(': ♥\n\n') : res.end()), () => res.end());
    }, HEARTBEAT_MS);
    open.add(res);
    req.raw.on('close', () => {
      open.delete(res);
      clearInterval(heartbeat);
      unsubscribe();
    });

    if (lastSent >= 0) {
      for (let batch = await changesSince(core.db, lastSent); batch.length > 0; batch = await changesSince(core.db, lastSent)) {
        batch.forEach(send);
      }
    } else {
      const row = await core.db.selectFrom('changes').select(({ fn }) => fn.max('seq').as('seq')).executeTakeFirst();
      lastSent = Number(row?.seq ?? 0);
    }
    replaying = false;
    held.forEach(send);
    res.write(`event: ready\ndata: ${JSON.stringify({ lastEventId: lastSent })}\n\n`);
  });
}
