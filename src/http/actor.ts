import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';

/** Who is calling, as the auth layer (src/http/auth.ts) worked it out. */
export const actorOf = (req: FastifyRequest): Actor => req.actor;
