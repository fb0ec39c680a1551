import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import type { Role } from '../db/schema/index.js';
import { howLong } from './durations.js';
import { roleLabels } from './roles.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const govukDir = path.join(root, 'node_modules/govuk-frontend/dist');

export interface NavItem {
  href: string;
  text: string;
  roles: readonly Role[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Features add their entries to the service navigation, for the roles that use them. */
    navigation: NavItem[];
  }
  interface FastifyReply {
    /** Render a page in the layout, with the signed-in worker, navigation and CSRF token. */
    page(template: string, data?: Record<string, unknown>): FastifyReply;
  }
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: 'Europe/London',
});

/** Error pages can be rendered before a session exists; they then carry no token. */
function csrfTokenFor(reply: FastifyReply): string {
  try {
    return reply.request.session ? reply.csrfToken() : '';
  } catch {
    return '';
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Typed text as paragraphs and bullet lists: a blank line starts a new paragraph, and lines
 * starting "- " or "* " are a list. Everything is escaped first; nothing else is interpreted.
 */
export function prose(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*[-*•]\s+/.test(l))) {
        return `<ul class="govuk-list govuk-list--bullet">${lines.map((l) => `<li>${escapeHtml(l.replace(/^\s*[-*•]\s+/, ''))}</li>`).join('')}</ul>`;
      }
      return `<p class="govuk-body">${lines.map(escapeHtml).join('<br>')}</p>`;
    })
    .join('');
}

export default fp(
  async function views(app: FastifyInstance) {
    // nunjucks caches each compiled template for the life of the process (noCache is off).
    await app.register(fastifyView, {
      engine: { nunjucks },
      templates: [path.join(root, 'src/views'), path.join(root, 'src/features'), govukDir],
      options: {
        autoescape: true,
        trimBlocks: true,
        lstripBlocks: true,
        onConfigure(env: nunjucks.Environment) {
          env.addFilter('date', (d: Date | string | null) => (d ? dateFormat.format(new Date(d)) : ''));
          env.addFilter('dateTime', (d: Date | string | null) =>
            d ? dateTimeFormat.format(new Date(d)).replace(' at ', ', ') : '',
          );
          env.addFilter('howLong', (ms: number) => howLong(ms));
          env.addFilter('roleLabel', (r: Role) => roleLabels[r] ?? r);
          // A form field's name as words: "whatHappensNext" -> "What happens next".
          env.addFilter('fieldName', (name: string) => {
            const words = name
              .replace(/[-_.]/g, ' ')
              .replace(/([a-z])([A-Z])/g, '$1 $2')
              .toLowerCase();
            return words.charAt(0).toUpperCase() + words.slice(1);
          });
          // A field's error for GOV.UK macros' errorMessage: `errors | errorFor('name')`; none gives no message.
          env.addFilter('errorFor', (errors: Record<string, string> | null | undefined, field: string) =>
            errors?.[field] ? { text: errors[field] } : undefined,
          );
          env.addFilter('prose', (text: string | null) => new nunjucks.runtime.SafeString(prose(text ?? '')));
          env.addGlobal('organisationName', app.config.organisationName);
        },
      },
    });
    await app.register(fastifyStatic, {
      root: path.join(govukDir, 'govuk/assets'),
      prefix: '/assets/',
      maxAge: '1d',
    });
    await app.register(fastifyStatic, {
      root: [path.join(root, 'build/public'), path.join(root, 'src/assets')],
      prefix: '/public/',
      decorateReply: false,
      maxAge: app.config.env === 'production' ? '1d' : 0,
    });

    app.decorate('navigation', [] as NavItem[]);

    app.decorateReply('page', function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
      const req = this.request;
      const worker = req.worker;
      const here = req.url.split('?')[0];
      const navigation = worker
        ? app.navigation
            .filter((n) => n.roles.includes(worker.role))
            .map((n) => ({
              href: n.href,
              text: n.text,
              active: n.href === '/' ? here === '/' : here.startsWith(n.href),
            }))
        : [];
      this.type('text/html; charset=utf-8');
      return this.view(template, {
        worker: worker && { id: worker.id, name: worker.name, role: worker.role, roleLabel: roleLabels[worker.role] },
        navigation,
        csrfToken: csrfTokenFor(this),
        sessionTimeout: worker && {
          idleMs: app.config.idleTimeoutMs,
          warningMs: app.config.timeoutWarningMs,
        },
        currentPath: here,
        ...data,
      });
    });
  },
  { name: 'views', dependencies: ['csrf'] },
);
