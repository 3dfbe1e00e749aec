package dev.sticker.core.account;

/** What a key may do, as fal scopes its keys: call the model API, or also administer accounts and keys. */
public enum Scope {
    API,
    ADMIN
}
