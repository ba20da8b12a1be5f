import { defineCollection } from 'astro:content';
import { opsbookLoader } from './lib/loader.ts';
import { OperationSchema, ProcedureSchema, RunbookSchema, ServiceSchema, TeamSchema } from './model/index.ts';

export const collections = {
  teams: defineCollection({ loader: opsbookLoader('teams'), schema: TeamSchema }),
  services: defineCollection({ loader: opsbookLoader('services'), schema: ServiceSchema }),
  runbooks: defineCollection({ loader: opsbookLoader('runbooks'), schema: RunbookSchema }),
  procedures: defineCollection({ loader: opsbookLoader('procedures'), schema: ProcedureSchema }),
  operations: defineCollection({ loader: opsbookLoader('operations'), schema: OperationSchema }),
};
