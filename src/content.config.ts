/**
 * One collection per kind of the registry (the built-in kinds and those
 * opsbook.config.ts adds), each loaded through the validated project. Pages
 * read the project itself; the collections hold what Astro renders (MDX
 * documents) and a digest of every other document (lib/loader.ts).
 */
import { defineCollection } from 'astro:content';
import { root } from 'virtual:opsbook/config';
import { opsbookLoader } from './lib/loader.ts';
import { getProject } from './lib/project-cache.ts';

const project = await getProject(root);

export const collections = Object.fromEntries(project.kinds.all.map((kind) => [kind.name, defineCollection({ loader: opsbookLoader(kind.name), schema: kind.schema })]));
