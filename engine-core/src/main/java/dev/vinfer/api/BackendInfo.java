package dev.vinfer.api;

/** What {@code vinfer backends} shows of one backend. */
public record BackendInfo(String name, String description, int priority, boolean usable, String detail) {
}
