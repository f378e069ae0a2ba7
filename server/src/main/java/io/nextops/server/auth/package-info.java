/**
 * Authentication and roles, as the original's SimpleJWT setup: users in {@code accounts_user} with Django-compatible
 * password hashes ({@link io.nextops.server.auth.PasswordHasher}), HS256 access and refresh tokens with rotation and
 * a blacklist, a filter that puts the {@link io.nextops.web.Caller} on every authenticated {@code /api/} request,
 * failed-login limits, metrics access, and the {@code create-user} command. The entry point is
 * {@link io.nextops.server.auth.Authentication}; see {@code docs/security.md}.
 */
package io.nextops.server.auth;
