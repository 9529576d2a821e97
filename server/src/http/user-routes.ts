// Admin-only account management (an extension, see docs/PROTOCOL-extensions.md).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { userCreateSchema, uuid } from '../protocol/schemas.js';
import type { UserAdmin } from '../supervisors/user-admin.js';
import { requireSupervisor } from './auth-middleware.js';
import { parse } from './validate.js';

const userPatchSchema = z.object({ disabled: z.boolean() });

function requireAdmin(req: Request) {
  const identity = requireSupervisor(req);
  if (identity.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins may manage accounts');
  return identity;
}

export function userRoutes(deps: { users: UserAdmin }) {
  const router = Router();

  router.get('/users', async (req, res) => {
    requireAdmin(req);
    res.json({ items: await deps.users.list() });
  });

  router.post('/users', async (req, res) => {
    requireAdmin(req);
    res.status(201).json(await deps.users.create(parse(userCreateSchema, req.body)));
  });

  router.patch('/users/:id', async (req, res) => {
    const admin = requireAdmin(req);
    const id = parse(uuid, req.params.id);
    const body = parse(userPatchSchema, req.body);
    res.json(await deps.users.setDisabled(admin.userId, id, body.disabled));
  });

  return router;
}
