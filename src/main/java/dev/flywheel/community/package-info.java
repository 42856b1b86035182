/**
 * Community: a bank's customer communities (group chats) and the back office their account
 * managers run them from (seed 001).
 *
 * <p>A {@link dev.flywheel.community.Community} is owned by account managers (EMPLOYEE users) and
 * bound to one chat adapter: the built-in web chat room, or an external group chat reached through
 * a signed HTTP adapter. Inbound member messages arrive through
 * {@link dev.flywheel.community.CommunityChat#receive} (webhook {@code POST
 * /api/v1/communities/{id}/messages}, HMAC-signed, or the web room) and are stored once per chat
 * message id, stamped with the server's receive time; each new one is published as a
 * {@link dev.flywheel.community.CommunityMessageReceived} inside the receiving transaction.
 * Outbound posts ({@link dev.flywheel.community.CommunityChat#post}) are stored and handed to the
 * adapter by a durable db-scheduler task, with retries and backoff.
 *
 * <p>The built-in web chat room ({@code room}: join link, customer endpoints, live over SSE) is a
 * real channel whose messages go through {@code receive} like a webhook's.
 * {@link dev.flywheel.community.CommunityInsights} reads each community's tag mix (single-need
 * warning), suggests whom to invite to reach a target mix, and measures health. The console pages
 * ({@code console}) carry a tab bar others extend with {@link dev.flywheel.community.ConsoleTab} beans.
 *
 * <p>Tables: {@code community_communities}, {@code community_managers}, {@code community_members},
 * {@code community_messages}. Sub-packages are internal: {@code store} (SQL), {@code chat}
 * (adapters and delivery), {@code web} (API), {@code room} (web chat room), {@code console} (console pages). HTTP: {@code docs/api/community.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Community")
package dev.flywheel.community;
