import type { FastifyRequest } from 'fastify';
import type { Actor } from '../writes/write-gate.ts';

/** Until accounts and tokens land (#5), every HTTP write is attributed to the calling address. */
export const actorOf = (req: FastifyRequest): Actor => ({ id: `anonymous@${req.ip}`, kind: 'anonymous', ip: req.ip });
