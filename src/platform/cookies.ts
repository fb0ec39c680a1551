import type { Config } from '../config.js';

/**
 * Hearth's cookies (the session's and, before sign-in, the CSRF secret's) are HttpOnly,
 * SameSite=Lax and for the whole site. In production they are Secure and named with the
 * `__Host-` prefix: the browser then takes them only over https, for path / and with no
 * Domain, so a neighbouring subdomain cannot set or overwrite them (ASVS 3.3).
 */
export function cookieName(config: Pick<Config, 'env'>, name: string): string {
  return config.env === 'production' ? `__Host-${name}` : name;
}

/** A new object each time: @fastify/session changes the one it is given. */
export function cookieOptions(config: Pick<Config, 'env'>) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.env === 'production',
    // No domain (a __Host- cookie must have none) and no maxAge: the cookie ends with the browser.
  };
}
