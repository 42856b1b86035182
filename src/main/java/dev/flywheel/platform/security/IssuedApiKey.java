package dev.flywheel.platform.security;

/** A freshly issued key; {@code secret} is the only time the plaintext exists. */
public record IssuedApiKey(ApiKey key, String secret) {}
