/**
 * Customer sessions for H5 pages and customer endpoints: signed, expiring tokens the app backend
 * asks for with its API key ({@code POST /api/v1/customer-sessions}), verified without server
 * state ({@link dev.flywheel.platform.customersession.CustomerSessions}); the request's principal
 * is a {@link dev.flywheel.platform.customersession.CustomerPrincipal}. Customer-facing requests
 * ({@code /h5/**}, {@code /api/v1/customer/**}) are rate limited per IP and per customer
 * ({@link dev.flywheel.platform.customersession.TokenBuckets}). Public types: reuse them for any
 * customer-facing feature (lottery, fission). See {@code docs/api/customer-sessions.md}.
 */
package dev.flywheel.platform.customersession;
