import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { govukDir } from './views.js';

/**
 * The GOV.UK template's one inline script (it marks the body as js-enabled) is allowed by
 * its hash, read from the installed template, so the CSP needs no per-request nonce.
 */
function govukInlineScriptHash(): string {
  const template = readFileSync(path.join(govukDir, 'govuk/template.njk'), 'utf8');
  const match = /<script[^>]*>([^<]+)<\/script>/.exec(template);
  if (!match) throw new Error('GOV.UK template: inline script not found');
  return `'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`;
}

export default fp(
  async function security(app: FastifyInstance) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", govukInlineScriptHash()],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: app.config.env === 'production' ? [] : null,
        },
      },
      strictTransportSecurity: app.config.env === 'production',
      crossOriginEmbedderPolicy: false,
    });
    // Pages carry personal data: no browser or proxy keeps a copy (ASVS 14.3.2). Static files
    // (/public, /assets) and routes that chose their own caching keep their header.
    app.addHook('onSend', (_req, reply, payload, done) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  },
  { name: 'security' },
);
