package dev.vinfer.api;

/**
 * What {@code vinfer backends} shows of one backend.
 *
 * @param name        the name that selects it ({@code --backend}, {@link ModelOptions#withBackend})
 * @param description one line on what it is
 * @param priority    its rank when the engine chooses; the usable backend with the highest wins
 * @param usable      whether it can run on this JVM and machine
 * @param detail      why it can or cannot run here
 */
public record BackendInfo(String name, String description, int priority, boolean usable, String detail) {
}
